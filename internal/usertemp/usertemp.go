// Package usertemp keeps a kernel alive on a machine shared by several
// users. go-graphviz (the task graphs' layout) caches compiled WebAssembly
// in os.TempDir()/go-graphviz while the program starts, and panics when
// that directory was made by another user, who alone may read it: every
// kernel but the first user's would die at start. Imported for its side
// effect by the gopar command, it points TMPDIR at a directory of the
// user's own in that case, before go-graphviz looks.
//
// It runs first because Go initializes, among the packages whose imports
// are initialized, the first by import path: this package imports only os
// and syscall, which are ready long before go-graphviz's imports (fmt,
// reflect, wazero). TestInitializedBeforeGraphviz in package main checks
// that order.
package usertemp

import "os"

func init() {
	if dir, ok := Redirect(os.TempDir(), os.UserCacheDir); ok {
		os.Setenv("TMPDIR", dir)
	}
}

// Redirect says which directory to use instead of tmp, when
// tmp/go-graphviz or a directory in it belongs to another user: a
// directory in the user's cache (from userCache), made if missing.
func Redirect(tmp string, userCache func() (string, error)) (string, bool) {
	if !foreign(tmp + string(os.PathSeparator) + "go-graphviz") {
		return "", false
	}
	base, err := userCache()
	if err != nil {
		return "", false
	}
	dir := base + string(os.PathSeparator) + "gopar" + string(os.PathSeparator) + "tmp"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false
	}
	return dir, true
}
