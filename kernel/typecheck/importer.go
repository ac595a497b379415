package typecheck

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sync"
)

// Importer gives the checker the packages a cell may import: the standard
// library type-checked from the Go installation's sources (so that its
// generic functions and newest API are known), and the packages compiled
// into the kernel from their interpreter symbol tables. A package is
// checked once per Importer; function bodies are skipped.
type Importer struct {
	fset   *token.FileSet
	goroot string
	ctxt   build.Context
	// compiled are the interpreter's symbol tables of packages built into
	// the kernel, by import path.
	compiled map[string]map[string]reflect.Value

	mu    sync.Mutex
	pkgs  map[string]*types.Package
	fails map[string]error
	conv  *converter
}

// NewImporter makes an importer for the standard library under goroot
// (the root of a Go installation, with its src directory) and for the
// packages in compiled, keyed by import path. It reports an error when
// goroot holds no sources.
func NewImporter(goroot string, compiled map[string]map[string]reflect.Value) (*Importer, error) {
	if fi, err := os.Stat(filepath.Join(goroot, "src", "fmt")); goroot == "" || err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("no Go sources under GOROOT %q: install Go, or set GOROOT", goroot)
	}
	ctxt := build.Default
	ctxt.GOROOT = goroot
	// Type checking needs no C: the pure Go variants of net and os/user
	// have the same API.
	ctxt.CgoEnabled = false
	im := &Importer{
		fset:     token.NewFileSet(),
		goroot:   goroot,
		ctxt:     ctxt,
		compiled: compiled,
		pkgs:     map[string]*types.Package{},
		fails:    map[string]error{},
	}
	im.conv = newConverter(im.lookupLocked)
	return im, nil
}

// Import returns the package of path.
func (im *Importer) Import(path string) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.importLocked(path)
}

// lockedImporter is the Importer as its own packages' checker sees it:
// the lock is held already.
type lockedImporter struct{ im *Importer }

func (l lockedImporter) Import(path string) (*types.Package, error) { return l.im.importLocked(path) }

func (im *Importer) importLocked(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if p, ok := im.pkgs[path]; ok {
		return p, nil
	}
	if err, ok := im.fails[path]; ok {
		return nil, err
	}
	var p *types.Package
	var err error
	if syms, ok := im.compiled[path]; ok {
		p = im.conv.pkg(path, syms)
	} else {
		p, err = im.source(path)
	}
	if err != nil {
		im.fails[path] = err
		return nil, err
	}
	im.pkgs[path] = p
	return p, nil
}

// lookupLocked finds a package for the converter: a named type of a
// compiled package may be declared in the standard library.
func (im *Importer) lookupLocked(path string) *types.Package {
	if _, ok := im.compiled[path]; ok {
		return nil // the converter builds it
	}
	p, err := im.importLocked(path)
	if err != nil {
		return nil
	}
	return p
}

// source type-checks a standard library package from GOROOT's sources.
func (im *Importer) source(path string) (*types.Package, error) {
	dir := filepath.Join(im.goroot, "src", filepath.FromSlash(path))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		// The standard library's own dependencies are vendored.
		dir = filepath.Join(im.goroot, "src", "vendor", filepath.FromSlash(path))
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("package %s is not in the standard library (GOROOT %s) nor compiled into the kernel", path, im.goroot)
		}
	}
	bp, err := im.ctxt.ImportDir(dir, 0)
	if err != nil {
		return nil, fmt.Errorf("read package %s: %w", path, err)
	}
	files := make([]*ast.File, 0, len(bp.GoFiles))
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(im.fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("parse package %s: %w", path, err)
		}
		files = append(files, f)
	}
	conf := types.Config{
		Importer:         lockedImporter{im},
		IgnoreFuncBodies: true,
		FakeImportC:      true,
		// The standard library's own errors (there are none in a release)
		// must not stop the package from being used.
		Error: func(error) {},
	}
	p, err := conf.Check(path, im.fset, files, nil)
	if p == nil {
		return nil, fmt.Errorf("type-check package %s: %w", path, err)
	}
	return p, nil
}
