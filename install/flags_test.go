package install

import (
	"bytes"
	"errors"
	"flag"
	"reflect"
	"strings"
	"testing"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		cmd     string
		args    []string
		want    Options
		wantErr string // substring of the error; "" for success
	}{
		{"install", nil, Options{User: true, Name: "gopar"}, ""},
		{"install", []string{"--user"}, Options{User: true, Name: "gopar"}, ""},
		{"install", []string{"-user"}, Options{User: true, Name: "gopar"}, ""},
		{"install", []string{"--prefix", "/opt/j"}, Options{Prefix: "/opt/j", Name: "gopar"}, ""},
		{"install", []string{"--prefix=/opt/j"}, Options{Prefix: "/opt/j", Name: "gopar"}, ""},
		{"install", []string{"--sys-prefix"}, Options{SysPrefix: true, Name: "gopar"}, ""},
		{"install", []string{"--name", "gopar-dev"}, Options{User: true, Name: "gopar-dev"}, ""},
		{"install", []string{"--name=go1.26", "--prefix", "p"}, Options{Prefix: "p", Name: "go1.26"}, ""},
		{"install", []string{"--user=false", "--sys-prefix"}, Options{SysPrefix: true, Name: "gopar"}, ""},
		{"install", []string{"--sys-prefix", "--env", "GOPAR_MEMORY_LIMIT=2GiB", "--env=GOMAXPROCS=2", "--env", "TZ="},
			Options{SysPrefix: true, Name: "gopar", Env: map[string]string{"GOPAR_MEMORY_LIMIT": "2GiB", "GOMAXPROCS": "2", "TZ": ""}}, ""},
		{"uninstall", nil, Options{User: true, Name: "gopar"}, ""},
		{"uninstall", []string{"--sys-prefix", "--name", "x"}, Options{SysPrefix: true, Name: "x"}, ""},

		{"install", []string{"--user", "--prefix", "/opt/j"}, Options{}, "gopar install: --user and --prefix cannot be used together"},
		{"install", []string{"--user", "--sys-prefix"}, Options{}, "--user and --sys-prefix cannot be used together"},
		{"uninstall", []string{"--prefix", "/opt/j", "--sys-prefix"}, Options{}, "gopar uninstall: --prefix and --sys-prefix cannot be used together"},
		{"install", []string{"--user", "--prefix", "/opt/j", "--sys-prefix"}, Options{}, "--user, --prefix and --sys-prefix cannot be used together"},
		{"install", []string{"--prefix", ""}, Options{}, "--prefix needs a directory"},
		{"install", []string{"--prefix"}, Options{}, "flag needs an argument: -prefix"},
		{"install", []string{"--frobnicate"}, Options{}, "flag provided but not defined: -frobnicate"},
		{"install", []string{"extra"}, Options{}, `unexpected argument "extra"`},
		{"install", []string{"--user", "extra"}, Options{}, `unexpected argument "extra"`},
		{"install", []string{"--name", "Go"}, Options{}, `invalid kernelspec name "Go"`},
		{"install", []string{"--name", ""}, Options{}, `invalid kernelspec name ""`},
		{"install", []string{"--name", "../evil"}, Options{}, `invalid kernelspec name "../evil"`},
		{"install", []string{"--env", "GOMAXPROCS"}, Options{}, `--env takes NAME=VALUE, not "GOMAXPROCS"`},
		{"install", []string{"--env", "1X=y"}, Options{}, `"1X" is not an environment variable name`},
		{"install", []string{"--env", "GOMAXPROCS=0"}, Options{}, `GOMAXPROCS="0" is not a number of cores`},
		{"install", []string{"--env", "GOPAR_MEMORY_LIMIT=lots"}, Options{}, `GOPAR_MEMORY_LIMIT="lots" is not a size`},
		{"uninstall", []string{"--env", "GOMAXPROCS=2"}, Options{}, "flag provided but not defined: -env"},
		{"remove", nil, Options{}, `unknown command "remove"`},
	}
	for _, tt := range tests {
		t.Run(tt.cmd+" "+strings.Join(tt.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			got, err := ParseFlags(tt.cmd, tt.args, &out)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Errorf("err = %v", err)
			} else if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options = %+v, want %+v", got, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("ParseFlags wrote %q", out.String())
			}
		})
	}
}

func TestParseFlagsHelp(t *testing.T) {
	for _, cmd := range []string{"install", "uninstall"} {
		for _, arg := range []string{"-h", "--help", "-help"} {
			var out bytes.Buffer
			_, err := ParseFlags(cmd, []string{"--user", arg}, &out)
			if !errors.Is(err, flag.ErrHelp) || err != flag.ErrHelp {
				t.Errorf("%s %s: err = %v, want flag.ErrHelp", cmd, arg, err)
			}
			for _, want := range []string{"usage: gopar " + cmd + " ", "--user", "--prefix DIR", "--sys-prefix", "--name NAME"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("%s %s: usage %q lacks %q", cmd, arg, out.String(), want)
				}
			}
		}
	}
}
