// Package jit compiles Go function declarations to native code with the
// installed Go toolchain and loads them into the running process, for
// %%jit cells: the interpreter stays for instant feedback, the hot loops
// run compiled.
//
// A Compiler keeps the declarations of every %%jit cell so far, as one Go
// program: a later cell can call an earlier cell's functions, and a cell
// that declares a name again replaces it. Each Compile builds that program
// as a plugin (go build -buildmode=plugin) against the very sources the
// process was built from (Options.Source), so that the plugin shares the
// process's copies of the standard library and of gopar's runtime, and
// returns its functions. Plugins are cached by content in a per-user cache
// directory: the same program is never built twice, also across restarts.
//
// It knows nothing of the interpreter: binding the functions to names that
// cells see is the caller's job.
package jit

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"
	"time"

	"gopar/kernel/modules"
)

// Options configure a Compiler.
type Options struct {
	// Source holds the files of the module the process was built from
	// that jitted code may import: go.mod, go.sum and the runtime's
	// package directories.
	Source fs.FS
	// CacheDir is where sources and plugins are kept; by default
	// gopar/jit in the user's cache directory.
	CacheDir string
	// Packages maps the names cells use without an import line (fmt, np)
	// to import paths.
	Packages map[string]string
	// Go is the go command; by default "go" found on PATH.
	Go string
	// Modules are the session's Go modules, which cells may import
	// packages of; nil allows none.
	Modules *modules.Set
	// Progress receives lines saying what a long import is doing.
	Progress io.Writer
}

// Compiler compiles %%jit cells. Its methods must not be called
// concurrently.
type Compiler struct {
	opts    Options
	program program
	// tc is the checked toolchain, once a check succeeded; a failed check
	// runs again at the next cell, which may come after Go was installed.
	tc *toolchain
}

// New returns a Compiler. Nothing is checked or written until the first
// Compile.
func New(opts Options) *Compiler {
	if opts.Go == "" {
		opts.Go = "go"
	}
	return &Compiler{opts: opts}
}

// Func is a compiled function.
type Func struct {
	Name string
	// Value is the function itself, e.g. a func(int) float64.
	Value any
	// Signature is how Go writes its type, e.g. "func(n int) float64".
	Signature string
}

// Result is what a Compile made.
type Result struct {
	// Funcs are the functions of all %%jit cells so far, in the order
	// declared: rebinding all of them lets earlier functions that call a
	// replaced one see the new one.
	Funcs []Func
	// Cached tells that the plugin came from the cache, with no build.
	Cached bool
	// Elapsed is how long compiling and loading took.
	Elapsed time.Duration
}

// Compile adds the declarations of a %%jit cell (cell is its execution
// count, line the cell line src starts on) to the program, builds the
// program and loads it. On error the program is as it was before.
func (c *Compiler) Compile(ctx context.Context, cell, line int, src string) (*Result, error) {
	start := time.Now()
	if err := pluginSupport(); err != nil {
		return nil, err
	}
	next, err := c.program.with(cell, line, src, c.opts.Packages)
	if err != nil {
		return nil, err
	}
	if err := next.readIncludes(cell); err != nil {
		return nil, err
	}
	if err := c.importModules(ctx, next.importPaths()); err != nil {
		return nil, err
	}
	if len(next.funcs()) == 0 {
		return nil, &Error{Name: "JITError", Value: "the %%jit cell declares no function",
			Detail: "a %%jit cell holds Go function declarations (and the types, constants and imports they use), e.g.\n\n%%jit\nfunc sumRange(n int) int {\n\ts := 0\n\tfor i := range n {\n\t\ts += i\n\t}\n\treturn s\n}"}
	}
	funcs, _, cached, err := c.buildAndLoad(ctx, next)
	if err != nil {
		return nil, err
	}
	c.program = next
	return &Result{Funcs: funcs, Cached: cached, Elapsed: time.Since(start)}, nil
}

// buildAndLoad builds prog, unless its plugin is in the cache, and loads
// its functions and pointer variables.
func (c *Compiler) buildAndLoad(ctx context.Context, prog program) (funcs []Func, ptrs map[string]reflect.Value, cached bool, err error) {
	tc, err := c.toolchain(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	lib, cached, err := tc.plugin(ctx, prog.generate())
	if err != nil {
		return nil, nil, false, err
	}
	funcs, ptrs, err = load(lib, prog.funcs(), prog.vars)
	return funcs, ptrs, cached, err
}

// plugin gives the plugin built from files: the cached one, or one it
// builds.
func (t *toolchain) plugin(ctx context.Context, files map[string]string) (lib string, cached bool, err error) {
	key := t.key(files)
	lib = filepath.Join(t.cacheDir, "plugins", key+pluginExt)
	if intact(lib) {
		return lib, true, nil
	}
	return lib, false, t.build(ctx, key, files, lib)
}

// toolchain checks the Go toolchain and writes the module sources, once.
func (c *Compiler) toolchain(ctx context.Context) (*toolchain, error) {
	if c.tc == nil {
		tc, err := newToolchain(ctx, c.opts)
		if err != nil {
			return nil, err
		}
		c.tc = tc
	}
	if c.opts.Modules != nil {
		if err := c.tc.useModules(c.opts.Modules.Files()); err != nil {
			return nil, err
		}
	}
	return c.tc, nil
}

// Error is a failed %%jit cell, worded for the notebook.
type Error struct {
	Name  string // CompileError, or JITError when it is not the cell's code
	Value string
	// Lines are the compiler's messages in cell coordinates.
	Lines []string
	// Detail says what to do.
	Detail string
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// JupyterError gives the error's fields as Jupyter's error message has them.
func (e *Error) JupyterError() (ename, evalue string, traceback []string) {
	tb := append([]string(nil), e.Lines...)
	if len(tb) == 0 {
		tb = append(tb, e.Name+": "+e.Value)
	}
	if e.Detail != "" {
		tb = append(tb, "", e.Detail)
	}
	return e.Name, e.Value, tb
}

func errorf(detail, format string, args ...any) *Error {
	return &Error{Name: "JITError", Value: fmt.Sprintf(format, args...), Detail: detail}
}
