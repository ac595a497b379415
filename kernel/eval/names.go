package eval

import (
	"errors"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"maps"
	"strconv"
	"strings"
)

// declared lists the package-level names a piece of a cell declares: the
// declarations of a file, or the variables a cell's top level defines.
func declared(f *ast.File) (names, typeNames []string) {
	specs := func(gd *ast.GenDecl) {
		for _, sp := range gd.Specs {
			switch sp := sp.(type) {
			case *ast.ValueSpec:
				for _, id := range sp.Names {
					names = append(names, id.Name)
				}
			case *ast.TypeSpec:
				names = append(names, sp.Name.Name)
				typeNames = append(typeNames, sp.Name.Name)
			}
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			specs(d)
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name != "main" {
				names = append(names, d.Name.Name)
				continue
			}
			if d.Name.Name != "main" || d.Recv != nil {
				continue
			}
			// A statement piece: its top level is global.
			for _, st := range d.Body.List {
				switch st := st.(type) {
				case *ast.AssignStmt:
					if st.Tok == token.DEFINE {
						for _, e := range st.Lhs {
							if id, ok := e.(*ast.Ident); ok {
								names = append(names, id.Name)
							}
						}
					}
				case *ast.DeclStmt:
					if gd, ok := st.Decl.(*ast.GenDecl); ok {
						specs(gd)
					}
				}
			}
		}
	}
	return names, typeNames
}

// remember records what a piece declared, once it compiled.
func (s *Session) remember(f *ast.File) {
	names, typeNames := declared(f)
	for _, n := range names {
		s.defined[n] = true
	}
	s.native.redeclare(names)
	for _, n := range typeNames {
		s.types[n] = true
	}
	for n, ms := range declaredInterfaces(f, s.interfaces) {
		s.interfaces[n] = ms
	}
	for n, def := range s.typeDefinitions(f) {
		s.typeDefs[n] = def
	}
}

// explain words a compile error as go build would where the interpreter's
// words mislead: for a name declared nowhere it says "constant definition
// loop" or "incomplete type"; that becomes "undefined: name".
func (s *Session) explain(err error, f *ast.File) error {
	var e *Error
	if !errors.As(err, &e) || e.Name != "CompileError" {
		return err
	}
	// Before undefined names: a failed import leaves its name unknown.
	if name, path, symbol, ok := s.moduleGeneric(f); ok {
		return s.genericOfModule(name, path, symbol)
	}
	if id := s.undefined(f); id != nil {
		p := s.interp.FileSet().Position(id.Pos())
		pos := where(p.Filename, p.Line, p.Column)
		return &Error{Name: "CompileError", Value: "undefined: " + id.Name, Traceback: []string{pos + ": undefined: " + id.Name}}
	}
	if e.Value == "nil type" || e.Value == "nil reflect type" {
		// The interpreter lost a type; it says no more, nor where.
		return &Error{Name: "CompileError", Value: "the interpreter could not work out a type in this cell", Traceback: []string{
			"the interpreter could not work out a type in this cell. The usual causes, and what to write instead:",
			"  - a variable of the cell's top level set from a call of a generic function (x := min(a, b), ys := Map(xs, f)):",
			"    declare its type first (var x int; x = min(a, b)), or do the work inside a function;",
			"  - a range over an integer the kernel could not tell is one (for i := range f()):",
			"    write the loop as for i := 0; i < n; i++.",
		}}
	}
	return err
}

// moduleGeneric finds a generic function or type of a module's package
// that f names: the interpreter has no symbol for one, and the kernel
// rewrote the calls it could compile.
func (s *Session) moduleGeneric(f *ast.File) (name, path, symbol string, found bool) {
	imp := importer()
	if imp == nil {
		return
	}
	names := maps.Clone(s.imports)
	// An import that failed with its cell is known by its package's name.
	for p := range s.moduleSymbols {
		if pkg, err := imp.Import(p); err == nil && names[pkg.Name()] == "" {
			names[pkg.Name()] = p
		}
	}
	for _, is := range f.Imports {
		p, err := strconv.Unquote(is.Path.Value)
		if err != nil || !s.modulePackages[p] {
			continue
		}
		pkg, err := imp.Import(p)
		if err != nil {
			continue
		}
		n := pkg.Name()
		if is.Name != nil {
			n = is.Name.Name
		}
		names[n] = p
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found {
			return !found
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || !s.modulePackages[names[id.Name]] {
			return true
		}
		pkg, err := imp.Import(names[id.Name])
		if err != nil {
			return true
		}
		generic := false
		switch obj := pkg.Scope().Lookup(sel.Sel.Name).(type) {
		case *types.Func:
			generic = obj.Signature().TypeParams().Len() > 0
		case *types.TypeName:
			named, ok := obj.Type().(*types.Named)
			generic = ok && named.TypeParams().Len() > 0
		}
		if generic {
			name, path, symbol, found = id.Name, names[id.Name], sel.Sel.Name, true
		}
		return true
	})
	return
}

