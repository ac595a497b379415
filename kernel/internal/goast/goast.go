// Package goast holds small readings of Go syntax trees that several
// kernel packages make.
package goast

import "go/ast"

// ReceiverName is the type name of a method's receiver type: T for T, *T,
// T[K] and *T[K]; "" for anything else.
func ReceiverName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
