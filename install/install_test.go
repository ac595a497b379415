package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
)

var specFiles = []string{"kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}

// checkSpecDir checks that dir holds exactly the kernelspec files, with a
// kernel.json that runs exe.
func checkSpecDir(t *testing.T, dir, exe string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if runtime.GOOS != "windows" {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			if perm := info.Mode().Perm(); perm != 0o644 {
				t.Errorf("%s has mode %v, want 0644", e.Name(), perm)
			}
		}
	}
	sort.Strings(names)
	if !reflect.DeepEqual(names, specFiles) {
		t.Errorf("kernelspec files = %q, want %q", names, specFiles)
	}

	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatalf("kernel.json: %v\n%s", err, data)
	}
	want := map[string]any{
		"argv":           []any{exe, "kernel", "-f", "{connection_file}"},
		"display_name":   "Go (gopar)",
		"language":       "go",
		"interrupt_mode": "message",
		"metadata":       map[string]any{},
	}
	if !reflect.DeepEqual(spec, want) {
		t.Errorf("kernel.json = %v\nwant %v", spec, want)
	}
	if !bytes.Contains(data, []byte("\n ")) {
		t.Errorf("kernel.json is not indented:\n%s", data)
	}

	svg, err := os.ReadFile(filepath.Join(dir, "logo-svg.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(svg, logoSVG) {
		t.Error("logo-svg.svg differs from the embedded logo")
	}
}

