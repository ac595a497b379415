package modules

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopar/kernel/modules/modulestest"
)

// testModules serves: hello at two versions, top which needs base
// v1.2.0, and base at v1.0.0 and v1.2.0.
func testModules(t *testing.T) string {
	return modulestest.Proxy(t, map[string]map[string]string{
		"example.com/hello@v1.0.0": {"hello.go": "package hello\n\nfunc Hello() string { return \"hello 1.0\" }\n"},
		"example.com/hello@v1.1.0": {"hello.go": "package hello\n\nimport \"example.com/base\"\n\nfunc Hello() string { return base.Greeting }\n",
			"go.mod": "module example.com/hello\n\ngo 1.22\n\nrequire example.com/base v1.0.0\n"},
		"example.com/base@v1.0.0": {"base.go": "package base\n\nconst Greeting = \"hello 1.1\"\n"},
		"example.com/base@v1.2.0": {"base.go": "package base\n\nconst Greeting = \"hello 1.2\"\n"},
		"example.com/top@v1.0.0": {"top.go": "package top\n\nimport \"example.com/base\"\n\nvar G = base.Greeting\n",
			"go.mod": "module example.com/top\n\ngo 1.22\n\nrequire example.com/base v1.2.0\n"},
	})
}

func newTestSet(t *testing.T, proxyURL string, opts Options) *Set {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cache := t.TempDir()
	opts.Env = append(os.Environ(), modulestest.Env(proxyURL, filepath.Join(cache, "mod"))...)
	opts.GoMod = []byte("module scratch\n\ngo 1.22\n")
	if opts.CacheDir == "" {
		opts.CacheDir = filepath.Join(cache, "resolved")
	}
	return New(opts)
}

func TestResolveLatestAndChosen(t *testing.T) {
	s := newTestSet(t, "file://"+testModules(t), Options{})
	var progress strings.Builder
	p, err := s.Resolve(context.Background(), "example.com/hello", &progress)
	if err != nil {
		t.Fatal(err)
	}
	if p.Module != (Module{"example.com/hello", "v1.1.0"}) {
		t.Errorf("module = %v, want example.com/hello v1.1.0 (the latest)", p.Module)
	}
	if p.Dirs["example.com/hello"] == "" || p.Dirs["example.com/base"] == "" {
		t.Errorf("dirs = %v, want hello's and base's", p.Dirs)
	}
	if p.Modules["example.com/base"] != "v1.0.0" {
		t.Errorf("modules = %v, want base v1.0.0", p.Modules)
	}
	if !strings.Contains(progress.String(), "%go get example.com/hello@v1.1.0") {
		t.Errorf("progress %q does not say how to keep the version", progress.String())
	}
	if got := s.Chosen(); len(got) != 1 || got[0] != p.Module {
		t.Errorf("chosen = %v, want only %v", got, p.Module)
	}
	gomod, _, gen := s.Files()
	if gen == 0 || !strings.Contains(string(gomod), "example.com/hello v1.1.0") {
		t.Errorf("go.mod (generation %d) does not require hello:\n%s", gen, gomod)
	}
}

