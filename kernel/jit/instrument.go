package jit

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"
	"strings"
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

// DepthSuffix names the form of a function of a recursion cycle that takes
// the depth of the call as its first argument; runtime/native.DepthSuffix,
// which package jit does not import (its tests load plugins that hold
// their own copy of package native).
const DepthSuffix = "__gopar_depth"

// GuardRecursion gives the edits that make d, a function of a recursion
// cycle, count its depth: d becomes d.Name+DepthSuffix with the depth
// first, checks it against the limit on entry, and passes it on, one
// deeper, to the calls for which inCycle is true. The caller declares d's
// own name again, starting the count (see Wrapper).
func GuardRecursion(d *ast.FuncDecl, inCycle func(*ast.Ident) bool, offset func(token.Pos) int) []Edit {
	param := DepthSuffix + " int"
	if d.Type.Params.NumFields() > 0 {
		param += ", "
	}
	edits := []Edit{
		{At: offset(d.Name.Pos()), Cut: len(d.Name.Name), Text: d.Name.Name + DepthSuffix},
		{At: offset(d.Type.Params.Opening) + 1, Text: param},
		{At: offset(d.Body.Lbrace) + 1, Text: " " + RuntimeName + ".Deeper(" + DepthSuffix + ");"},
	}
	ast.Inspect(d.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id, ok := call.Fun.(*ast.Ident); ok && inCycle(id) {
			arg := DepthSuffix + "+1"
			if len(call.Args) > 0 {
				arg += ", "
			}
			edits = append(edits,
				Edit{At: offset(id.Pos()), Cut: len(id.Name), Text: id.Name + DepthSuffix},
				Edit{At: offset(call.Lparen) + 1, Text: arg})
		}
		return true
	})
	return edits
}

// Wrapper declares name with the parameters and results written as
// params and results ("a, b int", "(float64, error)") and calls its
// counting form from depth zero with args ("a, b").
func Wrapper(name, params, results string, args []string, hasResults bool) string {
	call := name + DepthSuffix + "(" + strings.Join(append([]string{"0"}, args...), ", ") + ")"
	if hasResults {
		call = "return " + call
	}
	return fmt.Sprintf("func %s(%s) %s { %s }", name, params, results, call)
}

// RecursionCycles are the names among calls' keys that can reach
// themselves through calls, each function's direct callees.
func RecursionCycles(calls map[string][]string) map[string]bool {
	out := map[string]bool{}
	for name := range calls {
		seen := map[string]bool{}
		stack := append([]string(nil), calls[name]...)
		for len(stack) > 0 {
			next := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if next == name {
				out[name] = true
				break
			}
			if _, ok := calls[next]; !ok || seen[next] {
				continue
			}
			seen[next] = true
			stack = append(stack, calls[next]...)
		}
	}
	return out
}