func TestInstallPrefix(t *testing.T) {
	prefix := t.TempDir()
	exe := filepath.Join(prefix, "bin", "gopar")
	dir, err := Install(Options{Prefix: prefix, Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "gopar"); dir != want {
		t.Errorf("Install returned %q, want %q", dir, want)
	}
	checkSpecDir(t, dir, exe)
}

func TestInstallTwice(t *testing.T) {
	prefix := t.TempDir()
	opts := Options{Prefix: prefix, Executable: filepath.Join(prefix, "old")}
	dir, err := Install(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Executable = filepath.Join(prefix, "new")
	dir2, err := Install(opts)
	if err != nil {
		t.Fatalf("second Install: %v", err)
	}
	if dir2 != dir {
		t.Errorf("second Install returned %q, first %q", dir2, dir)
	}
	checkSpecDir(t, dir, opts.Executable)
}

func TestInstallUserDefault(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	for _, opts := range []Options{{}, {User: true}} {
		dir, err := Install(opts)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(data, "kernels", "gopar"); dir != want {
			t.Errorf("Install(%+v) returned %q, want %q", opts, dir, want)
		}
	}
}

func TestInstallDefaultExecutable(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	if self, err = filepath.EvalSymlinks(self); err != nil {
		t.Fatal(err)
	}
	dir, err := Install(Options{Prefix: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	checkSpecDir(t, dir, self)
}

func TestInstallRelativeExecutable(t *testing.T) {
	dir, err := Install(Options{Prefix: t.TempDir(), Executable: filepath.Join("bin", "gopar")})
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(filepath.Join("bin", "gopar"))
	if err != nil {
		t.Fatal(err)
	}
	checkSpecDir(t, dir, abs)
}

func TestInstallName(t *testing.T) {
	prefix := t.TempDir()
	dir, err := Install(Options{Prefix: prefix, Name: "gopar-dev", Executable: "/x/gopar"})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "gopar-dev"); dir != want {
		t.Errorf("Install returned %q, want %q", dir, want)
	}
}

func TestInstallErrors(t *testing.T) {
	prefix := t.TempDir()
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"user and prefix", Options{User: true, Prefix: prefix}, "--user and --prefix cannot be used together"},
		{"prefix and sys-prefix", Options{Prefix: prefix, SysPrefix: true}, "--prefix and --sys-prefix cannot be used together"},
		{"all three", Options{User: true, Prefix: prefix, SysPrefix: true}, "--user, --prefix and --sys-prefix cannot be used together"},
		{"upper case name", Options{Prefix: prefix, Name: "Gopar"}, `invalid kernelspec name "Gopar"`},
		{"slash in name", Options{Prefix: prefix, Name: "a/b"}, `invalid kernelspec name "a/b"`},
		{"dot dot name", Options{Prefix: prefix, Name: ".."}, `invalid kernelspec name ".."`},
		{"space in name", Options{Prefix: prefix, Name: "go par"}, `invalid kernelspec name "go par"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range []struct {
				verb string
				fn   func(Options) (string, error)
			}{{"install", Install}, {"uninstall", Uninstall}} {
				_, err := f.fn(tt.opts)
				if err == nil {
					t.Fatalf("%s succeeded", f.verb)
				}
				if !strings.HasPrefix(err.Error(), f.verb+" kernelspec: ") || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%s error = %q, want %q after %q", f.verb, err, tt.want, f.verb+" kernelspec: ")
				}
			}
		})
	}
	entries, err := os.ReadDir(prefix)
	if err != nil || len(entries) != 0 {
		t.Errorf("failed installs left %v in the prefix (%v)", entries, err)
	}
}

func TestInstallUnwritable(t *testing.T) {
	prefix := t.TempDir()
	// A file where the share directory should be makes MkdirAll fail.
	if err := os.WriteFile(filepath.Join(prefix, "share"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Install(Options{Prefix: prefix, Executable: "/x/gopar"})
	if err == nil || !strings.HasPrefix(err.Error(), "install kernelspec: ") {
		t.Errorf("Install into a blocked prefix: err = %v", err)
	}
}

func TestUninstall(t *testing.T) {
	prefix := t.TempDir()
	opts := Options{Prefix: prefix, Executable: "/x/gopar"}
	dir, err := Install(opts)
	if err != nil {
		t.Fatal(err)
	}
	removed, err := Uninstall(opts)
	if err != nil {
		t.Fatal(err)
	}
	if removed != dir {
		t.Errorf("Uninstall returned %q, Install %q", removed, dir)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("kernelspec dir still there after Uninstall (stat: %v)", err)
	}
	if _, err := os.Stat(filepath.Dir(dir)); err != nil {
		t.Errorf("Uninstall removed the kernels dir too: %v", err)
	}

	// A second time there is nothing to remove.
	_, err = Uninstall(opts)
	if err == nil {
		t.Fatal("Uninstall of a missing kernelspec succeeded")
	}
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "not installed") ||
		!strings.HasPrefix(err.Error(), "uninstall kernelspec: ") {
		t.Errorf("Uninstall of a missing kernelspec: err = %q", err)
	}
}

func TestUninstallUser(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	dir, err := Install(Options{Name: "gopar-test", Executable: "/x/gopar"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Uninstall(Options{Name: "gopar"}); err == nil {
		t.Error("Uninstall of another name succeeded")
	}
	if removed, err := Uninstall(Options{User: true, Name: "gopar-test"}); err != nil || removed != dir {
		t.Errorf("Uninstall = %q, %v; want %q", removed, err, dir)
	}
}

func TestUninstallNotASpec(t *testing.T) {
	prefix := t.TempDir()
	dir := filepath.Join(prefix, "share", "jupyter", "kernels", "gopar")
	keep := filepath.Join(dir, "precious.txt")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keep, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Uninstall(Options{Prefix: prefix}); err == nil || !strings.Contains(err.Error(), "not a kernelspec") {
		t.Errorf("Uninstall of a directory without kernel.json: err = %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("Uninstall removed a directory that was not a kernelspec: %v", err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f.txt")
	for _, content := range []string{"first", "second, longer"} {
		if err := writeFileAtomic(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != content {
			t.Errorf("content = %q, %v; want %q", got, err, content)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := writeFileAtomic(filepath.Join(dir, "missing", "f"), nil, 0o644); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestInstallReadme(t *testing.T) {
	prefix := t.TempDir()
	dir, err := Install(Options{Prefix: prefix, Executable: "/usr/bin/true", Readme: []byte("# gopar\n")})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil || string(got) != "# gopar\n" {
		t.Fatalf("README.md = %q, %v", got, err)
	}
}

func TestInstallEnv(t *testing.T) {
	prefix := t.TempDir()
	dir, err := Install(Options{Prefix: prefix, Name: "gopar", Executable: "/usr/bin/gopar",
		Env: map[string]string{"GOPAR_MEMORY_LIMIT": "2GiB", "GOMAXPROCS": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct{ Env map[string]string }
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"GOPAR_MEMORY_LIMIT": "2GiB", "GOMAXPROCS": "2"}; !reflect.DeepEqual(spec.Env, want) {
		t.Errorf("kernel.json's env = %v, want %v", spec.Env, want)
	}
}