func TestVersionsChosenBefore(t *testing.T) {
	url := "file://" + testModules(t)
	t.Run("pinned", func(t *testing.T) {
		s := newTestSet(t, url, Options{Pins: func() map[string]string { return map[string]string{"example.com/hello": "v1.0.0"} }})
		p, err := s.Resolve(context.Background(), "example.com/hello", &strings.Builder{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Module.Version != "v1.0.0" {
			t.Errorf("version = %s, want the pinned v1.0.0", p.Module.Version)
		}
	})
	t.Run("go get", func(t *testing.T) {
		s := newTestSet(t, url, Options{})
		said, err := s.Get(context.Background(), []string{"example.com/hello@v1.0.0"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(said, "example.com/hello v1.0.0") {
			t.Errorf("go get said %q", said)
		}
		p, err := s.Resolve(context.Background(), "example.com/hello", &strings.Builder{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Module.Version != "v1.0.0" {
			t.Errorf("version = %s, want v1.0.0 as %%go get chose", p.Module.Version)
		}
	})
}

func TestFixedVersions(t *testing.T) {
	url := "file://" + testModules(t)
	t.Run("loaded", func(t *testing.T) {
		s := newTestSet(t, url, Options{})
		p, err := s.Resolve(context.Background(), "example.com/hello", &strings.Builder{})
		if err != nil {
			t.Fatal(err)
		}
		s.Loaded(p)
		_, err = s.Get(context.Background(), []string{"example.com/hello@v1.0.0"})
		wantError(t, err, "example.com/hello v1.1.0 is loaded in this kernel already", "restart the kernel")
		// The same version, or none, is no change.
		if _, err := s.Get(context.Background(), []string{"example.com/hello"}); err != nil {
			t.Errorf("go get of the loaded module without a version: %v", err)
		}
	})
	t.Run("compiled", func(t *testing.T) {
		s := newTestSet(t, url, Options{Compiled: map[string]string{"example.com/base": "v1.0.0"}})
		_, err := s.Resolve(context.Background(), "example.com/top", &strings.Builder{})
		wantError(t, err, "example.com/top v1.0.0 needs example.com/base v1.2.0 or later, but this kernel holds example.com/base v1.0.0")
		_, err = s.Get(context.Background(), []string{"example.com/base@v1.2.0"})
		wantError(t, err, "example.com/base v1.0.0 is compiled into the kernel")
	})
}

func TestErrors(t *testing.T) {
	url := "file://" + testModules(t)
	for _, tc := range []struct {
		name, proxy, path string
		want              []string
	}{
		{"no such module", url, "example.com/nope", []string{"no such module: example.com/nope", "GOPRIVATE"}},
		{"no such package", url, "example.com/hello/nope", []string{"module example.com/hello v1.1.0 has no package example.com/hello/nope"}},
		{"no such version", url, "example.com/hello@v9.0.0", []string{"version not found: example.com/hello@v9.0.0", "%go list -versions"}},
		{"downloads off", "off", "example.com/hello", []string{"module downloads are off (GOPROXY=off)", "set GOPROXY"}},
		{"proxy unreachable", "http://127.0.0.1:1", "example.com/hello", []string{"the module proxy cannot be reached (GOPROXY is http://127.0.0.1:1)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestSet(t, tc.proxy, Options{})
			var err error
			if strings.Contains(tc.path, "@") {
				_, err = s.Get(context.Background(), []string{tc.path})
			} else {
				_, err = s.Resolve(context.Background(), tc.path, &strings.Builder{})
			}
			wantError(t, err, tc.want...)
			if err != nil && len(s.Chosen()) != 0 {
				t.Errorf("a failed request changed the session: %v", s.Chosen())
			}
		})
	}
}

func TestResolutionCachedForNextKernel(t *testing.T) {
	url := "file://" + testModules(t)
	first := newTestSet(t, url, Options{})
	p, err := first.Resolve(context.Background(), "example.com/hello", &strings.Builder{})
	if err != nil {
		t.Fatal(err)
	}
	// The next kernel finds the answer without the go command.
	next := New(Options{Go: "no-such-go-command", GoMod: first.opts.GoMod, Env: first.opts.Env, CacheDir: first.opts.CacheDir})
	q, err := next.Resolve(context.Background(), "example.com/hello", &strings.Builder{})
	if err != nil {
		t.Fatalf("cached resolution: %v", err)
	}
	if q.Module != p.Module || q.Dirs["example.com/hello"] != p.Dirs["example.com/hello"] {
		t.Errorf("cached %v, want %v", q, p)
	}
	gomod, _, _ := next.Files()
	if !strings.Contains(string(gomod), "example.com/hello v1.1.0") {
		t.Errorf("the cached resolution did not restore go.mod:\n%s", gomod)
	}
	// So is the answer to a %go get of exact versions.
	if _, err := first.Get(context.Background(), []string{"example.com/base@v1.2.0"}); err != nil {
		t.Fatal(err)
	}
	next = New(Options{Go: "no-such-go-command", GoMod: first.opts.GoMod, Env: first.opts.Env, CacheDir: first.opts.CacheDir})
	if _, err := next.Resolve(context.Background(), "example.com/hello", &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	if _, err := next.Get(context.Background(), []string{"example.com/base@v1.2.0"}); err != nil {
		t.Fatalf("cached go get: %v", err)
	}
	if got := next.Chosen(); len(got) != 2 || got[0] != (Module{"example.com/base", "v1.2.0"}) {
		t.Errorf("chosen after the cached go get: %v", got)
	}
	// Without a go command and without a cache, the error says what to do.
	bare := New(Options{Go: "no-such-go-command", GoMod: first.opts.GoMod, Env: first.opts.Env})
	_, err = bare.Resolve(context.Background(), "example.com/hello", &strings.Builder{})
	wantError(t, err, "needs the Go toolchain", "install Go")
}

func TestExternal(t *testing.T) {
	for path, want := range map[string]bool{
		"fmt": false, "math/rand/v2": false, "gopar/runtime/np": false,
		"gonum.org/v1/gonum/mat": true, "github.com/samber/lo": true, "example.com": true,
	} {
		if got := External(path); got != want {
			t.Errorf("External(%q) = %v, want %v", path, got, want)
		}
	}
}

func wantError(t *testing.T, err error, parts ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want a *modules.Error", err, err)
	}
	for _, p := range parts {
		if !strings.Contains(e.Error(), p) {
			t.Errorf("error %q does not say %q (go said: %s)", e.Error(), p, e.Said)
		}
	}
}
