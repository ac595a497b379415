package eval

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"gopar/kernel/internal/goast"
)

// Declarations that use names of later cells.
//
// In a Go file the order of declarations does not matter; in a notebook a
// function often comes before the helper it calls, and a type before the
// type of its fields. A function or type declaration whose only errors
// are names no cell has declared yet waits: the cell runs without it, with
// a note, and the declaration is checked again with every later
// declaration cell, until the names exist. A cell that declares the same
// name replaces it.

// waitingDecl is a declaration that waits for names.
type waitingDecl struct {
	part  part     // its text and place, its cell included
	name  string   // what it declares: "f", "T", or "T.m" for a method
	needs []string // the undefined names it uses
}

// withWaiting adds the waiting declarations to a declaration piece, but
// for those it declares again.
func (s *Session) withWaiting(p piece) piece {
	if len(s.waiting) == 0 {
		return p
	}
	declared := map[string]bool{}
	for _, pt := range p.parts {
		for _, name := range partNames(pt.src) {
			declared[name] = true
		}
	}
	kept := s.waiting[:0]
	for _, w := range s.waiting {
		if !declared[w.name] {
			kept = append(kept, w)
			p.parts = append(p.parts, w.part)
		}
	}
	s.waiting = kept
	return p
}

// checkDeclarations type-checks a declaration piece of cell n, parsed into
// f from p, setting aside the declarations whose only errors are names no
// cell has declared, until the rest checks. The waiting ones leave f and
// p; those of this cell get a note.
func (s *Session) checkDeclarations(n int, f *ast.File, p *piece) (*types.Info, error) {
	res := s.check(f, false, false)
	if res == nil {
		return nil, nil
	}
	fset := s.interp.FileSet()
	src := p.source(n)
	file := fset.File(f.Pos())
	var waiting []waitingDecl
	for len(res.Errors) > 0 {
		aside := map[ast.Decl][]string{}
		for _, te := range res.Errors {
			name, ok := strings.CutPrefix(te.Msg, "undefined: ")
			d := declAt(fset, f, te.Pos)
			if !ok || strings.Contains(name, ".") || d == nil {
				return nil, s.withWaitingHints(typeErrors(res.Errors))
			}
			if !slices.Contains(aside[d], name) {
				aside[d] = append(aside[d], name)
			}
		}
		f.Decls = slices.DeleteFunc(f.Decls, func(d ast.Decl) bool { return aside[d] != nil })
		for d, needs := range aside {
			pos := fset.Position(d.Pos())
			pt := part{src: src[file.Offset(d.Pos()):file.Offset(d.End())], line: pos.Line, col: pos.Column, cell: cellOf(pos.Filename)}
			waiting = append(waiting, waitingDecl{part: pt, name: declName(d), needs: needs})
		}
		res = s.check(f, false, false)
	}
	// The piece keeps what runs; the cell's own waiting declarations get
	// a note, those of earlier cells wait on quietly.
	s.waiting = slices.DeleteFunc(s.waiting, func(w waitingDecl) bool {
		return slices.ContainsFunc(p.parts, func(pt part) bool { return pt.place(n) == w.part.place(n) })
	})
	s.waiting = append(s.waiting, waiting...)
	p.parts = slices.DeleteFunc(p.parts, func(pt part) bool {
		return slices.ContainsFunc(waiting, func(w waitingDecl) bool { return w.part.place(n) == pt.place(n) })
	})
	for _, w := range waiting {
		if w.part.cell == n {
			s.panics.printf("gopar: note: %s is not declared yet: it uses %s, not declared yet either; it will be, with the cell that declares it\n",
				w.name, strings.Join(w.needs, ", "))
		}
	}
	return res.Info, nil
}

// withWaitingHints adds, to an error that a name is undefined, what the
// waiting declaration of that name waits for.
func (s *Session) withWaitingHints(e *Error) *Error {
	for _, w := range s.waiting {
		if strings.Contains(e.Value, "undefined: "+w.name) || slices.ContainsFunc(e.Traceback, func(l string) bool { return strings.HasSuffix(l, "undefined: "+w.name) }) {
			e.Traceback = append(e.Traceback, "", w.name+" is not declared yet: it waits for "+strings.Join(w.needs, ", ")+", not declared yet either")
		}
	}
	return e
}

// place is where a part of cell n (or of its own cell) starts.
func (pt part) place(n int) [3]int {
	if pt.cell != 0 {
		n = pt.cell
	}
	return [3]int{n, pt.line, pt.col}
}

// declAt finds the declaration of f at pos that may wait: a function, a
// method or a type declaration; nil for any other place.
func declAt(fset *token.FileSet, f *ast.File, pos token.Position) ast.Decl {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.TYPE {
				continue
			}
		case *ast.FuncDecl:
			if d.Name.Name == "main" || d.Name.Name == "init" {
				continue
			}
		}
		from, to := fset.Position(d.Pos()), fset.Position(d.End())
		if pos.Filename == from.Filename && !before(pos, from) && !before(to, pos) {
			return d
		}
	}
	return nil
}

func before(a, b token.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
}

// declName is what d declares: "f", "T.m", or its types' names.
func declName(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			return goast.ReceiverName(d.Recv.List[0].Type) + "." + d.Name.Name
		}
		return d.Name.Name
	case *ast.GenDecl:
		var names []string
		for _, spec := range d.Specs {
			if ts, ok := spec.(*ast.TypeSpec); ok {
				names = append(names, ts.Name.Name)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// partNames are the names a declaration part declares, as declName words
// them.
func partNames(src string) []string {
	f, err := parseDecls(src)
	if err != nil {
		return nil
	}
	var out []string
	for _, d := range f.Decls {
		out = append(out, declName(d))
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, spec := range g.Specs {
				out = append(out, spec.(*ast.TypeSpec).Name.Name)
			}
		}
	}
	return out
}

// cellOf reads the cell number of a file name "5/cell".
func cellOf(filename string) int {
	n := 0
	for _, c := range strings.TrimSuffix(filename, "/"+cellFile) {
		if c < '0' || c > '9' {
			return 0
		}
		n = 10*n + int(c-'0')
	}
	return n
}

// parseDecls parses declarations on their own.
func parseDecls(src string) (*ast.File, error) {
	return parser.ParseFile(token.NewFileSet(), "", "package main\n"+src, parser.SkipObjectResolution)
}
