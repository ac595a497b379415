package jit

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/scanner"
	"go/token"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopar/kernel/internal/goast"
	"gopar/kernel/stdnames"
)

// exportPrefix names the exported variable through which the plugin hands
// out each function: plugins export only capitalised names.
const exportPrefix = "GoparJIT_"

// program is the declarations of the %%jit cells so far.
type program struct {
	decls []decl
	// vars are variables of the caller's that the declarations reach
	// through pointers the caller sets after loading.
	vars []Var
	// types are packages of cell types the declarations use.
	types []TypeRef
}

// decl is one top-level declaration of a %%jit cell.
type decl struct {
	names []string // what it declares; "T.M" for a method
	fn    string   // the function's name, for an exported function
	sig   string   // its signature, "func(n int) float64"
	src   string   // its text, doc comment included
	cell  int      // the cell's execution count
	line  int      // the cell line it starts on
	col   int      // and the column
	uses  []string // names of packages it refers to
	// imports are the cell's own import lines, by the name each gives.
	imports map[string]string
	// cgo is the C code of the cell, when it imports "C"; every decl of
	// the cell shares it.
	cgo *cgoPart
}

// with is the program after adding cell's declarations, which replace
// declarations of the same names.
func (p program) with(cell, line int, src string, known map[string]string) (program, error) {
	added, err := parseCell(cell, line, src)
	if err != nil {
		return p, err
	}
	replaced := map[string]bool{}
	for _, d := range added {
		for _, n := range d.names {
			replaced[n] = true
		}
	}
	var next program
	for _, d := range p.decls {
		if !slices.ContainsFunc(d.names, func(n string) bool { return replaced[n] }) {
			next.decls = append(next.decls, d)
		}
	}
	next.decls = append(next.decls, added...)
	declared := map[string]bool{}
	for _, d := range next.decls {
		for _, n := range d.names {
			declared[n] = true
		}
	}
	// Packages used without an import line are imported for the cell.
	for i := range added {
		d := &added[i]
		for _, name := range d.uses {
			if d.imports[name] == "" && !declared[name] && known[name] != "" {
				if d.imports == nil {
					d.imports = map[string]string{}
				}
				d.imports[name] = known[name]
			}
		}
	}
	return next, nil
}

// funcs are the program's exported functions, in the order declared.
func (p program) funcs() []decl {
	var out []decl
	for _, d := range p.decls {
		if d.fn != "" {
			out = append(out, d)
		}
	}
	return out
}

// generate writes the program as Go files, by name: one per cell, whose
// //line directives keep the cell's positions in compiler messages, and
// one that exports the functions.
func (p program) generate() map[string]string {
	files := map[string]string{}
	var cells []int
	byCell := map[int][]decl{}
	for _, d := range p.decls {
		if _, ok := byCell[d.cell]; !ok {
			cells = append(cells, d.cell)
		}
		byCell[d.cell] = append(byCell[d.cell], d)
	}
	for _, cell := range cells {
		var b strings.Builder
		b.WriteString("package main\n\n")
		name := fmt.Sprintf("cell%d.go", cell)
		if cgo := byCell[cell][0].cgo; cgo != nil {
			name = cgoFileName(cell)
			b.WriteString(cgo.source() + "\n")
			for rel, content := range cgo.files {
				files[cFilesDir+"/"+strconv.Itoa(cell)+"/"+rel] = content
			}
		}
		imports := map[string]string{}
		for _, d := range byCell[cell] {
			for _, name := range d.uses {
				if path := d.imports[name]; path != "" {
					imports[name] = path
				}
			}
		}
		names := make([]string, 0, len(imports))
		for name := range imports {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			path := imports[name]
			if stdnames.Name(path) == name {
				fmt.Fprintf(&b, "import %q\n", path)
			} else {
				fmt.Fprintf(&b, "import %s %q\n", name, path)
			}
		}
		for _, d := range byCell[cell] {
			fmt.Fprintf(&b, "\n//line %s:%d:%d\n%s\n", cellName(d.cell), d.line, d.col, d.src)
		}
		files[name] = b.String()
	}
	var b strings.Builder
	b.WriteString("package main\n\n")
	imports := map[string]string{}
	for _, v := range p.vars {
		maps.Copy(imports, v.Imports)
	}
	for _, t := range p.types {
		imports[t.Alias] = t.Path
	}
	for _, name := range slices.Sorted(maps.Keys(imports)) {
		fmt.Fprintf(&b, "import %s %q\n", name, imports[name])
	}
	for _, t := range p.types {
		for _, name := range t.Names {
			fmt.Fprintf(&b, "\ntype %s = %s.%s\n", name, t.Alias, exported(name))
		}
	}
	b.WriteString("\n// The functions of the program, for the kernel to look up.\nvar (\n")
	for _, d := range p.funcs() {
		fmt.Fprintf(&b, "\t%s%s = %s\n", exportPrefix, d.fn, d.fn)
	}
	b.WriteString(")\n")
	if len(p.vars) > 0 {
		b.WriteString("\n// The variables the program shares with the kernel, set after loading.\nvar (\n")
		for _, v := range p.vars {
			fmt.Fprintf(&b, "\t%s *%s\n", VarPrefix+v.Name, v.Type)
		}
		b.WriteString(")\n")
	}
	files["exports.go"] = b.String()
	return files
}

