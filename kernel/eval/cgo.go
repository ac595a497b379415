package eval

import (
	"go/scanner"
	"go/token"
)

// cgoDetail says where C code goes instead of an interpreted cell.
const cgoDetail = `C code runs in a %%jit cell, which compiles it with the Go toolchain (cgo): start the cell with %%jit, put the C code in the comment just above import "C" (or #include "sum_range.c", a file of the working directory written with %%writefile), and wrap each C function in a Go function there, e.g.

%%jit
// #include "sum_range.c"
import "C"

func sumRange(n int) int { return int(C.sum_range(C.longlong(n))) }

Other cells then call sumRange.`

// cgoImport refuses a cell that imports "C" (cgo): the interpreter cannot
// run C, and the background build of a cell's functions is no place for C
// compiler errors. It gives nil for any other cell.
func cgoImport(n int, code string) *Error {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), nil, 0)
	depth := 0
	inImport, grouped := false, false
	for {
		pos, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			return nil
		case token.LPAREN, token.LBRACE, token.LBRACK:
			if inImport && depth == 0 && tok == token.LPAREN {
				grouped = true
			}
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth = max(depth-1, 0)
			if depth == 0 && grouped {
				inImport, grouped = false, false
			}
		case token.IMPORT:
			if depth == 0 {
				inImport = true
			}
		case token.SEMICOLON:
			if depth == 0 && !grouped {
				inImport = false
			}
		case token.STRING:
			if inImport && (lit == `"C"` || lit == "`C`") {
				p := file.Position(pos)
				msg := `import "C" (cgo) works only in a %%jit cell`
				return &Error{Name: "CompileError", Value: msg,
					Traceback: []string{where(fileOf(n), p.Line, p.Column) + ": " + msg, "", cgoDetail}}
			}
		}
	}
}
