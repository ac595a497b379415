package jit

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"
)

// VarPrefix names the exported pointer through which a program reaches a
// variable of the caller's.
const VarPrefix = "GoparVar_"

// Program is a whole program the caller assembled from the declarations
// of ordinary cells, rather than from %%jit cells: the caller has already
// type-checked it and chosen what it holds.
type Program struct {
	Funcs []Source
	Vars  []Var
	// Types are packages of cell types (BuildTypes) whose types Funcs
	// and Vars name without a qualifier.
	Types []TypeRef
}

// Source is one function declaration of a Program.
type Source struct {
	// Name is the function's name; it is handed out to the caller.
	Name string
	// Signature is how Go writes its type, "func(n int) float64".
	Signature string
	// Text is the declaration, as the compiler is to read it.
	Text string
	// Cell, Line and Col are where Text starts: compiler messages and
	// panics give those coordinates.
	Cell, Line, Col int
	// Imports are the packages Text uses, by the name it uses them under.
	Imports map[string]string
	// Support marks a declaration the functions use that is not handed
	// out, such as a generic function that an instance calls.
	Support bool
}

// Var is a variable of the caller's that the program's functions read and
// write through the pointer VarPrefix+Name, of type *Type.
type Var struct {
	Name, Type string
	// Imports are the packages Type names, by the name it uses.
	Imports map[string]string
}

// Built is a loaded Program.
type Built struct {
	Funcs []Func
	// Pointers are the program's pointer variables by name, each a
	// reflect.Value of type **T: the caller stores its variable's address
	// through it.
	Pointers map[string]reflect.Value
	Cached   bool
	Elapsed  time.Duration
}

// Build compiles and loads a Program. Like Compile, it reuses a plugin
// built before from the same sources.
func (c *Compiler) Build(ctx context.Context, p Program) (*Built, error) {
	start := time.Now()
	if err := pluginSupport(); err != nil {
		return nil, err
	}
	var prog program
	for _, f := range p.Funcs {
		fn := f.Name
		if f.Support {
			fn = ""
		}
		prog.decls = append(prog.decls, decl{
			names:   []string{f.Name},
			fn:      fn,
			sig:     f.Signature,
			src:     f.Text,
			cell:    f.Cell,
			line:    f.Line,
			col:     f.Col,
			uses:    slices.Sorted(maps.Keys(f.Imports)),
			imports: f.Imports,
		})
	}
	prog.vars = p.Vars
	prog.types = p.Types
	if len(p.Types) > 0 {
		tc, err := c.toolchain(ctx)
		if err != nil {
			return nil, err
		}
		if err := tc.mainnameTool(ctx); err != nil {
			return nil, err
		}
	}
	funcs, ptrs, cached, err := c.buildAndLoad(ctx, prog)
	if err != nil {
		return nil, err
	}
	return &Built{Funcs: funcs, Pointers: ptrs, Cached: cached, Elapsed: time.Since(start)}, nil
}

// Check tells whether this process can build and load programs: plugins
// supported, a Go toolchain matching the one that built it. It may run the
// go command, once.
func (c *Compiler) Check(ctx context.Context) error {
	if err := pluginSupport(); err != nil {
		return err
	}
	_, err := c.toolchain(ctx)
	return err
}

// Warm builds, and throws away, a plugin that imports packages: Go's build
// cache then holds them compiled in plugin mode, which the first build of
// a machine otherwise spends most of its time on.
func (c *Compiler) Warm(ctx context.Context, packages []string) error {
	if err := pluginSupport(); err != nil {
		return err
	}
	tc, err := c.toolchain(ctx)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("package main\n\n")
	for _, p := range packages {
		fmt.Fprintf(&b, "import _ %q\n", p)
	}
	files := map[string]string{"warm.go": b.String()}
	key := tc.key(files)
	lib := filepath.Join(tc.cacheDir, "plugins", "warm-"+key+pluginExt)
	defer os.Remove(lib)
	return tc.build(ctx, key, files, lib)
}