// cellName is the file name compiler messages give for a cell's lines.
func cellName(cell int) string { return "In[" + strconv.Itoa(cell) + "]" }

// parseCell splits a %%jit cell into its declarations.
func parseCell(cell, line int, src string) ([]decl, error) {
	const header = "package main\n"
	fset := token.NewFileSet()
	full := header + src
	f, err := parser.ParseFile(fset, "", full, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, syntaxError(cell, line, err)
	}
	// at words a position of the parsed text in cell coordinates.
	at := func(pos token.Pos) (int, int) {
		p := fset.Position(pos)
		return p.Line - 1 + line - 1, p.Column
	}
	cgo, err := cgoPreamble(cell, f, at)
	if err != nil {
		return nil, err
	}
	imports := map[string]string{}
	for _, is := range f.Imports {
		path, _ := strconv.Unquote(is.Path.Value)
		if path == "C" {
			continue // cgo's, written with its preamble
		}
		name := stdnames.Name(path)
		if is.Name != nil {
			name = is.Name.Name
		}
		if name == "_" || name == "." {
			l, c := at(is.Pos())
			return nil, cellError(cell, l, c, fmt.Sprintf("import %s %q is not supported in a %%%%jit cell", name, path),
				"import the package under its name (or another name) and qualify what you use")
		}
		imports[name] = path
	}
	recursive := recursionIn(f)
	var out []decl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		}
		l, c := at(start)
		x := decl{
			src:     full[fset.Position(start).Offset:fset.Position(d.End()).Offset],
			cell:    cell,
			line:    l,
			col:     c,
			uses:    qualifiers(d),
			imports: imports,
			cgo:     cgo,
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			// Loops check for an interrupt; goroutines on literals are
			// guarded.
			base := fset.Position(start).Offset
			offset := func(p token.Pos) int { return fset.Position(p).Offset - base }
			edits, _ := Instrument(d, offset)
			wrapper := ""
			if recursive[d.Name.Name] && d.Recv == nil {
				// Runaway recursion ends the cell, not the kernel.
				edits = append(edits, GuardRecursion(d, func(id *ast.Ident) bool { return recursive[id.Name] }, offset)...)
				wrapper = "; " + syntacticWrapper(d, full, fset)
			}
			if len(edits) > 0 {
				x.src = Apply(x.src, edits) + wrapper
				x.imports = maps.Clone(x.imports)
				x.imports[RuntimeName] = RuntimePackage
				x.uses = append(x.uses, RuntimeName)
			}
			name := d.Name.Name
			switch {
			case d.Recv != nil:
				recv := ""
				if len(d.Recv.List) > 0 {
					recv = goast.ReceiverName(d.Recv.List[0].Type)
				}
				x.names = []string{recv + "." + name}
			case name == "main" || name == "init":
				fl, fc := at(d.Name.Pos())
				return nil, cellError(cell, fl, fc, fmt.Sprintf("a %%%%jit cell cannot declare func %s", name),
					"declare functions that cells call; an interpreted cell runs what main would")
			case name == "_":
				continue
			default:
				x.names = []string{name}
				if d.Type.TypeParams == nil {
					x.fn = name
					x.sig = signature(d.Type)
				}
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					x.names = append(x.names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.Name != "_" {
							x.names = append(x.names, n.Name)
						}
					}
				}
			}
		}
		out = append(out, x)
	}
	return out, nil
}

