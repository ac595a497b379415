package usertemp

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRedirect(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, tmp string)
		want bool
	}{
		{"no cache yet", func(*testing.T, string) {}, false},
		{"the user's own cache", func(t *testing.T, tmp string) {
			must(t, os.MkdirAll(filepath.Join(tmp, "go-graphviz", "wazero-v1-amd64-linux"), 0o700))
		}, false},
		{"a cache another user made", func(t *testing.T, tmp string) {
			if os.Getuid() != 0 {
				t.Skip("making a directory of another user needs root")
			}
			dir := filepath.Join(tmp, "go-graphviz", "wazero-v1-amd64-linux")
			must(t, os.MkdirAll(dir, 0o700))
			must(t, os.Chown(dir, 65534, 65534))
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmp, cache := t.TempDir(), t.TempDir()
			c.make(t, tmp)
			dir, ok := Redirect(tmp, func() (string, error) { return cache, nil })
			if ok != c.want {
				t.Fatalf("Redirect = %q, %v; want %v", dir, ok, c.want)
			}
			if ok {
				if want := filepath.Join(cache, "gopar", "tmp"); dir != want {
					t.Fatalf("Redirect = %q, want %q", dir, want)
				}
				if info, err := os.Stat(dir); err != nil || !info.IsDir() {
					t.Fatalf("%s was not made: %v", dir, err)
				}
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
