package magics

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// cdSandbox moves the test into a fresh directory holding "sub" and
// "with space", with the home directory set to "home" ($HOME, and
// %USERPROFILE%, which os.UserHomeDir reads on Windows) and no previous
// directory; all are restored afterwards.
func cdSandbox(t *testing.T) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"sub", "with space", "home/docs"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	t.Setenv("HOME", filepath.Join(root, "home"))
	t.Setenv("USERPROFILE", filepath.Join(root, "home"))
	prevDirMu.Lock()
	saved := prevDir
	prevDir = ""
	prevDirMu.Unlock()
	t.Cleanup(func() {
		prevDirMu.Lock()
		prevDir = saved
		prevDirMu.Unlock()
	})
	return root
}

func runLine(t *testing.T, name, args string) (*everydayEnv, *Result, error) {
	t.Helper()
	m, ok := Lookup(name)
	if !ok || m.Line == nil {
		t.Fatalf("no line magic %s", name)
	}
	env := newEverydayEnv()
	res, err := m.Line(context.Background(), env, args, 1)
	return env, res, err
}

func TestCd(t *testing.T) {
	root := cdSandbox(t)
	home := filepath.Join(root, "home")
	// The directories as os.Getwd tells them (with backslashes on Windows).
	sub, space, docs := filepath.Join(root, "sub"), filepath.Join(root, "with space"), filepath.Join(home, "docs")
	// The system's own words for a missing directory ("no such file or
	// directory" on Unix).
	noSuchDir := os.Chdir(filepath.Join(root, "nowhere")).(*fs.PathError).Err.Error()
	// Each step starts where the one before it left off.
	steps := []struct {
		args, out, wd, err string
	}{
		{args: "sub", out: sub + "\n", wd: sub},
		{args: "-", out: root + "\n", wd: root},
		{args: "-", out: sub + "\n", wd: sub},
		{args: "-q ..", out: "", wd: root},
		{args: "with space", out: space + "\n", wd: space},
		{args: `"` + root + `/sub"`, out: sub + "\n", wd: sub},
		{args: "'../with space'", out: space + "\n", wd: space},
		{args: "", out: home + "\n", wd: home},
		{args: "~/docs", out: docs + "\n", wd: docs},
		{args: "-q ~", out: "", wd: home},
		{args: "-- " + root, out: root + "\n", wd: root},
		{args: "nowhere", wd: root, err: "%cd: chdir nowhere: " + noSuchDir},
		{args: "-x", wd: root, err: "UsageError: %cd: unknown option -x (write ./-x for a directory of that name)"},
		{args: "-2", wd: root, err: "UsageError: %cd -2: directory history and bookmarks are not supported; %cd - goes to the previous directory"},
		{args: "-b proj", wd: root, err: "UsageError: %cd -b: directory history and bookmarks are not supported; %cd - goes to the previous directory"},
		{args: "--sub", wd: root, err: "UsageError: %cd --sub: directory history and bookmarks are not supported; %cd - goes to the previous directory"},
		{args: ".", out: root + "\n", wd: root},
		// "." changed nothing: "-" still goes back to where we were before root.
		{args: "-", out: home + "\n", wd: home},
	}
	for _, s := range steps {
		env, res, err := runLine(t, "cd", s.args)
		if s.err != "" {
			if err == nil || err.Error() != s.err {
				t.Errorf("%%cd %s: err = %v, want %s", s.args, err, s.err)
			}
		} else if err != nil {
			t.Errorf("%%cd %s: %v", s.args, err)
		}
		if res != nil {
			t.Errorf("%%cd %s: result %+v", s.args, res)
		}
		if env.Out() != s.out {
			t.Errorf("%%cd %s printed %q, want %q", s.args, env.Out(), s.out)
		}
		if wd, _ := os.Getwd(); wd != s.wd {
			t.Errorf("after %%cd %s: in %s, want %s", s.args, wd, s.wd)
		}
	}
}

func TestCdNoPreviousDirectory(t *testing.T) {
	cdSandbox(t)
	_, _, err := runLine(t, "cd", "-")
	if want := "UsageError: %cd -: No previous directory to change to."; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestParseCdArgs(t *testing.T) {
	tests := []struct {
		args  string
		quiet bool
		dir   string
		err   bool
	}{
		{"", false, "", false},
		{"-q", true, "", false},
		{"-q\t/tmp", true, "/tmp", false},
		{"-q -q x", true, "x", false},
		{"my dir", false, "my dir", false},
		{"'my dir'", false, "my dir", false},
		{`"it's"`, false, "it's", false},
		{"'half", false, "'half", false},
		{"-", false, "-", false},
		{"-q -", true, "-", false},
		{"-- -q", false, "-q", false},
		{"123", false, "123", false},
		{"-5", false, "", true},
		{"-z", false, "", true},
	}
	for _, tt := range tests {
		quiet, dir, err := parseCdArgs(tt.args)
		if quiet != tt.quiet || dir != tt.dir || (err != nil) != tt.err {
			t.Errorf("parseCdArgs(%q) = %v, %q, %v; want %v, %q, error %v", tt.args, quiet, dir, err, tt.quiet, tt.dir, tt.err)
		}
	}
}

func TestPwd(t *testing.T) {
	root := cdSandbox(t)
	os.Chdir("with space")
	env, res, err := runLine(t, "pwd", "")
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(root, "with space")
	if got := plainText(res); got != strconv.Quote(want) {
		t.Errorf("display = %s, want %q", got, want)
	}
	if res.Value != want {
		t.Errorf("Value = %#v, want %q", res.Value, want)
	}
	if env.Out() != "" {
		t.Errorf("printed %q", env.Out())
	}
	if got := plainText(res); strings.Contains(got, "'") {
		t.Errorf("display %s uses Python quotes", got)
	}
}
