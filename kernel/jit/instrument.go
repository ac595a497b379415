package jit

import (
	"go/ast"
	"go/token"
	"sort"
)

// RuntimePackage is the package instrumented code imports, under the name
// RuntimeName.
const (
	RuntimePackage = "gopar/runtime/native"
	RuntimeName    = "__gopar_native"
)

// Edit replaces Cut bytes at offset At of a declaration's text with Text.
type Edit struct {
	At, Cut int
	Text    string
}

// Instrument gives the edits that let the interrupt button stop function
// d: a check of the running cell's Stop at the top of every loop body,
// and, in each goroutine started on a function literal, a deferred guard
// that ends the goroutine rather than the process on a panic; and that
// make recover give the value an interpreted callback panicked with. offset maps
// a position in d to an offset in its text. unguarded reports a go
// statement on anything but a function literal, which cannot be guarded.
// The edits need RuntimePackage imported as RuntimeName when there are any.
func Instrument(d *ast.FuncDecl, offset func(token.Pos) int) (edits []Edit, unguarded bool) {
	if d.Body == nil {
		return nil, false
	}
	loops := false
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			if lit, ok := n.Call.Fun.(*ast.FuncLit); ok {
				edits = append(edits, Edit{At: offset(lit.Body.Lbrace) + 1, Text: " defer " + RuntimeName + ".Recover();"})
			} else {
				unguarded = true
			}
		case *ast.CallExpr:
			// A panic of interpreted code (a callback the function was
			// given) reaches compiled code as a reflect.Value.
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "recover" && len(n.Args) == 0 {
				edits = append(edits,
					Edit{At: offset(n.Pos()), Text: RuntimeName + ".Recovered("},
					Edit{At: offset(n.End()), Text: ")"})
			}
		case *ast.ForStmt:
			loops = true
			edits = append(edits, Edit{At: offset(n.Body.Lbrace) + 1, Text: " __gopar_stop.Check();"})
		case *ast.RangeStmt:
			loops = true
			edits = append(edits, Edit{At: offset(n.Body.Lbrace) + 1, Text: " __gopar_stop.Check();"})
		}
		return true
	})
	if loops {
		edits = append(edits, Edit{At: offset(d.Body.Lbrace) + 1, Text: " __gopar_stop := " + RuntimeName + ".Token();"})
	}
	return edits, unguarded
}

// Apply makes the edits to text; they must not overlap.
func Apply(text string, edits []Edit) string {
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At > sorted[j].At })
	for _, e := range sorted {
		text = text[:e.At] + e.Text + text[e.At+e.Cut:]
	}
	return text
}
