package eval

import (
	"fmt"
	"go/scanner"
	"go/token"
	"slices"
	"strings"
)

// piece is a run of a cell's top-level code of one kind: declarations,
// which become a file of package main, or statements, which run in the
// global scope.
type piece struct {
	decl  bool
	parts []part
}

// part is one top-level declaration or statement with its place in the cell.
type part struct {
	src        string
	line, col  int
	importDecl bool
	// cell is the cell the part came from when not the one running: a
	// declaration waiting for a name a later cell declares.
	cell int
}

// cell is a cell split for the interpreter.
type cell struct {
	pieces     []piece
	hasPackage bool // the cell has a package clause, as a pasted file does
}

// splitCell cuts a cell into top-level declarations and statements, in the
// order they appear, using the Go scanner so that strings, comments and
// nested blocks are respected. Syntax errors are left for the parser, which
// reports them with cell positions.
func splitCell(src string) cell {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)

	type tok struct {
		pos token.Pos
		tok token.Token
		lit string
	}
	var c cell
	var stmt []tok
	depth := 0
	flush := func(end int) {
		if len(stmt) == 0 {
			return
		}
		first := stmt[0]
		start := file.Offset(first.pos)
		text := strings.TrimRight(src[start:end], " \t\r\n;")
		p := file.Position(first.pos)
		kind := first.tok
		stmt = stmt[:0]
		if kind == token.PACKAGE {
			c.hasPackage = true
			return
		}
		if text == "" {
			return
		}
		decl := false
		switch kind {
		case token.IMPORT, token.TYPE:
			decl = true
		case token.VAR, token.CONST:
			// Package-level among declarations; after statements (the body
			// of a main pasted as a cell) a local declaration, as in Go,
			// so that it may use what the statements before it defined.
			decl = !slices.ContainsFunc(c.pieces, func(p piece) bool { return !p.decl })
		case token.FUNC:
			decl = isFuncDecl(src[start:end])
		}
		pt := part{src: text, line: p.Line, col: p.Column, importDecl: kind == token.IMPORT}
		if n := len(c.pieces); n > 0 && c.pieces[n-1].decl == decl {
			c.pieces[n-1].parts = append(c.pieces[n-1].parts, pt)
			return
		}
		c.pieces = append(c.pieces, piece{decl: decl, parts: []part{pt}})
	}
	// header: between for, if or switch and the brace of its body, where
	// semicolons separate clauses (for i := 0; ; i++), not statements.
	header := false
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			flush(len(src))
			break
		}
		switch t {
		case token.FOR, token.IF, token.SWITCH:
			if depth == 0 {
				header = true
			}
		case token.LBRACE:
			if depth == 0 {
				header = false
			}
		}
		switch t {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			if depth > 0 {
				depth--
			}
		}
		if t == token.SEMICOLON && depth == 0 && !(header && lit == ";") {
			flush(file.Offset(pos))
			continue
		}
		stmt = append(stmt, tok{pos, t, lit})
	}
	return c
}

// isFuncDecl tells a function declaration ("func f(", "func (r T) m(",
// "func f[T any](") from a function literal statement ("func() {...}()").
func isFuncDecl(src string) bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, scanner.ScanComments)
	next := func() token.Token {
		for {
			_, t, _ := s.Scan()
			if t != token.COMMENT {
				return t
			}
		}
	}
	next() // func
	switch next() {
	case token.IDENT:
		return true
	case token.LPAREN:
		// Either a receiver or a literal's parameters: a method name follows
		// only a receiver.
		depth := 1
		for depth > 0 {
			switch next() {
			case token.LPAREN:
				depth++
			case token.RPAREN:
				depth--
			case token.EOF:
				return false
			}
		}
		return next() == token.IDENT && next() == token.LPAREN
	}
	return false
}

// source renders a piece of cell number n as Go source whose line
// directives map every part back to its place in the cell.
func (p piece) source(n int) string {
	var b strings.Builder
	b.WriteString("package main\n")
	if !p.decl {
		b.WriteString("func main() {\n")
	}
	write := func(pt part) {
		cell := n
		if pt.cell != 0 {
			cell = pt.cell
		}
		fmt.Fprintf(&b, "/*line %s:%d:%d*/%s\n", fileOf(cell), pt.line, pt.col, pt.src)
	}
	if p.decl {
		// Imports must come first in a file; cells may have them anywhere.
		for _, pt := range p.parts {
			if pt.importDecl {
				write(pt)
			}
		}
		for _, pt := range p.parts {
			if !pt.importDecl {
				write(pt)
			}
		}
	} else {
		for _, pt := range p.parts {
			write(pt)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// localizeVars turns a package-level var declaration whose initializer
// reads a variable of an earlier cell (isVar) into a statement at the
// cell's top level, which declares a session variable all the same. The
// interpreter orders package-level initializers by what they read and
// finds no initializer for a variable an earlier cell declared: it
// rejects `var b = a` with "variable definition loop".
func (c *cell) localizeVars(isVar func(name string) bool) {
	var pieces []piece
	add := func(decl bool, pt part) {
		if n := len(pieces); n > 0 && pieces[n-1].decl == decl {
			pieces[n-1].parts = append(pieces[n-1].parts, pt)
			return
		}
		pieces = append(pieces, piece{decl: decl, parts: []part{pt}})
	}
	for _, p := range c.pieces {
		for _, pt := range p.parts {
			add(p.decl && !(pt.cell == 0 && readsVar(pt.src, isVar)), pt)
		}
	}
	c.pieces = pieces
}

// readsVar tells whether src, a var declaration, has an initializer
// naming a variable isVar knows.
func readsVar(src string, isVar func(name string) bool) bool {
	if !strings.HasPrefix(src, "var") {
		return false
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	initializer := false
	for {
		_, t, lit := s.Scan()
		switch {
		case t == token.EOF:
			return false
		case t == token.ASSIGN:
			initializer = true
		case t == token.SEMICOLON:
			initializer = false
		case t == token.IDENT && initializer && isVar(lit):
			return true
		}
	}
}
