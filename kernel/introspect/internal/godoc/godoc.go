// Package godoc reads the documentation of a Go package from its sources:
// the package's doc comment and, for each name it documents, the
// declaration's signature, doc comment and source.
//
// Package introspect reads with it, when the kernel first needs them, the
// standard library's sources under GOROOT and gopar's runtime packages
// from the sources the binary embeds. Sharing one reader is what makes
// both kinds of package show alike.
package godoc

import (
	"fmt"
	"go/build"
	"go/doc"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Symbol documents one name of a package: a function, type, variable or
// constant, or a method.
type Symbol struct {
	Signature string // the declaration without body or doc: "func Split(s, sep string) []string"
	Doc       string // the doc comment's text
	Source    string // the declaration as written; a function with its body
}

// Package is what the sources of one package tell.
type Package struct {
	Path    string            // the import path
	Doc     string            // the package's doc comment
	Symbols map[string]Symbol // by name; a method by "Type.Method"
}

// ParseFS parses the non-test files of the package in directory dir of
// fsys that build on this platform and reads their documentation with
// go/doc in the given mode (doc.AllDecls keeps unexported names, as package
// builtin needs).
func ParseFS(fsys fs.FS, dir, importPath string, mode doc.Mode) (*Package, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading sources of %s: %w", importPath, err)
	}
	// Build constraints are read from fsys, not from the disk.
	ctxt := build.Default
	ctxt.JoinPath = path.Join
	ctxt.OpenFile = func(name string) (io.ReadCloser, error) { return fsys.Open(name) }
	src := parsedPackage{fset: token.NewFileSet(), contents: map[string][]byte{}}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		// Files for other platforms would declare names twice.
		if ok, err := ctxt.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	pkgName := ""
	for _, name := range names {
		file := path.Join(dir, name)
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("reading sources of %s: %w", importPath, err)
		}
		f, err := parser.ParseFile(src.fset, file, data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", importPath, err)
		}
		// Files of another package (a stray generator) are skipped.
		if pkgName == "" {
			pkgName = f.Name.Name
		}
		if f.Name.Name != pkgName {
			continue
		}
		src.files = append(src.files, f)
		src.contents[file] = data
	}
	if len(src.files) == 0 {
		return nil, fmt.Errorf("no Go sources for %s in %s", importPath, dir)
	}
	return extract(src, importPath, mode)
}
