// Package modulestest serves Go modules from a directory, as a module
// proxy does, for tests of what fetches them.
package modulestest

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Proxy writes a module proxy on disk (GOPROXY=file://...) serving
// mods, each "path@version" with its files; go.mod is written for
// each unless given.
func Proxy(t *testing.T, mods map[string]map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	lists := map[string][]string{}
	for mv, files := range mods {
		path, version, _ := strings.Cut(mv, "@")
		if files["go.mod"] == "" {
			files["go.mod"] = "module " + path + "\n\ngo 1.22\n"
		}
		at := filepath.Join(dir, filepath.FromSlash(path), "@v")
		if err := os.MkdirAll(at, 0o755); err != nil {
			t.Fatal(err)
		}
		write := func(name, content string) {
			if err := os.WriteFile(filepath.Join(at, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(version+".info", fmt.Sprintf(`{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, version))
		write(version+".mod", files["go.mod"])
		f, err := os.Create(filepath.Join(at, version+".zip"))
		if err != nil {
			t.Fatal(err)
		}
		z := zip.NewWriter(f)
		for name, content := range files {
			w, err := z.Create(mv + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(content))
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		lists[path] = append(lists[path], version)
	}
	for path, versions := range lists {
		list := strings.Join(versions, "\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(path), "@v", "list"), []byte(list), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Env is the go command's environment for modules from proxy (a URL,
// "file://" + Proxy's directory, or "off"), downloaded into modcache:
// no checksum database, no private modules, and a module cache the test's
// cleanup can remove.
func Env(proxy, modcache string) []string {
	return []string{"GOPROXY=" + proxy, "GOSUMDB=off", "GOFLAGS=-modcacherw", "GOMODCACHE=" + modcache,
		"GOPRIVATE=", "GONOPROXY=", "GONOSUMDB="}
}
