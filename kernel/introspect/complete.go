package introspect

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Complete completes the word before cursor, a count of code points: a
// name, a package's or a value's member after "x.", a package path in an
// import, or a magic after "%" at the start of a line.
func (in *Introspector) Complete(code string, cursor int) Completion {
	c := in.complete(code, cursor)
	if c.Matches == nil {
		c.Matches = []Match{} // a JSON list, not null, when encoded as is
	}
	return c
}

func (in *Introspector) complete(code string, cursor int) Completion {
	off, cursor := byteOffset(code, cursor)
	none := Completion{Start: cursor, End: cursor}
	ls := lineStart(code, off)
	if c, ok := in.completeMagic(code[ls:off], cursor); ok {
		return c
	}
	switch stateAt(code[:off]) {
	case inCode:
	case inString:
		if c, ok := in.completeImport(code[:ls], code[ls:off], cursor); ok {
			return c
		}
		return none
	default:
		return none
	}
	start := identBefore(code, off)
	word := code[start:off]
	if word != "" && !isIdent(word) {
		return none // a number
	}
	var matches []Match
	if start > 0 && code[start-1] == '.' {
		parts := operandBefore(code, start-1)
		if parts == nil {
			return none
		}
		matches = in.completeMember(in.cellScope(), parts, word)
	} else {
		if word == "" {
			return none
		}
		matches = in.completeName(in.cellScope(), word)
	}
	if len(matches) == 0 {
		return none
	}
	return Completion{Matches: matches, Start: cursor - utf8.RuneCountInString(word), End: cursor}
}

