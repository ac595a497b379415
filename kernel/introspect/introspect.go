// Package introspect completes and describes the Go code of notebook cells,
// for Jupyter's complete_request and inspect_request and for IPython's
// help syntax ("name?", "name??").
//
// It knows nothing of sockets, Jupyter messages or the interpreter: it is
// given a cell's code and a cursor, a [Scope] telling what earlier cells
// declared and imported, and the interpreter's symbol tables. Signatures
// come from those tables' reflect values; documentation from the sources:
// the Go installation's for the standard library (found through GOROOT),
// and for gopar's runtime packages, whose sources are not installed with
// the kernel, those it is given ([Options.ModuleSource]: the copy the
// binary embeds for %%jit). Each package's sources are parsed when first
// needed, once.
package introspect

import (
	"go/constant"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"gopar/kernel/stdnames"
)

// Decl is a declaration made in a cell.
type Decl struct {
	Name   string // "x", "Point", "Area" (methods: the method name)
	Kind   string // "var", "const", "func", "type", "method"
	Recv   string // for a method: its receiver's type name without '*' ("Point")
	Source string // the declaration as written: "x := 3", "var p = Point{1, 2}", "func f(x int) int { ... }"
	Cell   int    // the execution count of the cell that declared it
}

// Scope is what introspection knows of a running session.
type Scope interface {
	// Decls are the declarations cells made, in the order made; a name
	// declared again appears again (the last one wins).
	Decls() []Decl
	// Imports maps the name a cell uses to the package path ("json" ->
	// "encoding/json", "np" -> "gopar/runtime/np").
	Imports() map[string]string
	// TypeOf tells the type of a package-level variable: the name of a
	// type declared in a cell ("Point", "*Point") when it is one,
	// otherwise its reflect type (a library type).
	TypeOf(name string) (cellType string, rt reflect.Type, ok bool)
}

// Match is one completion.
type Match struct {
	Text      string // what replaces the partial word
	Kind      string // Jupyter's types: "keyword", "function", "variable", "constant", "type", "module", "field", "method", "magic", "instance"
	Signature string // "func(s, sep string) []string", "int", "" when unknown
}

// Completion is the answer to a complete request. Start and End are
// offsets in Unicode code points (not bytes) into the code, as Jupyter's
// cursor_pos: the text between them is replaced.
type Completion struct {
	Matches    []Match
	Start, End int
}

// Inspection is the answer to an inspect request.
type Inspection struct {
	Found    bool
	Text     string // text/plain
	Markdown string // text/markdown: the same, with the signature or declaration in a ```go block
}

// Introspector completes and inspects code against a session's scope and
// the interpreter's packages. Its methods may be called concurrently.
type Introspector struct {
	scope    Scope
	magics   []string            // sorted
	packages map[string]*pkgInfo // by import path
	paths    []string            // import paths, sorted
	// stdNames maps the names of the standard library packages cells may
	// use without importing them (the kernel imports them) to their paths.
	stdNames map[string]string
	// decls caches the parsing of declarations' sources, which do not
	// change once made.
	decls parsedSources
	// moduleDocs reads the docs of gopar's packages; nil without sources.
	moduleDocs *docCache
}

// Options are what an Introspector knows besides the session's scope.
type Options struct {
	// Packages are the symbol tables the interpreter knows, as yaegi
	// keeps them: key "path/name" (e.g. "strings/strings",
	// "math/rand/v2/rand") -> exported name -> reflect.Value (a
	// function, a pointer to a variable, a constant's value, or for a
	// type a pointer to its zero value).
	Packages map[string]map[string]reflect.Value
	// Magics are the names of the kernel's magics ("time", "timeit",
	// ...; may be empty).
	Magics []string
	// ModuleSource holds the sources of gopar's module as its repository
	// lays them out (runtime/np/*.go for package gopar/runtime/np), which
	// document its packages. Without it they have no docs.
	ModuleSource fs.FS
}

// pkgInfo indexes a package's symbol table: its exported members sorted by
// name, so that a prefix is a binary search.
type pkgInfo struct {
	path    string // "math/rand/v2"
	name    string // "rand"
	members []member
}

// member is an exported name of a package.
type member struct {
	name  string
	kind  string // "function", "variable", "constant" or "type"
	value reflect.Value
}

// lookup finds the member called name.
func (p *pkgInfo) lookup(name string) (member, bool) {
	i := sort.Search(len(p.members), func(i int) bool { return p.members[i].name >= name })
	if i < len(p.members) && p.members[i].name == name {
		return p.members[i], true
	}
	return member{}, false
}

// withPrefix returns the members whose names start with prefix.
func (p *pkgInfo) withPrefix(prefix string) []member {
	i := sort.Search(len(p.members), func(i int) bool { return p.members[i].name >= prefix })
	j := i
	for j < len(p.members) && strings.HasPrefix(p.members[j].name, prefix) {
		j++
	}
	return p.members[i:j]
}

