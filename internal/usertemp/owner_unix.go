//go:build unix

package usertemp

import (
	"os"
	"syscall"
)

// foreign reports whether dir, or a directory in it, belongs to another
// user.
func foreign(dir string) bool {
	uid := uint32(os.Getuid())
	owner := func(path string) (uint32, bool) {
		info, err := os.Stat(path)
		if err != nil {
			return 0, false
		}
		st, ok := info.Sys().(*syscall.Stat_t)
		return st.Uid, ok
	}
	if u, ok := owner(dir); !ok || u != uid {
		return ok
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true
	}
	for _, e := range entries {
		if u, ok := owner(dir + string(os.PathSeparator) + e.Name()); ok && u != uid {
			return true
		}
	}
	return false
}