// recursionIn finds the functions of f in recursion cycles among them,
// when every one of them names its parameters (their wrappers pass them
// on); else none.
func recursionIn(f *ast.File) map[string]bool {
	calls := map[string][]string{}
	funcs := map[string]*ast.FuncDecl{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Type.TypeParams == nil && fd.Body != nil {
			funcs[fd.Name.Name] = fd
		}
	}
	for name, fd := range funcs {
		calls[name] = nil
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && funcs[id.Name] != nil {
					calls[name] = append(calls[name], id.Name)
				}
			}
			return true
		})
	}
	recursive := RecursionCycles(calls)
	for name := range recursive {
		for _, field := range funcs[name].Type.Params.List {
			if len(field.Names) == 0 || slices.ContainsFunc(field.Names, func(id *ast.Ident) bool { return id.Name == "_" }) {
				return nil
			}
		}
	}
	return recursive
}

// syntacticWrapper is Wrapper for d, its parameters and results as src
// writes them.
func syntacticWrapper(d *ast.FuncDecl, src string, fset *token.FileSet) string {
	text := func(from, to token.Pos) string { return src[fset.Position(from).Offset:fset.Position(to).Offset] }
	var args []string
	for i, field := range d.Type.Params.List {
		_, variadic := field.Type.(*ast.Ellipsis)
		for _, id := range field.Names {
			if variadic && i == len(d.Type.Params.List)-1 {
				args = append(args, id.Name+"...")
			} else {
				args = append(args, id.Name)
			}
		}
	}
	results := ""
	if d.Type.Results != nil {
		results = text(d.Type.Results.Pos(), d.Type.Results.End())
	}
	return Wrapper(d.Name.Name, text(d.Type.Params.Opening+1, d.Type.Params.Closing), results, args, d.Type.Results.NumFields() > 0)
}

// qualifiers are the names X of the selectors X.Sel in n: the packages it
// may use.
func qualifiers(n ast.Node) []string {
	seen := map[string]bool{}
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && !seen[id.Name] {
				seen[id.Name] = true
				out = append(out, id.Name)
			}
		}
		return true
	})
	return out
}

func signature(t *ast.FuncType) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, token.NewFileSet(), t); err != nil {
		return "func"
	}
	return b.String()
}

// syntaxError words a parse error of a %%jit cell in cell coordinates.
func syntaxError(cell, line int, err error) *Error {
	e := &Error{Name: "CompileError"}
	var list scanner.ErrorList
	if el, ok := err.(scanner.ErrorList); ok {
		list = el
	}
	for _, se := range list {
		l := se.Pos.Line - 1 + line - 1
		msg := se.Msg
		if strings.HasPrefix(msg, "expected declaration") {
			e.Detail = "a %%jit cell holds only declarations (functions, types, constants, imports): put statements in a function, and call it from a normal cell"
		}
		if e.Value == "" {
			e.Value = msg
		}
		e.Lines = append(e.Lines, fmt.Sprintf("In [%d], line %d, col %d: %s", cell, l, se.Pos.Column, msg))
	}
	if e.Value == "" {
		e.Value = err.Error()
	}
	return e
}

func cellError(cell, line, col int, msg, detail string) *Error {
	return &Error{Name: "CompileError", Value: msg, Detail: detail,
		Lines: []string{fmt.Sprintf("In [%d], line %d, col %d: %s", cell, line, col, msg)}}
}

// importPaths are the paths the program's declarations import.
func (p program) importPaths() []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range p.decls {
		for _, path := range d.imports {
			if !seen[path] {
				seen[path] = true
				out = append(out, path)
			}
		}
	}
	sort.Strings(out)
	return out
}
