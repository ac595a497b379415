package magics

import (
	"context"
	"os"
	"strings"
	"testing"
)

func runEnvMagic(t *testing.T, args string) (*everydayEnv, *Result, error) {
	t.Helper()
	m, ok := Lookup("env")
	if !ok || m.Line == nil {
		t.Fatal("env is not a line magic")
	}
	env := newEverydayEnv()
	res, err := m.Line(context.Background(), env, args, 1)
	return env, res, err
}

// unsetForTest unsets name for the test, restoring it afterwards.
func unsetForTest(t *testing.T, name string) {
	t.Setenv(name, "")
	os.Unsetenv(name)
}

func TestEnvList(t *testing.T) {
	t.Setenv("GOPAR_ENV_B", "two words")
	t.Setenv("GOPAR_ENV_A", "1")
	t.Setenv("GOPAR_ENV_API_KEY", "hunter2")
	t.Setenv("GOPAR_ENV_Token", "abc")
	_, res, err := runEnvMagic(t, "  ")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(plainText(res), "\n")
	if !isSortedByKey(lines) {
		t.Errorf("not sorted by key:\n%s", plainText(res))
	}
	var ours []string
	for _, l := range lines {
		if strings.HasPrefix(l, "GOPAR_ENV_") {
			ours = append(ours, l)
		}
	}
	want := []string{"GOPAR_ENV_A=1", "GOPAR_ENV_API_KEY=<hidden>", "GOPAR_ENV_B=two words", "GOPAR_ENV_Token=<hidden>"}
	if strings.Join(ours, "|") != strings.Join(want, "|") {
		t.Errorf("listing has %q, want %q", ours, want)
	}
	vars, ok := res.Value.(map[string]string)
	if !ok || vars["GOPAR_ENV_B"] != "two words" || vars["GOPAR_ENV_API_KEY"] != "<hidden>" {
		t.Errorf("Value = %#v", res.Value)
	}
}

func isSortedByKey(lines []string) bool {
	for i := 1; i < len(lines); i++ {
		a, _, _ := strings.Cut(lines[i-1], "=")
		b, _, _ := strings.Cut(lines[i], "=")
		if a > b {
			return false
		}
	}
	return true
}

func TestEnvGet(t *testing.T) {
	t.Setenv("GOPAR_ENV_GET", `a "quoted" value`)
	unsetForTest(t, "GOPAR_ENV_UNSET")
	tests := []struct {
		args, display, value, err string
	}{
		{args: "GOPAR_ENV_GET", display: `"a \"quoted\" value"`, value: `a "quoted" value`},
		{args: " GOPAR_ENV_GET ", display: `"a \"quoted\" value"`, value: `a "quoted" value`},
		{args: "GOPAR_ENV_UNSET", err: "UsageError: environment variable GOPAR_ENV_UNSET is not set"},
	}
	for _, tt := range tests {
		env, res, err := runEnvMagic(t, tt.args)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%%env %s: err = %v, want %s", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%%env %s: %v", tt.args, err)
			continue
		}
		if plainText(res) != tt.display || res.Value != tt.value {
			t.Errorf("%%env %s = %q (value %#v), want %q", tt.args, plainText(res), res.Value, tt.display)
		}
		if env.Out() != "" {
			t.Errorf("%%env %s printed %q", tt.args, env.Out())
		}
	}
}

func TestEnvSet(t *testing.T) {
	tests := []struct {
		args, name, value, out, err string
	}{
		{args: "GOPAR_ENV_SET=1", name: "GOPAR_ENV_SET", value: "1", out: "env: GOPAR_ENV_SET=1\n"},
		{args: "GOPAR_ENV_SET = spaced out ", name: "GOPAR_ENV_SET", value: "spaced out", out: "env: GOPAR_ENV_SET=spaced out\n"},
		{args: "GOPAR_ENV_SET two words", name: "GOPAR_ENV_SET", value: "two words", out: "env: GOPAR_ENV_SET=two words\n"},
		{args: "GOPAR_ENV_SET=a=b", name: "GOPAR_ENV_SET", value: "a=b", out: "env: GOPAR_ENV_SET=a=b\n"},
		{args: `GOPAR_ENV_SET="kept"`, name: "GOPAR_ENV_SET", value: `"kept"`, out: "env: GOPAR_ENV_SET=\"kept\"\n"},
		{args: "GOPAR_ENV_SET=", name: "GOPAR_ENV_SET", value: "", out: "env: GOPAR_ENV_SET=\n"},
		{args: "GOPAR_ENV_SET A=B", err: "UsageError: refusing to set env var with whitespace: 'GOPAR_ENV_SET A'"},
		{args: "=x", err: "UsageError: usage is '%env var=val'"},
	}
	for _, tt := range tests {
		unsetForTest(t, "GOPAR_ENV_SET")
		env, res, err := runEnvMagic(t, tt.args)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%%env %s: err = %v, want %s", tt.args, err, tt.err)
			}
			if _, set := os.LookupEnv("GOPAR_ENV_SET"); set {
				t.Errorf("%%env %s set the variable", tt.args)
			}
			continue
		}
		if err != nil || res != nil {
			t.Errorf("%%env %s = %v, %v", tt.args, res, err)
			continue
		}
		if got, ok := os.LookupEnv(tt.name); !ok || got != tt.value {
			t.Errorf("%%env %s: %s = %q (set %v), want %q", tt.args, tt.name, got, ok, tt.value)
		}
		if env.Out() != tt.out {
			t.Errorf("%%env %s printed %q, want %q", tt.args, env.Out(), tt.out)
		}
	}
}

func TestEnvSetReachesShell(t *testing.T) {
	needUnixShell(t)
	unsetForTest(t, "GOPAR_ENV_SHELL")
	if _, _, err := runEnvMagic(t, "GOPAR_ENV_SHELL=seen"); err != nil {
		t.Fatal(err)
	}
	env := newEverydayEnv()
	if err := runShell(context.Background(), env, `echo "$GOPAR_ENV_SHELL"`); err != nil {
		t.Fatal(err)
	}
	if env.Out() != "seen\n" {
		t.Errorf("shell saw %q", env.Out())
	}
}
