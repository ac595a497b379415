package install

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// realTempDir is t.TempDir with symbolic links resolved, so that paths
// built from it compare equal to resolved ones.
func realTempDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDataDirByOS(t *testing.T) {
	home := realTempDir(t)
	other := realTempDir(t)
	tests := []struct {
		name string
		goos string
		env  map[string]string
		want string
	}{
		{"linux JUPYTER_DATA_DIR", "linux", map[string]string{"JUPYTER_DATA_DIR": "/data/j", "XDG_DATA_HOME": other}, "/data/j"},
		{"darwin JUPYTER_DATA_DIR", "darwin", map[string]string{"JUPYTER_DATA_DIR": "/data/j"}, "/data/j"},
		{"windows JUPYTER_DATA_DIR", "windows", map[string]string{"JUPYTER_DATA_DIR": "/data/j", "APPDATA": other}, "/data/j"},
		{"linux XDG_DATA_HOME", "linux", map[string]string{"XDG_DATA_HOME": other}, filepath.Join(other, "jupyter")},
		{"linux default", "linux", nil, filepath.Join(home, ".local", "share", "jupyter")},
		{"linux empty XDG_DATA_HOME", "linux", map[string]string{"XDG_DATA_HOME": ""}, filepath.Join(home, ".local", "share", "jupyter")},
		{"linux empty JUPYTER_DATA_DIR", "linux", map[string]string{"JUPYTER_DATA_DIR": ""}, filepath.Join(home, ".local", "share", "jupyter")},
		{"freebsd default", "freebsd", nil, filepath.Join(home, ".local", "share", "jupyter")},
		{"linux platform dirs", "linux", map[string]string{"JUPYTER_PLATFORM_DIRS": "1"}, filepath.Join(home, ".local", "share", "jupyter")},
		{"darwin default", "darwin", map[string]string{"XDG_DATA_HOME": other}, filepath.Join(home, "Library", "Jupyter")},
		{"darwin platform dirs", "darwin", map[string]string{"JUPYTER_PLATFORM_DIRS": "true"}, filepath.Join(home, "Library", "Application Support", "jupyter")},
		{"darwin platform dirs off", "darwin", map[string]string{"JUPYTER_PLATFORM_DIRS": "Off"}, filepath.Join(home, "Library", "Jupyter")},
		{"windows APPDATA", "windows", map[string]string{"APPDATA": other}, filepath.Join(other, "jupyter")},
		{"windows config dir", "windows", map[string]string{"JUPYTER_CONFIG_DIR": "/cfg"}, filepath.Join("/cfg", "data")},
		{"windows default", "windows", nil, filepath.Join(home, ".jupyter", "data")},
		{"windows platform dirs", "windows", map[string]string{"JUPYTER_PLATFORM_DIRS": "yes", "LOCALAPPDATA": "/local", "APPDATA": other}, filepath.Join("/local", "jupyter")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			got, err := dataDir(tt.goos, getenv, func() (string, error) { return home, nil })
			if err != nil {
				t.Fatalf("dataDir: %v", err)
			}
			if got != tt.want {
				t.Errorf("dataDir = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDataDirNoHome(t *testing.T) {
	noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if _, err := dataDir(goos, func(string) string { return "" }, noHome); err == nil {
			t.Errorf("%s: dataDir without a home succeeded", goos)
		}
	}
	// A home is not needed when the environment says where to go.
	env := map[string]string{"JUPYTER_DATA_DIR": "/j", "XDG_DATA_HOME": "/x", "APPDATA": "/a"}
	for _, goos := range []string{"linux", "windows"} {
		if _, err := dataDir(goos, func(k string) string { return env[k] }, noHome); err != nil {
			t.Errorf("%s: %v", goos, err)
		}
	}
}

func TestDataDirResolvesHomeLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	tmp := realTempDir(t)
	real := filepath.Join(tmp, "real")
	link := filepath.Join(tmp, "link")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	got, err := dataDir("linux", func(string) string { return "" }, func() (string, error) { return link, nil })
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(real, ".local", "share", "jupyter"); got != want {
		t.Errorf("dataDir = %q, want %q", got, want)
	}
}

func TestDataDirEnv(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/somewhere/jupyter-data")
	t.Setenv("XDG_DATA_HOME", "/elsewhere")
	if got, err := DataDir(); err != nil || got != "/somewhere/jupyter-data" {
		t.Errorf("DataDir() = %q, %v; want /somewhere/jupyter-data", got, err)
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return
	}
	t.Setenv("JUPYTER_DATA_DIR", "")
	if got, err := DataDir(); err != nil || got != filepath.Join("/elsewhere", "jupyter") {
		t.Errorf("DataDir() = %q, %v; want /elsewhere/jupyter", got, err)
	}
}

// TestDataDirThisOS runs DataDir itself, with the real runtime.GOOS,
// os.Getenv and os.UserHomeDir (which reads $HOME, or %USERPROFILE% on
// Windows), in an environment set up for the test: the branch of dataDir
// for the operating system the test runs on, wired as gopar uses it.
func TestDataDirThisOS(t *testing.T) {
	home := realTempDir(t)
	other := realTempDir(t)
	for _, k := range []string{"JUPYTER_DATA_DIR", "JUPYTER_PLATFORM_DIRS", "JUPYTER_CONFIG_DIR", "XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	check := func(what, want string) {
		t.Helper()
		if got, err := DataDir(); err != nil || got != want {
			t.Errorf("%s: DataDir() = %q, %v; want %q", what, got, err, want)
		}
	}
	switch runtime.GOOS {
	case "darwin":
		check("macOS", filepath.Join(home, "Library", "Jupyter"))
		t.Setenv("XDG_DATA_HOME", other)
		check("macOS ignores XDG_DATA_HOME", filepath.Join(home, "Library", "Jupyter"))
	case "windows":
		check("Windows without APPDATA", filepath.Join(home, ".jupyter", "data"))
		t.Setenv("APPDATA", other)
		check("Windows", filepath.Join(other, "jupyter"))
		t.Setenv("LOCALAPPDATA", home)
		t.Setenv("JUPYTER_PLATFORM_DIRS", "1")
		check("Windows platform dirs", filepath.Join(home, "jupyter"))
	default:
		check(runtime.GOOS, filepath.Join(home, ".local", "share", "jupyter"))
		t.Setenv("XDG_DATA_HOME", other)
		check(runtime.GOOS+" with XDG_DATA_HOME", filepath.Join(other, "jupyter"))
	}
}

// TestDataDirMatchesJupyterCore compares DataDir with jupyter_core's own
// answer, when Debian's Python has jupyter_core.
func TestDataDirMatchesJupyterCore(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import jupyter_core.paths").Run(); err != nil {
		t.Skipf("no jupyter_core in %s: %v", python, err)
	}
	tmp := realTempDir(t)
	link := filepath.Join(tmp, "home-link")
	if err := os.Symlink(tmp, link); err != nil {
		t.Fatal(err)
	}
	cases := []map[string]string{
		{"HOME": link, "XDG_DATA_HOME": "", "JUPYTER_DATA_DIR": ""},
		{"HOME": link, "XDG_DATA_HOME": filepath.Join(tmp, "xdg"), "JUPYTER_DATA_DIR": ""},
		{"HOME": link, "XDG_DATA_HOME": filepath.Join(tmp, "xdg"), "JUPYTER_DATA_DIR": filepath.Join(tmp, "jd")},
	}
	for _, env := range cases {
		for k, v := range env {
			t.Setenv(k, v)
		}
		out, err := exec.Command(python, "-c", "from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())").Output()
		if err != nil {
			t.Fatalf("jupyter_core: %v", err)
		}
		want := strings.TrimSpace(string(out))
		got, err := DataDir()
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("with %v: DataDir() = %q, jupyter_core says %q", env, got, want)
		}
	}
}

func TestEnvTrue(t *testing.T) {
	for v, want := range map[string]bool{
		"": false, "0": false, "no": false, "N": false, "False": false, "OFF": false, "0.0": false,
		"1": true, "yes": true, "true": true, "on": true, "anything": true,
	} {
		if got := envTrue(v); got != want {
			t.Errorf("envTrue(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestResolvePathMissingTail(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	tmp := realTempDir(t)
	link := filepath.Join(tmp, "l")
	if err := os.Symlink(tmp, link); err != nil {
		t.Fatal(err)
	}
	got := resolvePath(filepath.Join(link, "missing", "deeper"))
	if want := filepath.Join(tmp, "missing", "deeper"); got != want {
		t.Errorf("resolvePath = %q, want %q", got, want)
	}
}