// operandBefore returns the parts of the selector chain ("x", "Field") that
// ends at the dot at offset dot, or nil when what is before the dot is not
// one (a call, an index, a number).
func operandBefore(code string, dot int) []string {
	var parts []string
	end := dot
	for {
		start := identBefore(code, end)
		part := code[start:end]
		if !isIdent(part) {
			return nil
		}
		parts = append(parts, part)
		if start == 0 || code[start-1] != '.' {
			break
		}
		end = start - 1
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return parts
}

// completeName completes a plain word: keywords and predeclared names,
// the names cells declared, imported packages, and the standard library's
// packages (the kernel imports those a cell uses).
func (in *Introspector) completeName(cs *cellScope, word string) []Match {
	seen := map[string]bool{}
	var out []Match
	add := func(m Match) {
		if !seen[m.Text] {
			seen[m.Text] = true
			out = append(out, m)
		}
	}
	// A cell's own names first: they shadow the others.
	for name, d := range cs.names {
		if strings.HasPrefix(name, word) {
			add(Match{Text: name, Kind: declKinds[d.Kind], Signature: in.declSignature(cs, d)})
		}
	}
	for name := range cs.imports {
		if strings.HasPrefix(name, word) {
			add(Match{Text: name, Kind: "module"})
		}
	}
	for name := range in.stdNames {
		if strings.HasPrefix(name, word) {
			add(Match{Text: name, Kind: "module"})
		}
	}
	i := sort.SearchStrings(predeclaredNames, word)
	for ; i < len(predeclaredNames) && strings.HasPrefix(predeclaredNames[i], word); i++ {
		add(predeclaredByName[predeclaredNames[i]].completion())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

// declKinds maps a Decl's kind to Jupyter's completion type.
var declKinds = map[string]string{
	"var":    "variable",
	"const":  "constant",
	"func":   "function",
	"type":   "type",
	"method": "method",
}

// completeMember completes word after "parts.": a package's members, or a
// value's fields and methods.
func (in *Introspector) completeMember(cs *cellScope, parts []string, word string) []Match {
	t := in.resolve(cs, parts)
	var out []Match
	switch {
	case t.pkg != nil:
		// The docs name the parameters, which reflect cannot, and tell
		// the generic functions.
		docs := in.docsFor(t.pkg.path)
		for _, m := range t.pkg.membersWithPrefix(docs, word) {
			out = append(out, Match{Text: m.name, Kind: m.kind, Signature: m.signature(docs)})
		}
	case t.typ.valid():
		for _, m := range in.members(cs, t.typ) {
			if !strings.HasPrefix(m.name, word) {
				continue
			}
			sig := m.signature
			if m.kind == "method" && m.libType != nil {
				sig = in.libraryMethodType(m.libType, m.name, sig)
			}
			out = append(out, Match{Text: m.name, Kind: m.kind, Signature: sig})
		}
	}
	return out
}

// libraryMethodType is the type of a library type's method as its
// sources write it, with parameter names and "byte" for reflect's "uint8";
// fallback when they are not known.
func (in *Introspector) libraryMethodType(t reflect.Type, name, fallback string) string {
	pkgPath, typeName, ok := namedBase(t)
	if !ok {
		return fallback
	}
	sym, ok := in.docsFor(pkgPath).symbol(typeName + "." + name)
	if !ok {
		return fallback
	}
	// "func (b *Builder) Write(p []byte) (int, error)"
	i := strings.Index(sym.Signature, ") "+name+"(")
	if i < 0 {
		return fallback
	}
	return "func" + sym.Signature[i+len(") "+name):]
}

// target is what a name or selector chain stands for: a package, or a
// value of some type.
type target struct {
	pkg *pkgInfo
	typ typeRef
}

// resolve finds what a selector chain ("x", "Field") stands for; the zero
// target when it is not known.
func (in *Introspector) resolve(cs *cellScope, parts []string) target {
	if len(parts) == 0 {
		return target{}
	}
	t := in.resolveName(cs, parts[0])
	for _, part := range parts[1:] {
		switch {
		case t.pkg != nil:
			m, ok := t.pkg.lookup(part)
			if !ok || m.kind != "variable" {
				return target{}
			}
			t = target{typ: typeRef{rt: m.value.Type()}}
		case t.typ.valid():
			next := typeRef{}
			for _, m := range in.members(cs, t.typ) {
				if m.name == part && m.kind == "field" {
					next = m.typ
				}
			}
			if !next.valid() {
				return target{}
			}
			t = target{typ: next}
		default:
			return target{}
		}
	}
	return t
}

// resolveName finds what a name stands for: a variable a cell declared,
// a package, or another variable the session knows.
func (in *Introspector) resolveName(cs *cellScope, name string) target {
	if d, ok := cs.names[name]; ok {
		if d.Kind != "var" {
			return target{}
		}
		return target{typ: in.typeOfVar(name)}
	}
	if p := in.packageNamed(cs, name); p != nil {
		return target{pkg: p}
	}
	return target{typ: in.typeOfVar(name)}
}

// typeOfVar asks the scope for a variable's type.
func (in *Introspector) typeOfVar(name string) typeRef {
	cellType, rt, ok := in.scope.TypeOf(name)
	switch {
	case !ok:
		return typeRef{}
	case cellType != "":
		return typeRef{cell: strings.TrimPrefix(cellType, "*")}
	default:
		return typeRef{rt: rt}
	}
}

// packageNamed finds the package a cell uses by name: an import, or a
// standard library package it has not imported, unless a cell declared the
// name for something else.
func (in *Introspector) packageNamed(cs *cellScope, name string) *pkgInfo {
	if p, ok := cs.imports[name]; ok {
		return in.packages[p]
	}
	if _, ok := cs.names[name]; ok {
		return nil
	}
	if p, ok := in.stdNames[name]; ok {
		return in.packages[p]
	}
	return nil
}

// completeMagic completes a magic's name after "%" or "%%" at the start of
// a line; ok is false when line (up to the cursor) is not that.
func (in *Introspector) completeMagic(line string, cursor int) (Completion, bool) {
	trimmed := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(trimmed, "%") {
		return Completion{}, false
	}
	prefix := "%"
	if strings.HasPrefix(trimmed, "%%") {
		prefix = "%%"
	}
	word := trimmed[len(prefix):]
	if word != "" && identAfter(word, 0) != len(word) {
		return Completion{}, false // past the name, in the magic's arguments
	}
	c := Completion{Start: cursor, End: cursor}
	i := sort.SearchStrings(in.magics, word)
	for ; i < len(in.magics) && strings.HasPrefix(in.magics[i], word); i++ {
		c.Matches = append(c.Matches, Match{Text: prefix + in.magics[i], Kind: "magic"})
	}
	if len(c.Matches) > 0 {
		c.Start = cursor - utf8.RuneCountInString(prefix+word)
	}
	return c, true
}

var (
	// importLine is the start of a line before an import's path: `import "`,
	// `import name "`, `import ("`.
	importLine = regexp.MustCompile(`^\s*import(?:\s*\(|\s)\s*(?:(?:[\p{L}_][\p{L}\p{N}_]*|\.)\s+)?$`)
	// importSpec is the start of a line of an import block before the path.
	importSpec = regexp.MustCompile(`^\s*(?:(?:[\p{L}_][\p{L}\p{N}_]*|\.)\s+)?$`)
	// importBlock is the start of an import block.
	importBlock = regexp.MustCompile(`(?m)^\s*import\s*\(`)
)

// completeImport completes a package path in an import declaration: line
// is the cursor's line up to the cursor, inside a string; before is the
// code before that line. ok is false when the string is not an import's.
func (in *Introspector) completeImport(before, line string, cursor int) (Completion, bool) {
	quote := strings.LastIndexByte(line, '"')
	if quote < 0 {
		return Completion{}, false
	}
	head, partial := line[:quote], line[quote+1:]
	if !importLine.MatchString(head) && !(importSpec.MatchString(head) && inImportBlock(before)) {
		return Completion{}, false
	}
	c := Completion{Start: cursor, End: cursor}
	i := sort.SearchStrings(in.paths, partial)
	for ; i < len(in.paths) && strings.HasPrefix(in.paths[i], partial); i++ {
		c.Matches = append(c.Matches, Match{Text: in.paths[i], Kind: "module"})
	}
	if len(c.Matches) > 0 {
		c.Start = cursor - utf8.RuneCountInString(partial)
	}
	return c, true
}

// inImportBlock tells whether code ends inside an "import (" block.
func inImportBlock(code string) bool {
	locs := importBlock.FindAllStringIndex(code, -1)
	if len(locs) == 0 {
		return false
	}
	return !strings.Contains(code[locs[len(locs)-1][1]:], ")")
}
