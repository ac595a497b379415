package introspect

import (
	"io/fs"
	"strings"
)

// modulePath is gopar's module, whose packages are not the standard
// library although their paths have no dot.
const modulePath = "gopar"

// inModule tells whether an import path is one of gopar's packages.
func inModule(path string) bool {
	return path == modulePath || strings.HasPrefix(path, modulePath+"/")
}

// newModuleDocs caches the documentation of gopar's packages, read on
// first use from the module's sources in fsys, a package at its import
// path less the module's ("runtime/np" for "gopar/runtime/np"). Without
// sources (a nil fsys) they have none.
func newModuleDocs(fsys fs.FS) *docCache {
	if fsys == nil {
		return nil
	}
	return newDocCache(func(path string) (*packageDocs, error) {
		dir := strings.TrimPrefix(strings.TrimPrefix(path, modulePath), "/")
		if dir == "" {
			dir = "."
		}
		return parseDocs(fsys, dir, path, 0)
	})
}
