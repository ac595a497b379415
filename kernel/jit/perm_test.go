//go:build unix

package jit

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCacheIsTheUsersAlone: the cache holds the code of a user's cells;
// the directories it makes are no one else's to read.
func TestCacheIsTheUsersAlone(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "new", "jit")
	if _, err := newToolchain(context.Background(), Options{Source: stdOnly, CacheDir: cache, Go: "go"}); err != nil {
		t.Skipf("no toolchain for %%%%jit here: %v", err)
	}
	err := filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v", p, info.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
