package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"gopar/runtime/display"
)

// What magics need of a session: running code from a given line of a
// cell, timing a statement compiled once, giving a cell variable a value
// the kernel computed, and listing variables.

// RunAt runs code that starts on line of cell n, so that errors point at
// the cell's own lines.
func (s *Session) RunAt(ctx context.Context, n, line int, code string) (*display.Bundle, error) {
	return s.Run(ctx, n, strings.Repeat("\n", max(line-1, 0))+code)
}

// loopFunc names the function CompileLoop makes; one at a time suffices,
// since a cell's magics run one after another.
const loopFunc = "__gopar_loop"

// CompileLoop compiles, once, a function of the cell's top level that
// runs setup and then stmt loops times, timing only the loop, and returns
// a way to call it. stmt starts on line of cell n. A statement that is an
// expression other than a call is evaluated and dropped.
func (s *Session) CompileLoop(ctx context.Context, n int, setup, stmt string, line int) (func(ctx context.Context, loops int) (float64, error), error) {
	if e, err := parser.ParseExpr(stmt); err == nil {
		if _, isCall := ast.Unparen(e).(*ast.CallExpr); !isCall {
			stmt = "_ = " + stmt
		}
	}
	// The loop's header shares the statement's first line, so that the
	// statement keeps its line numbers.
	header := fmt.Sprintf("%s := func(__gopar_n int) float64 { %s; __gopar_t0 := __gopar.Now(); for __gopar_i := 0; __gopar_i < __gopar_n; __gopar_i++ { ",
		loopFunc, strings.ReplaceAll(setup, "\n", "; "))
	code := header + stmt + "\n}\nreturn __gopar.Since(__gopar_t0)\n}"
	if _, err := s.RunAt(ctx, n, line, code); err != nil {
		return nil, err
	}
	return func(ctx context.Context, loops int) (float64, error) {
		v, err := s.eval(ctx, fmt.Sprintf("%s(%d)", loopFunc, loops))
		if err != nil {
			return 0, err
		}
		if !v.IsValid() || v.Kind() != reflect.Float64 {
			return 0, fmt.Errorf("timing loop gave %v, not seconds", v)
		}
		return v.Float(), nil
	}, nil
}

// boundPkg is the package through which Bind hands a value to a cell: its
// one symbol is replaced by each Bind.
const boundPkg = "gopar/kernel/eval/bound"

// Bind sets the cell variable name (declaring it if need be) to value,
// with value's own type: "t := %timeit -o f()".
func (s *Session) Bind(ctx context.Context, n int, name string, value any) error {
	if !token.IsIdentifier(name) {
		return fmt.Errorf("cannot assign to %q: not a Go identifier", name)
	}
	v := reflect.New(reflect.TypeOf(value)).Elem()
	v.Set(reflect.ValueOf(value))
	if err := s.interp.Use(interp.Exports{boundPkg + "/bound": {"Value": v.Addr()}}); err != nil {
		return fmt.Errorf("bind %s: %w", name, err)
	}
	// Assign when the variable exists with the value's type; else declare
	// it (again), as a cell would with :=.
	op := ":="
	if _, t, ok := s.TypeOf(name); ok && s.defined[name] && t == v.Type() {
		op = "="
	}
	s.unchecked = true
	_, err := s.Run(ctx, n, fmt.Sprintf("%s %s *__gopar_bound.Value", name, op))
	s.unchecked = false
	if err == nil {
		s.declare(name, v.Type())
	}
	return err
}

// Variable is a variable cells declared, with its type as Go writes it.
type Variable struct {
	Name, Type string
}

// Variables are the variables cells declared, in the order first
// declared, each once.
func (s *Session) Variables() []Variable {
	globals := sync.OnceValue(s.globals) // one listing for all variables
	seen := map[string]bool{}
	var vars []Variable
	for _, d := range s.decls {
		if d.Kind != "var" || seen[d.Name] {
			continue
		}
		seen[d.Name] = true
		cellType, rt, ok := s.typeOf(d.Name, globals)
		switch {
		case !ok:
			continue
		case cellType != "":
			vars = append(vars, Variable{d.Name, cellType})
		default:
			vars = append(vars, Variable{d.Name, rt.String()})
		}
	}
	return vars
}
