package magics

import (
	"context"
	"fmt"
	"strings"
	"time"
)

func init() {
	register(&Magic{Name: "jit", Help: jitHelp, Cell: jit})
}

const jitHelp = `%%jit [-v]

Compile the cell's Go functions to native code now, or fail, and bind each
under its name.

The cell holds Go declarations: functions, and the types, constants and
imports they use (standard packages and the runtime's np, da, calcpi, ...
need no import line). gopar builds them with the installed Go toolchain
into a plugin loaded into the kernel, and binds every function to a
variable of the same name: later cells call it like any function, at
compiled speed. A function of one %%jit cell may call those of earlier
%%jit cells; declaring a name again replaces it everywhere.

Functions of ordinary cells are compiled to native code too, in the
background, falling back to the interpreter where they cannot be (%native
says why); %%jit compiles now, and a function that cannot be compiled is
the cell's error. Jitted code cannot see the variables, functions and types
of other cells: pass values as arguments. Builds are cached per user: the
same code is never compiled twice, also after a restart. The interrupt
button stops a jitted loop: the kernel adds a check to every loop.

C code: a %%jit cell may import "C" (cgo), with C in the comment just
above the import, or in files of the working directory it includes by a
quoted name (#include "sum_range.c", written with %%writefile). Wrap each
C function in a Go function of the cell; other cells call those. The
included files are read when the cell runs: run it again after changing
one. C errors name the cell's lines, or the included file's. C calls run
in parallel from several goroutines (Go has no GIL). The interrupt button
ends the cell, but not a C function, which runs on to its end. Needs a C
compiler (CC).

Example:

  %%writefile sum_range.c
  long long sum_range(long long high) { ... }

  %%jit
  // #include "sum_range.c"
  import "C"

  func sumRange(n int) int { return int(C.sum_range(C.longlong(n))) }

Options:
  -v, --verbose  Say what was compiled, and whether from the cache.`

// JITFunc is a function compiled by %%jit.
type JITFunc struct {
	Name      string
	Signature string
	// Value is the function, e.g. a func(int) float64.
	Value any
}

// JITCompiler is what an Env that supports %%jit also implements.
type JITCompiler interface {
	// CompileJIT compiles the declarations in code (which start at cell
	// line line) together with those of earlier %%jit cells, and returns
	// all their functions; cached tells the build came from the cache.
	CompileJIT(ctx context.Context, code string, line int) (funcs []JITFunc, cached bool, err error)
}

func jit(ctx context.Context, env Env, args, body string, line int) (*Result, error) {
	verbose := false
	for _, a := range strings.Fields(args) {
		switch a {
		case "-v", "--verbose":
			verbose = true
		default:
			return nil, usageError("%%%%jit: unknown option %q; usage: %%%%jit [-v], then the cell's Go functions", a)
		}
	}
	c, ok := env.(JITCompiler)
	if !ok {
		return nil, &Error{Name: "JITError", Value: "%%jit is not available in this session"}
	}
	start := time.Now()
	funcs, cached, err := c.CompileJIT(ctx, body, line)
	if err != nil {
		return nil, err
	}
	for _, f := range funcs {
		if err := env.Bind(ctx, f.Name, f.Value); err != nil {
			return nil, fmt.Errorf("%%%%jit: binding %s: %w", f.Name, err)
		}
	}
	if verbose {
		how := "compiled"
		if cached {
			how = "loaded from the cache"
		}
		names := make([]string, len(funcs))
		for i, f := range funcs {
			names[i] = f.Name + strings.TrimPrefix(f.Signature, "func")
		}
		fmt.Fprintf(env.Stdout(), "%s in %s: %s\n", how, formatTime(time.Since(start).Seconds()), strings.Join(names, ", "))
	}
	return nil, nil
}
