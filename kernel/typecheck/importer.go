package typecheck

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
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

	// cache is a directory of the export data of the standard library
	// packages checked before, by this and earlier kernels; "" for none.
	cache string

	mu sync.Mutex
	// pkgs are the packages known, some only in part (what the export
	// data of another package holds of them); complete are those whole.
	pkgs     map[string]*types.Package
	complete map[string]bool
	fails    map[string]error
	conv     *converter
	// dirs are the directories of packages of Go modules, by import path.
	dirs map[string]string
}

// NewImporter makes an importer for the standard library under goroot
// (the root of a Go installation, with its src directory) and for the
// packages in compiled, keyed by import path. Packages checked from
// source are kept, as export data, under cache (when not ""), so that the
// next kernel reads them in a few milliseconds. It reports an error when
// goroot holds no sources.
func NewImporter(goroot string, compiled map[string]map[string]reflect.Value, cache string) (*Importer, error) {
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
		complete: map[string]bool{},
		fails:    map[string]error{},
		dirs:     map[string]string{},
	}
	if cache != "" {
		im.cache = filepath.Join(cache, cacheKey(goroot))
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

// AddSources makes packages of Go modules importable, checked from the
// sources in their directories (dirs, by import path). A package already
// checked stays as it is: a process holds one version of each.
func (im *Importer) AddSources(dirs map[string]string) {
	im.mu.Lock()
	defer im.mu.Unlock()
	for path, dir := range dirs {
		if !im.complete[path] {
			im.dirs[path] = dir
			delete(im.fails, path)
		}
	}
}

// lockedImporter is the Importer as its own packages' checker sees it:
// the lock is held already.
type lockedImporter struct{ im *Importer }

func (l lockedImporter) Import(path string) (*types.Package, error) { return l.im.importLocked(path) }

func (im *Importer) importLocked(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if im.complete[path] {
		return im.pkgs[path], nil
	}
	if err, ok := im.fails[path]; ok {
		return nil, err
	}
	var p *types.Package
	var err error
	if syms, ok := im.compiled[path]; ok {
		p = im.conv.pkg(path, syms)
	} else if dir, ok := im.dirs[path]; ok {
		// Not stored: the cache is the standard library's, of one version.
		p, err = im.check(path, dir)
	} else if p = im.cached(path); p == nil {
		p, err = im.source(path)
		if err == nil {
			im.store(p)
		}
	}
	if err != nil {
		im.fails[path] = err
		return nil, err
	}
	im.pkgs[path] = p
	im.complete[path] = true
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
	return im.check(path, dir)
}

// check type-checks the package path from the sources in dir.
func (im *Importer) check(path, dir string) (*types.Package, error) {
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
	// A package known in part from export data is checked whole into
	// the same object, so that the types of both are one.
	p := im.pkgs[path]
	if p == nil {
		p = types.NewPackage(path, "")
	}
	if err := types.NewChecker(&conf, im.fset, p, nil).Files(files); err != nil && p.Name() == "" {
		return nil, fmt.Errorf("type-check package %s: %w", path, err)
	}
	return p, nil
}

// cacheFormat changes when what the cache holds must not be read again:
// how packages are checked, or how they are written.
const cacheFormat = "1"

// cacheKey names the cache of one Go installation: its version, and the
// platform.
func cacheKey(goroot string) string {
	version := "unknown"
	if b, err := os.ReadFile(filepath.Join(goroot, "VERSION")); err == nil {
		version, _, _ = strings.Cut(string(b), "\n")
	}
	key := fmt.Sprintf("%s-%s-%s-%s", version, runtime.GOOS, runtime.GOARCH, cacheFormat)
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == ' ' {
			return '_'
		}
		return r
	}, key)
}

func (im *Importer) cacheFile(path string) string {
	return filepath.Join(im.cache, filepath.FromSlash(path)+".x")
}

// cached reads path's export data from the cache; nil when absent or
// unreadable.
func (im *Importer) cached(path string) *types.Package {
	if im.cache == "" {
		return nil
	}
	f, err := os.Open(im.cacheFile(path))
	if err != nil {
		return nil
	}
	defer f.Close()
	p, err := gcexportdata.Read(bufio.NewReader(f), im.fset, im.pkgs, path)
	if err != nil {
		return nil
	}
	return p
}

// store writes p's export data to the cache, whole or not at all: a
// kernel killed while writing leaves no half file under the final name.
func (im *Importer) store(p *types.Package) {
	if im.cache == "" {
		return
	}
	file := im.cacheFile(p.Path())
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return
	}
	w := bufio.NewWriter(tmp)
	err = gcexportdata.Write(w, im.fset, p)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
}
