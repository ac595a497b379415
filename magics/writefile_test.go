package magics

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func runWritefile(t *testing.T, args, body string) (*everydayEnv, error) {
	t.Helper()
	m, ok := Lookup("writefile")
	if !ok || m.Cell == nil {
		t.Fatal("writefile is not a cell magic")
	}
	env := newEverydayEnv()
	res, err := m.Cell(context.Background(), env, args, body, 2)
	if res != nil {
		t.Errorf("result %+v", res)
	}
	return env, err
}

func TestWritefile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("HOME", dir)
	t.Setenv("USERPROFILE", dir) // os.UserHomeDir on Windows
	// Each step sees the files the steps before it wrote.
	steps := []struct {
		args, body, out, file, content string
	}{
		{"hello.txt", "hello", "Writing hello.txt\n", "hello.txt", "hello\n"},
		{"hello.txt", "bye\n", "Overwriting hello.txt\n", "hello.txt", "bye\n"},
		{"-a hello.txt", "again", "Appending to hello.txt\n", "hello.txt", "bye\nagain\n"},
		{"hello.txt --append", "third\n", "Appending to hello.txt\n", "hello.txt", "bye\nagain\nthird\n"},
		{"-a new.txt", "fresh", "Writing new.txt\n", "new.txt", "fresh\n"},
		{"'my file.go'", "package main", "Writing my file.go\n", "my file.go", "package main\n"},
		{"empty.txt", "", "Writing empty.txt\n", "empty.txt", ""},
		{"~/home.txt", "x", "Writing " + filepath.Join(dir, "home.txt") + "\n", "home.txt", "x\n"},
		{"-- -dash.txt", "d", "Writing -dash.txt\n", "-dash.txt", "d\n"},
	}
	for _, s := range steps {
		env, err := runWritefile(t, s.args, s.body)
		if err != nil {
			t.Errorf("%%%%writefile %s: %v", s.args, err)
			continue
		}
		if env.Out() != s.out {
			t.Errorf("%%%%writefile %s printed %q, want %q", s.args, env.Out(), s.out)
		}
		data, err := os.ReadFile(filepath.Join(dir, s.file))
		if err != nil || string(data) != s.content {
			t.Errorf("%%%%writefile %s: %s holds %q (%v), want %q", s.args, s.file, data, err, s.content)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 6 {
		t.Errorf("%d files in the directory, want 6", len(entries))
	}
}

func TestWritefileErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("adir", 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ args, err string }{
		{"", "UsageError: %%writefile: the following arguments are required: filename"},
		{"-a", "UsageError: %%writefile: the following arguments are required: filename"},
		{"a.txt b.txt", "UsageError: %%writefile: unrecognized arguments: b.txt"},
		{"-x a.txt", "UsageError: %%writefile: unrecognized arguments: -x"},
		{"'a.txt", "UsageError: %%writefile: no closing quotation"},
		{"missing/a.txt", "%%writefile: cannot create missing/a.txt: its directory does not exist"},
		{"adir", "%%writefile: adir is a directory"},
	}
	for _, tt := range tests {
		env, err := runWritefile(t, tt.args, "body")
		if err == nil || err.Error() != tt.err {
			t.Errorf("%%%%writefile %s: err = %v, want %s", tt.args, err, tt.err)
		}
		if env.Out() != "" {
			t.Errorf("%%%%writefile %s printed %q", tt.args, env.Out())
		}
	}
	if _, err := os.Stat("missing"); err == nil {
		t.Error("%%writefile created a directory")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files were created: %v", entries)
	}
}

func TestParseWritefileArgs(t *testing.T) {
	tests := []struct {
		args   string
		append bool
		name   string
		err    bool
	}{
		{"f", false, "f", false},
		{"-a f", true, "f", false},
		{"f -a", true, "f", false},
		{"--append f", true, "f", false},
		{`"a b"`, false, "a b", false},
		{"-", false, "-", false},
		{"-- -a", false, "-a", false},
		{"", false, "", true},
		{"f g", false, "", true},
		{"--bogus f", false, "", true},
	}
	for _, tt := range tests {
		app, name, err := parseWritefileArgs(tt.args)
		if app != tt.append || name != tt.name || (err != nil) != tt.err {
			t.Errorf("parseWritefileArgs(%q) = %v, %q, %v; want %v, %q, error %v", tt.args, app, name, err, tt.append, tt.name, tt.err)
		}
	}
}
