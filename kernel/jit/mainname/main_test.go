package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPackageMain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"package celltypes\n\nimport \"fmt\"\n", "package main\n\nimport \"fmt\"\n"},
		{"// comment\npackage celltypes\nvar s = \"package x\"\n", "// comment\npackage main\nvar s = \"package x\"\n"},
		{"package celltypes\npackage other\n", "package main\npackage other\n"},
	}
	for _, tt := range tests {
		if got := string(packageMain([]byte(tt.in))); got != tt.want {
			t.Errorf("packageMain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompiles(t *testing.T) {
	prefix := "gopar/celltypes/"
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-o", "x.a", "-p", "gopar/celltypes/t1", "a.go"}, true},
		{[]string{"-o", "x.a", "-p", "gopar/runtime/np", "a.go"}, false},
		{[]string{"-V=full"}, false},
		{[]string{"-p"}, false},
	}
	for _, tt := range tests {
		if got := compiles(tt.args, prefix); got != tt.want {
			t.Errorf("compiles(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestRenamedCopiesOnlyGoFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "types.go")
	if err := os.WriteFile(src, []byte("package celltypes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := renamed([]string{"-p", "gopar/celltypes/t1", src, "-pack"}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != "-p" || out[3] != "-pack" || out[2] == src {
		t.Fatalf("renamed args = %q", out)
	}
	b, err := os.ReadFile(out[2])
	if err != nil || string(b) != "package main\n" {
		t.Errorf("the copy holds %q (%v), want package main", b, err)
	}
}
