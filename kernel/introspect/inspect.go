package introspect

import (
	"fmt"
	"go/doc"
	"go/doc/comment"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// Inspect describes the name under or just before cursor (code points),
// possibly qualified (pkg.Name, x.Method, x.Field), or when the cursor is
// in a call's arguments, the function called. detail 0 is the signature
// and doc; detail 1 adds the source where there is some.
func (in *Introspector) Inspect(code string, cursor, detail int) Inspection {
	off, _ := byteOffset(code, cursor)
	parts := exprAt(code, off)
	if parts == nil {
		return Inspection{}
	}
	d, ok := in.describe(in.cellScope(), parts, detail)
	if !ok {
		return Inspection{}
	}
	return d.inspection(detail)
}

// Help is the text for "name?" and "name??" typed in a cell (IPython's
// pager): Inspect of expr with detail 0 or 1.
func (in *Introspector) Help(expr string, detail int) Inspection {
	expr = strings.TrimRight(strings.TrimSpace(expr), "?")
	return in.Inspect(expr, utf8.RuneCountInString(expr), detail)
}

// exprAt finds the selector chain at offset off ("fmt", "Println"): the
// one the cursor is in or just after, or else that of the function whose
// call's arguments the cursor is in. It returns nil when there is none.
func exprAt(code string, off int) []string {
	start, end := identBefore(code, off), identAfter(code, off)
	if start == end {
		open := openParen(code[:off])
		if open < 0 {
			return nil
		}
		end = open
		for end > 0 && (code[end-1] == ' ' || code[end-1] == '\t') {
			end--
		}
		start = identBefore(code, end)
		if start == end {
			return nil
		}
	}
	for start > 0 && code[start-1] == '.' {
		s := identBefore(code, start-1)
		if s == start-1 {
			return nil // a member of a call's result or an element: unknown
		}
		start = s
	}
	for end < len(code) && code[end] == '.' {
		e := identAfter(code, end+1)
		if e == end+1 {
			break
		}
		end = e
	}
	parts := strings.Split(code[start:end], ".")
	for _, p := range parts {
		if !isIdent(p) {
			return nil
		}
	}
	return parts
}

// openParen finds the unclosed "(" before the end of code that opens the
// arguments the end is in; -1 when the end is not in a call's arguments.
func openParen(code string) int {
	depth := 0
	for i := len(code) - 1; i >= 0; i-- {
		switch code[i] {
		case ')', ']', '}':
			depth++
		case '[', '{':
			if depth == 0 {
				return -1
			}
			depth--
		case '(':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// description is what inspection found, before it is written as text and
// Markdown.
type description struct {
	decl    string   // Go: the signature or declaration
	doc     string   // a doc comment's text
	methods []string // Go: method signatures, each followed by its doc indented
	notes   []string // facts: "Declared in In [3]", "Type: Point"
	source  string   // Go source, shown at detail 1
	// Where the doc comment is from, to link its [Name]s.
	importPath string
	docs       *packageDocs
}

func (d description) inspection(detail int) Inspection {
	var text, md strings.Builder
	section := func(s string) {
		if text.Len() > 0 {
			text.WriteString("\n\n")
			md.WriteString("\n\n")
		}
		text.WriteString(s)
	}
	if d.decl != "" {
		section(d.decl)
		md.WriteString(goBlock(d.decl))
	}
	if doc := strings.TrimSpace(d.doc); doc != "" {
		section(doc)
		md.WriteString(strings.TrimSpace(docMarkdown(doc, d.importPath, d.docs)))
	}
	if len(d.methods) > 0 {
		methods := strings.Join(d.methods, "\n")
		section("Methods:\n\n" + indent(methods))
		md.WriteString("**Methods**\n\n" + goBlock(methods))
	}
	if len(d.notes) > 0 {
		section(strings.Join(d.notes, "\n"))
		md.WriteString(strings.Join(d.notes, "  \n"))
	}
	if src := strings.TrimSpace(d.source); detail > 0 && src != "" && src != strings.TrimSpace(d.decl) {
		section("Source:\n\n" + src)
		md.WriteString("**Source**\n\n" + goBlock(src))
	}
	return Inspection{Found: true, Text: text.String() + "\n", Markdown: md.String() + "\n"}
}

func goBlock(code string) string {
	return "```go\n" + strings.TrimRight(code, "\n") + "\n```"
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// docMarkdown renders a doc comment as Markdown, its links to standard
// library symbols pointing at pkg.go.dev.
func docMarkdown(text, importPath string, docs *packageDocs) string {
	var p comment.Parser
	if docs != nil {
		p.LookupSym = func(recv, name string) bool {
			if recv != "" {
				name = recv + "." + name
			}
			_, ok := docs.symbols[name]
			return ok
		}
	}
	pr := comment.Printer{
		HeadingLevel: 4,
		DocLinkURL: func(link *comment.DocLink) string {
			l := *link
			if l.ImportPath == "" {
				l.ImportPath = importPath // a link within the package
			}
			if !isStd(l.ImportPath) {
				return ""
			}
			return l.DefaultURL("https://pkg.go.dev")
		},
	}
	return string(pr.Markdown(p.Parse(text)))
}

// describe finds what a selector chain stands for and describes it.
func (in *Introspector) describe(cs *cellScope, parts []string, detail int) (description, bool) {
	n := len(parts)
	if n == 1 {
		return in.describeName(cs, parts[0], detail)
	}
	last := parts[n-1]
	if n == 2 {
		// A method of a cell type, as a method expression: Point.Area.
		if d, ok := cs.names[parts[0]]; ok && d.Kind == "type" {
			if md, ok := cs.methods[parts[0]][last]; ok {
				return in.describeDecl(cs, md, detail), true
			}
			return description{}, false
		}
	}
	t := in.resolve(cs, parts[:n-1])
	switch {
	case t.pkg != nil:
		return in.describeMember(t.pkg, last, detail)
	case t.typ.valid():
		return in.describeField(cs, t.typ, last, detail)
	}
	// A method of a package's type: strings.Builder.Len.
	if n >= 3 {
		if p := in.resolve(cs, parts[:n-2]).pkg; p != nil {
			if m, ok := p.lookup(parts[n-2]); ok && m.kind == "type" {
				return in.describeLibraryMember(m.value.Type().Elem(), last, detail)
			}
		}
	}
	return description{}, false
}

// describeName describes an unqualified name: a cell's declaration, a
// package, a variable of the session, a predeclared name or a keyword.
func (in *Introspector) describeName(cs *cellScope, name string, detail int) (description, bool) {
	if d, ok := cs.names[name]; ok {
		return in.describeDecl(cs, d, detail), true
	}
	if path, ok := cs.imports[name]; ok {
		return in.describePackage(path, detail), true
	}
	if t := in.typeOfVar(name); t.valid() {
		typ := t.cell
		if t.rt != nil {
			typ = typeString(t.rt)
		}
		return description{decl: "var " + name + " " + typ}, true
	}
	if path, ok := in.stdNames[name]; ok {
		return in.describePackage(path, detail), true
	}
	return describePredeclared(name)
}

// maxShortLines is how long a declaration may be before detail 0 shows
// only its first line (a function's signature).
const maxShortLines = 12

// describeDecl describes a cell's declaration by its source.
func (in *Introspector) describeDecl(cs *cellScope, d Decl, detail int) description {
	src := strings.TrimSpace(d.Source)
	out := description{decl: src}
	p := in.decls.parse(d.Source)
	if detail == 0 && strings.Count(src, "\n") >= maxShortLines {
		if fd := p.funcDecl(d.Name, d.Recv); fd != nil && (d.Kind == "func" || d.Kind == "method") {
			out.decl = funcSignature(p.fset, fd) + " { ... }"
		}
	}
	switch d.Kind {
	case "var":
		if t := in.typeOfVar(d.Name); t.valid() {
			typ := t.cell
			if t.rt != nil {
				typ = typeString(t.rt)
			}
			out.notes = append(out.notes, "Type: "+typ)
		}
	case "type":
		for _, m := range in.members(cs, typeRef{cell: d.Name}) {
			if m.kind == "method" && m.decl != nil && m.decl.Recv == d.Name {
				mp := in.decls.parse(m.decl.Source)
				if fd := mp.funcDecl(m.name, d.Name); fd != nil {
					out.methods = append(out.methods, funcSignature(mp.fset, fd))
				}
			}
		}
	}
	out.notes = append(out.notes, fmt.Sprintf("Declared in In [%d]", d.Cell))
	return out
}

// describePackage describes a package by its doc: the synopsis at detail 0,
// all of it at detail 1.
func (in *Introspector) describePackage(path string, detail int) description {
	name := packageName(path)
	if p := in.packages[path]; p != nil {
		name = p.name
	}
	out := description{decl: fmt.Sprintf("package %s // import %q", name, path), importPath: path}
	if docs := in.docsFor(path); docs != nil {
		out.docs = docs
		out.doc = docs.doc
		if detail == 0 {
			out.doc = new(doc.Package).Synopsis(docs.doc)
		}
	}
	return out
}

// packageName guesses a package's name from its path: the last element,
// or the one before a major version ("math/rand/v2" is rand).
func packageName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	return name
}

// describeMember describes a package's member: from its sources' docs when
// known, otherwise from its reflect value.
func (in *Introspector) describeMember(p *pkgInfo, name string, detail int) (description, bool) {
	docs := in.docsFor(p.path)
	m, ok := p.lookup(name)
	if !ok {
		generic := genericMembers(docs, name)
		if i := slices.IndexFunc(generic, func(g member) bool { return g.name == name }); i >= 0 {
			sym := docs.symbols[name]
			return description{decl: sym.Signature, doc: sym.Doc, source: sym.Source, importPath: p.path, docs: docs}, true
		}
		return description{}, false
	}
	out := description{importPath: p.path}
	if sym, ok := docs.symbol(name); ok {
		out.decl, out.doc, out.source, out.docs = sym.Signature, sym.Doc, sym.Source, docs
		if m.kind == "type" && detail == 0 {
			out.decl = shortDecl(out.decl)
		}
	} else {
		out.decl = reflectDecl(m)
	}
	if m.kind == "type" {
		out.methods = methodList(name, m.value.Type().Elem(), docs, detail)
	}
	return out, true
}

// symbol finds a symbol's docs; p may be nil.
func (p *packageDocs) symbol(name string) (symbolDoc, bool) {
	if p == nil {
		return symbolDoc{}, false
	}
	s, ok := p.symbols[name]
	return s, ok && s.Signature != ""
}

// shortDecl cuts a long type declaration to its first line.
func shortDecl(decl string) string {
	lines := strings.Split(decl, "\n")
	if len(lines) <= maxShortLines {
		return decl
	}
	first := lines[0]
	if strings.HasSuffix(first, "{") {
		return first + " ... }"
	}
	return first + " ..."
}

// methodList lists the methods of library type name, t (of T and *T), each
// with its doc: the first sentence at detail 0, all of it at detail 1.
// Without docs, reflect tells their signatures.
func methodList(name string, t reflect.Type, docs *packageDocs, detail int) []string {
	var out []string
	if docs == nil {
		for _, m := range reflectMembers(t) {
			if m.kind == "method" {
				out = append(out, fmt.Sprintf("func (%s) %s%s", name, m.name, strings.TrimPrefix(m.signature, "func")))
			}
		}
		return out
	}
	for _, key := range docs.methods(name) {
		sym := docs.symbols[key]
		entry := sym.Signature
		text := strings.TrimSpace(sym.Doc)
		if detail == 0 {
			text = new(doc.Package).Synopsis(text)
		}
		if text != "" {
			entry += "\n" + indent(text)
		}
		out = append(out, entry)
	}
	return out
}

// reflectDecl writes a declaration for a package member from its reflect
// value alone: parameter names and docs are unknown.
func reflectDecl(m member) string {
	t := m.value.Type()
	switch m.kind {
	case "function":
		return "func " + m.name + strings.TrimPrefix(funcString(t, 0), "func")
	case "variable":
		return "var " + m.name + " " + typeString(t)
	case "constant":
		typ := constType(m.value)
		if strings.HasPrefix(typ, "untyped ") {
			typ = ""
		} else {
			typ += " "
		}
		return "const " + m.name + " " + typ + "= " + constValue(m.value)
	case "type":
		return "type " + m.name + " " + underlying(t.Elem())
	}
	return m.name
}

// underlying writes what a library type is defined as, listing a
// struct's exported fields and an interface's methods.
func underlying(t reflect.Type) string {
	var b strings.Builder
	switch t.Kind() {
	case reflect.Struct:
		b.WriteString("struct {\n")
		hidden := false
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				hidden = true
				continue
			}
			if f.Anonymous {
				fmt.Fprintf(&b, "\t%s\n", typeString(f.Type))
				continue
			}
			fmt.Fprintf(&b, "\t%s %s\n", f.Name, typeString(f.Type))
		}
		if hidden {
			b.WriteString("\t// contains filtered or unexported fields\n")
		}
		b.WriteString("}")
	case reflect.Interface:
		b.WriteString("interface {\n")
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			fmt.Fprintf(&b, "\t%s%s\n", m.Name, strings.TrimPrefix(funcString(m.Type, 0), "func"))
		}
		b.WriteString("}")
	case reflect.Func:
		b.WriteString(funcString(t, 0))
	default:
		// A named type's String is its own name; write the kind's.
		b.WriteString(t.Kind().String())
	}
	return b.String()
}

// describeField describes a field or method of a value's type.
func (in *Introspector) describeField(cs *cellScope, t typeRef, name string, detail int) (description, bool) {
	for _, m := range in.members(cs, t) {
		if m.name != name {
			continue
		}
		switch {
		case m.kind == "method" && m.decl != nil:
			return in.describeDecl(cs, *m.decl, detail), true
		case m.decl != nil:
			return description{
				decl:  m.name + " " + m.signature,
				notes: []string{fmt.Sprintf("Field of %s, declared in In [%d]", m.decl.Name, m.decl.Cell)},
			}, true
		case m.libType != nil:
			return in.describeLibraryMember(m.libType, name, detail)
		}
	}
	return description{}, false
}

// describeLibraryMember describes a field or method of a library type,
// from its package's docs when known.
func (in *Introspector) describeLibraryMember(t reflect.Type, name string, detail int) (description, bool) {
	for _, m := range reflectMembers(t) {
		if m.name != name {
			continue
		}
		owner := typeString(t)
		if m.kind == "field" {
			return description{decl: m.name + " " + m.signature, notes: []string{"Field of " + owner}}, true
		}
		out := description{decl: fmt.Sprintf("func (%s) %s%s", owner, name, strings.TrimPrefix(m.signature, "func"))}
		if pkgPath, typeName, ok := namedBase(t); ok {
			docs := in.docsFor(pkgPath)
			if sym, ok := docs.symbol(typeName + "." + name); ok {
				out = description{decl: sym.Signature, doc: sym.Doc, source: sym.Source, importPath: pkgPath, docs: docs}
			}
		}
		return out, true
	}
	return description{}, false
}

// describePredeclared describes a keyword or predeclared identifier, from
// GOROOT's src/builtin when present.
func describePredeclared(name string) (description, bool) {
	p, ok := predeclaredByName[name]
	if !ok {
		return description{}, false
	}
	if p.kind == "keyword" {
		return description{decl: name, doc: p.doc}, true
	}
	if sym, ok := builtinDocs().symbol(name); ok {
		return description{decl: sym.Signature, doc: sym.Doc, source: sym.Source}, true
	}
	return description{decl: p.decl, doc: p.doc}, true
}
