package introspect

import (
	"go/doc"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"gopar/kernel/introspect/internal/godoc"
)

// symbolDoc documents one name of a package.
type symbolDoc = godoc.Symbol

// packageDocs is the documentation of one package, read by godoc from its
// sources: GOROOT's for the standard library, those the kernel was given
// for gopar's own packages.
type packageDocs struct {
	path    string
	doc     string // the package's doc comment
	symbols map[string]symbolDoc
}

// methods returns the keys of typeName's methods ("Builder.Len"), sorted.
func (p *packageDocs) methods(typeName string) []string {
	var keys []string
	for k := range p.symbols {
		if strings.HasPrefix(k, typeName+".") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// docsFor returns what is known of the documentation of the package at
// path: the module's sources for gopar's packages, GOROOT's for the
// standard library; nil for others.
func (in *Introspector) docsFor(path string) *packageDocs {
	if inModule(path) {
		return in.moduleDocs.get(path)
	}
	if !isStd(path) {
		return nil
	}
	return stdDocs.get(path)
}

// docCache reads the documentation of packages on first use, each at most
// once: parsing a package takes milliseconds (a big one like net/http tens
// of them).
type docCache struct {
	load    func(path string) (*packageDocs, error)
	mu      sync.Mutex
	entries map[string]*docEntry
}

type docEntry struct {
	once sync.Once
	docs *packageDocs
}

// newDocCache makes a cache that reads a package's docs with load.
func newDocCache(load func(path string) (*packageDocs, error)) *docCache {
	return &docCache{load: load, entries: map[string]*docEntry{}}
}

// get returns the docs of the package at path, or nil when its sources
// are not there or do not parse; a nil cache knows none.
func (c *docCache) get(path string) *packageDocs {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	e := c.entries[path]
	if e == nil {
		e = &docEntry{}
		c.entries[path] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		docs, err := c.load(path)
		if err != nil {
			// Documentation is a nicety: without it the reflect
			// signatures still answer.
			return
		}
		e.docs = docs
	})
	return e.docs
}

// parseDocs reads the documentation of the package at importPath from
// directory dir of fsys.
func parseDocs(fsys fs.FS, dir, importPath string, mode doc.Mode) (*packageDocs, error) {
	p, err := godoc.ParseFS(fsys, dir, importPath, mode)
	if err != nil {
		return nil, err
	}
	return &packageDocs{path: p.Path, doc: p.Doc, symbols: p.Symbols}, nil
}
