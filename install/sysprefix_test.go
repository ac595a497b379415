package install

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestParseShebang(t *testing.T) {
	tests := []struct {
		name string
		head string
		want []string
	}{
		{"direct", "#!/usr/bin/python3\nimport sys\n", []string{"/usr/bin/python3"}},
		{"direct with space", "#! /opt/conda/bin/python3.12\n", []string{"/opt/conda/bin/python3.12"}},
		{"direct with arg", "#!/usr/bin/python3 -sE\n", []string{"/usr/bin/python3", "-sE"}},
		{"tab before arg", "#!/usr/bin/python3\t-E\n", []string{"/usr/bin/python3", "-E"}},
		{"crlf", "#!/usr/bin/python3\r\n", []string{"/usr/bin/python3"}},
		{"no newline", "#!/venv/bin/python", []string{"/venv/bin/python"}},
		{"env", "#!/usr/bin/env python3\n", []string{"/usr/bin/env", "python3"}},
		{"env -S", "#!/usr/bin/env -S python3 -E\n", []string{"/usr/bin/env", "-S python3 -E"}},
		{"pip sh wrapper", "#!/bin/sh\n'''exec' \"/home/u/my env/bin/python3\" \"$0\" \"$@\"\n' '''\n", []string{"/home/u/my env/bin/python3"}},
		{"env not python", "#!/usr/bin/env bash\n", nil},
		{"sh script", "#!/bin/sh\nexec python3 -m jupyter \"$@\"\n", nil},
		{"bash", "#!/bin/bash\n", nil},
		{"no shebang", "import sys\n", nil},
		{"binary", "\x7fELF\x02\x01\x01", nil},
		{"empty", "", nil},
		{"bare", "#!\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseShebang([]byte(tt.head)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseShebang(%q) = %q, want %q", tt.head, got, tt.want)
			}
		})
	}
}

// writeScript writes an executable shell script.
func writeScript(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestSysPrefix puts on PATH a fake jupyter whose shebang names a fake
// Python that prints a temporary sys.prefix.
func TestSysPrefix(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses shell scripts")
	}
	tmp := t.TempDir()
	prefix := filepath.Join(tmp, "py")
	python := filepath.Join(prefix, "bin", "python3.99")
	writeScript(t, python, "#!/bin/sh\n[ \"$1\" = -c ] || exit 2\necho '"+prefix+"'\n")
	bin := filepath.Join(tmp, "bin")
	writeScript(t, filepath.Join(bin, "jupyter"), "#!"+python+"\nimport sys\n")
	t.Setenv("PATH", bin)

	got, err := sysPrefix()
	if err != nil || got != prefix {
		t.Fatalf("sysPrefix() = %q, %v; want %q", got, err, prefix)
	}

	dir, err := Install(Options{SysPrefix: true, Executable: "/x/gopar"})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "gopar"); dir != want {
		t.Errorf("Install returned %q, want %q", dir, want)
	}
	checkSpecDir(t, dir, "/x/gopar")
	if removed, err := Uninstall(Options{SysPrefix: true}); err != nil || removed != dir {
		t.Errorf("Uninstall = %q, %v; want %q", removed, err, dir)
	}
}

// TestSysPrefixNextToJupyter finds the Python of a virtual environment by
// its place beside jupyter when the shebang does not help.
func TestSysPrefixNextToJupyter(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses shell scripts")
	}
	venv := t.TempDir()
	bin := filepath.Join(venv, "bin")
	writeScript(t, filepath.Join(bin, "python3"), "#!/bin/sh\necho '"+venv+"'\n")
	writeScript(t, filepath.Join(bin, "jupyter"), "#!/bin/sh\nexec python3 -m jupyter \"$@\"\n")
	t.Setenv("PATH", bin)
	if got, err := sysPrefix(); err != nil || got != venv {
		t.Errorf("sysPrefix() = %q, %v; want %q", got, err, venv)
	}
}

// TestSysPrefixNoPython empties PATH, so that no candidate runs: neither
// "/usr/bin/env python3" (env finds no python3) nor, on Windows, "python"
// and "py -3" (exec finds neither).
func TestSysPrefixNoPython(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Install(Options{SysPrefix: true, Executable: "/x/gopar"})
	if err == nil {
		t.Fatal("Install --sys-prefix without a Python succeeded")
	}
	for _, want := range []string{"install kernelspec: ", "--sys-prefix", "no Python", "use --prefix"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}