// genericMembers are the generic functions and types of a package whose
// names start with prefix, which yaegi's tables lack (the interpreter
// compiles them from source, as slices.Sort): its docs tell them.
func genericMembers(docs *packageDocs, prefix string) []member {
	if docs == nil {
		return nil
	}
	var out []member
	for name, sym := range docs.symbols {
		if !strings.HasPrefix(name, prefix) || strings.Contains(name, ".") {
			continue
		}
		switch {
		case strings.HasPrefix(sym.Signature, "func "+name+"["):
			out = append(out, member{name: name, kind: "function"})
		case strings.HasPrefix(sym.Signature, "type "+name+"["):
			out = append(out, member{name: name, kind: "type"})
		}
	}
	return out
}

// membersWithPrefix are p's members whose names start with prefix, those
// of its symbol table and its generic ones, sorted.
func (p *pkgInfo) membersWithPrefix(docs *packageDocs, prefix string) []member {
	members := p.withPrefix(prefix)
	generic := genericMembers(docs, prefix)
	if len(generic) == 0 {
		return members
	}
	out := slices.Clone(members)
	for _, g := range generic {
		if _, ok := p.lookup(g.name); !ok {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// New makes an Introspector for a session's scope; a nil scope is an
// empty session.
func New(scope Scope, opts Options) *Introspector {
	in := &Introspector{
		scope:      scope,
		magics:     make([]string, 0, len(opts.Magics)),
		packages:   map[string]*pkgInfo{},
		decls:      parsedSources{byText: map[string]*parsedSource{}},
		moduleDocs: newModuleDocs(opts.ModuleSource),
	}
	if in.scope == nil {
		in.scope = emptyScope{}
	}
	for _, m := range opts.Magics {
		if m = strings.TrimLeft(m, "%"); m != "" {
			in.magics = append(in.magics, m)
		}
	}
	sort.Strings(in.magics)
	in.magics = slices.Compact(in.magics)
	for key, symbols := range opts.Packages {
		p, name := path.Split(key)
		p = strings.TrimSuffix(p, "/")
		if p == "" || name == "" || p == "." {
			continue
		}
		info := in.packages[p]
		if info == nil {
			info = &pkgInfo{path: p, name: name}
			in.packages[p] = info
			in.paths = append(in.paths, p)
		}
		for sym, v := range symbols {
			// yaegi's interface wrappers ("_Reader") are no API.
			if sym == "" || sym[0] == '_' || !v.IsValid() {
				continue
			}
			info.members = append(info.members, member{name: sym, kind: memberKind(v), value: v})
		}
	}
	for _, info := range in.packages {
		sort.Slice(info.members, func(i, j int) bool { return info.members[i].name < info.members[j].name })
		info.members = slices.CompactFunc(info.members, func(a, b member) bool { return a.name == b.name })
	}
	sort.Strings(in.paths)
	in.stdNames = stdnames.Resolve(in.paths)
	return in
}

// memberKind tells what a symbol table's value stands for, by the way
// yaegi stores each.
func memberKind(v reflect.Value) string {
	switch {
	case v.CanAddr():
		return "variable" // reflect.ValueOf(&x).Elem()
	case v.Kind() == reflect.Pointer && v.IsNil():
		return "type" // reflect.ValueOf((*T)(nil))
	case v.Kind() == reflect.Func:
		return "function"
	default:
		return "constant"
	}
}

// signature is what a completion shows beside a package member: a
// function's type (with parameter names when the sources are known), a
// variable's or constant's type, a type's kind.
func (m member) signature(docs *packageDocs) string {
	if m.kind == "function" {
		if d, ok := docs.symbol(m.name); ok {
			return funcTypeOf(d.Signature, m.name)
		}
	}
	if !m.value.IsValid() {
		return "" // known from docs only
	}
	switch m.kind {
	case "function":
		return typeString(m.value.Type())
	case "variable":
		return typeString(m.value.Type())
	case "constant":
		return constType(m.value)
	case "type":
		return kindOf(m.value.Type().Elem())
	}
	return ""
}

// constType is the type of a constant: its own when typed, "untyped int"
// and the like for yaegi's untyped constants (go/constant values).
func constType(v reflect.Value) string {
	if v.CanInterface() {
		if c, ok := v.Interface().(constant.Value); ok {
			switch c.Kind() {
			case constant.Bool:
				return "untyped bool"
			case constant.String:
				return "untyped string"
			case constant.Int:
				return "untyped int"
			case constant.Float:
				return "untyped float"
			case constant.Complex:
				return "untyped complex"
			}
			return ""
		}
	}
	return typeString(v.Type())
}

// constValue is a constant's value as Go would write it.
func constValue(v reflect.Value) string {
	if !v.CanInterface() {
		return ""
	}
	if c, ok := v.Interface().(constant.Value); ok {
		return c.ExactString()
	}
	return formatValue(v)
}

// kindOf describes a library type for a completion: "struct",
// "interface", or what it is defined as ("int64", "func(string) error").
func kindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "struct"
	case reflect.Interface:
		return "interface"
	case reflect.Func:
		return funcString(t, 0)
	}
	return t.Kind().String()
}

// emptyScope is the scope of a session that has run nothing.
type emptyScope struct{}

func (emptyScope) Decls() []Decl                              { return nil }
func (emptyScope) Imports() map[string]string                 { return nil }
func (emptyScope) TypeOf(string) (string, reflect.Type, bool) { return "", nil, false }
