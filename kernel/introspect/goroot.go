package introspect

import (
	"errors"
	"go/doc"
	"os"
	"path/filepath"
	"strings"

	"gopar/kernel/internal/goroot"
)

// gorootDir is the Go installation whose sources document the standard
// library, "" when there is none.
var gorootDir = goroot.Find

// stdDocs caches the documentation of standard library packages, read
// from GOROOT's sources on first use; the process's kernels share it.
var stdDocs = newDocCache(loadStdDocs)

// loadStdDocs reads the documentation of the standard library package at
// path from GOROOT's sources.
func loadStdDocs(path string) (*packageDocs, error) {
	root := gorootDir()
	if root == "" {
		return nil, errors.New("no Go installation with sources")
	}
	mode := doc.Mode(0)
	if path == "builtin" {
		// The predeclared names are lower case: keep them.
		mode = doc.AllDecls
	}
	return parseDocs(os.DirFS(filepath.Join(root, "src")), path, path, mode)
}

// builtinDocs is the documentation of the predeclared names, from GOROOT's
// src/builtin; nil without sources.
func builtinDocs() *packageDocs { return stdDocs.get("builtin") }

// isStd tells whether an import path is the standard library's.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return first != "" && first != "." && !strings.Contains(first, ".") && first != modulePath
}