// genericOfModule explains why the interpreter cannot use a generic
// function or type of a module's package: a symbol table cannot hold
// one, and the kernel compiles a function per use only where native code
// can be built for the cell's types.
func (s *Session) genericOfModule(name, path, symbol string) error {
	var msg, do string
	if s.isTypeOf(path, symbol) {
		msg = fmt.Sprintf("%s.%s is a generic type of %s, which the interpreter cannot name: it holds only the values that compiled functions return", name, symbol, path)
		do = "What to do: write the code that names the type in a %%jit cell, whose functions are compiled whole; values of it that the module's functions return can still be used in cells (lo.T2(1, \"a\").A)."
	} else {
		why := "its type arguments include types declared in cells that run interpreted"
		if err := s.NativeOff(); err != nil {
			why = err.Error()
		}
		msg = fmt.Sprintf("%s.%s is generic, and the interpreter can only call a generic function of a module (%s) through a version compiled for the cell's type arguments; here it cannot be compiled: %s", name, symbol, path, why)
		do = "What to do: call it from a function declared in a cell (such functions are compiled, and call generic functions directly), or from a %%jit cell; with native code off, start the kernel without GOPAR_NATIVE=0 and with the Go toolchain on PATH."
	}
	return &Error{Name: "CompileError", Value: msg, Traceback: []string{"CompileError: " + msg, "", do}}
}

// isTypeOf tells whether the checker knows symbol of package path as a
// type.
func (s *Session) isTypeOf(path, symbol string) bool {
	imp := importer()
	if imp == nil {
		return false
	}
	p, err := imp.Import(path)
	if err != nil {
		return false
	}
	_, ok := p.Scope().Lookup(symbol).(*types.TypeName)
	return ok
}

// undefined finds a name that f uses and that is declared nowhere: not in
// f, not by an earlier cell, not imported, not predeclared.
func (s *Session) undefined(f *ast.File) *ast.Ident {
	keys := map[*ast.Ident]bool{} // field names in composite literals resolve against the type
	ast.Inspect(f, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				keys[id] = true
			}
		}
		return true
	})
	for _, id := range f.Unresolved {
		name := id.Name
		if keys[id] || name == "_" || strings.HasPrefix(name, "__gopar") || s.defined[name] || s.imports[name] != "" ||
			types.Universe.Lookup(name) != nil {
			continue
		}
		return id
	}
	return nil
}

// typeSpecs are the type declarations of f.
func typeSpecs(f *ast.File) []*ast.TypeSpec {
	var out []*ast.TypeSpec
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
			for _, sp := range gd.Specs {
				out = append(out, sp.(*ast.TypeSpec))
			}
		}
	}
	return out
}

// typeDefinitions gives the source of each type f declares, by name.
func (s *Session) typeDefinitions(f *ast.File) map[string]string {
	defs := map[string]string{}
	for _, ts := range typeSpecs(f) {
		defs[ts.Name.Name] = s.typeDefinition(ts)
	}
	return defs
}

// typeDefinition is a type declaration's definition as source.
func (s *Session) typeDefinition(ts *ast.TypeSpec) string {
	var b strings.Builder
	if ts.TypeParams != nil {
		printer.Fprint(&b, s.interp.FileSet(), ts.TypeParams)
	}
	if ts.Assign.IsValid() {
		b.WriteString(" = ")
	}
	printer.Fprint(&b, s.interp.FileSet(), ts.Type)
	return b.String()
}

// redefinedTypes lists the types f declares with another definition than
// an earlier cell gave them. The interpreter cannot change a type (it
// would keep the old definition without a word), so the new one gets a
// name of its own, which cells then use (see renameTypes).
func (s *Session) redefinedTypes(f *ast.File) []*ast.TypeSpec {
	var specs []*ast.TypeSpec
	for _, ts := range typeSpecs(f) {
		if old, ok := s.typeDefs[ts.Name.Name]; ok && old != s.typeDefinition(ts) {
			specs = append(specs, ts)
		}
	}
	return specs
}
