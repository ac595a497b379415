package introspect

import (
	"go/doc"
	"path/filepath"
	"strings"
	"sync"

	"gopar/kernel/internal/goroot"
	"gopar/kernel/introspect/internal/godoc"
)

// gorootDir is the Go installation whose sources document the standard
// library, "" when there is none.
var gorootDir = goroot.Find

// stdDocs caches the documentation of standard library packages, read
// from GOROOT on first use. Parsing a package takes milliseconds (a big one
// like net/http tens of them), so each is parsed at most once per process.
var stdDocs = newDocCache()

func newDocCache() *docCache { return &docCache{entries: map[string]*docEntry{}} }

type docCache struct {
	mu      sync.Mutex
	entries map[string]*docEntry
}

type docEntry struct {
	once sync.Once
	docs *packageDocs
}

// get returns the docs of the package at path, or nil when its sources
// are not installed or do not parse.
func (c *docCache) get(path string) *packageDocs {
	c.mu.Lock()
	e := c.entries[path]
	if e == nil {
		e = &docEntry{}
		c.entries[path] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		root := gorootDir()
		if root == "" {
			return
		}
		docs, err := loadDocs(root, path)
		if err != nil {
			// Documentation is a nicety: without it the reflect
			// signatures still answer.
			return
		}
		e.docs = docs
	})
	return e.docs
}

// loadDocs reads the documentation of the standard library package path
// from the sources under GOROOT root.
func loadDocs(root, path string) (*packageDocs, error) {
	mode := doc.Mode(0)
	if path == "builtin" {
		// The predeclared names are lower case: keep them.
		mode = doc.AllDecls
	}
	p, err := godoc.ParseDir(filepath.Join(root, "src", filepath.FromSlash(path)), path, mode)
	if err != nil {
		return nil, err
	}
	return &packageDocs{path: p.Path, doc: p.Doc, symbols: p.Symbols}, nil
}

// builtinDocs is the documentation of the predeclared names, from GOROOT's
// src/builtin; nil without sources.
func builtinDocs() *packageDocs { return stdDocs.get("builtin") }

// docsFor returns what is known of the documentation of the package at
// path: the generated table for gopar's runtime packages, GOROOT's sources
// for the standard library; nil for others.
func docsFor(path string) *packageDocs {
	if docs := runtimePackageDocs(path); docs != nil {
		return docs
	}
	if !isStd(path) {
		return nil
	}
	return stdDocs.get(path)
}

// runtimeDocsCache holds the packageDocs made from the generated tables.
var runtimeDocsCache = sync.OnceValue(func() map[string]*packageDocs {
	out := map[string]*packageDocs{}
	for path, syms := range runtimeDocs {
		out[path] = &packageDocs{path: path, doc: runtimePackageDoc[path], symbols: syms}
	}
	return out
})

func runtimePackageDocs(path string) *packageDocs { return runtimeDocsCache()[path] }

// modulePath is gopar's module, whose packages are not the standard
// library although their paths have no dot.
const modulePath = "gopar"

// isStd tells whether an import path is the standard library's.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return first != "" && first != "." && !strings.Contains(first, ".") && first != modulePath
}
