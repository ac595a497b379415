package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/traefik/yaegi/stdlib"

	"gopar/kernel"
	"gopar/kernel/eval"
	"gopar/kernel/eval/preload"
	"gopar/kernel/introspect"
	"gopar/kernel/jit"
	"gopar/kernel/modules"
	"gopar/magics"
	"gopar/runtime/display"
	"gopar/runtime/interrupt"
	"gopar/runtime/memguard"
	"gopar/runtime/native"
)

// interpreter is what the kernel runs cells with: an eval.Session, with
// completion and inspection from package introspect.
type interpreter struct {
	*eval.Session
	// introspector is made on first use: indexing every package's symbols
	// need not delay the kernel's start.
	introspector func() *introspect.Introspector
	// jit compiles %%jit cells.
	jit *jit.Compiler
	// modules are the Go modules cells import packages of.
	modules *modules.Set
}

func newInterpreter(stdin *kernel.Stdin) (kernel.Interpreter, error) {
	return newInterpreterPinned(stdin, func() map[string]string { return notebookModules(os.Getenv("JPY_SESSION_NAME")) })
}

// newInterpreterPinned starts an interpreter whose cells get the module
// versions pins gives when they import those modules' packages.
func newInterpreterPinned(stdin *kernel.Stdin, pins func() map[string]string) (*interpreter, error) {
	opts := jitOptions()
	opts.Modules = newModules(pins)
	opts.Progress = os.Stderr
	var native *jit.Compiler
	if os.Getenv("GOPAR_NATIVE") != "0" {
		native = jit.New(opts)
	}
	compiler := jit.New(opts)
	s, err := eval.New(eval.Options{Stdin: stdin, Native: native, Modules: compiler})
	if err != nil {
		return nil, err
	}
	// The standard library's types, read from source, are ready before
	// the first cells need them.
	go eval.WarmTypes()
	introspector := sync.OnceValue(func() *introspect.Introspector {
		packages := maps.Clone(stdlib.Symbols)
		maps.Copy(packages, preload.Symbols)
		line, cell := magics.Names()
		// The runtime's docs are read from the sources %%jit compiles
		// against: one copy in the binary serves both.
		return introspect.New(scope{s}, introspect.Options{Packages: packages, Magics: append(line, cell...), ModuleSource: moduleSource})
	})
	return &interpreter{Session: s, introspector: introspector, jit: compiler, modules: opts.Modules}, nil
}

// Run runs a cell: its magics, and its Go code in the session. Compiled
// runtime code sees the cell's context through package interrupt.
//
// A cell whose memory grows past the kernel's limit is stopped as an
// interrupt stops it, and ends with a MemoryError.
func (in *interpreter) Run(ctx context.Context, n int, code string) (*display.Bundle, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go memguard.Watch(ctx, cancel)
	defer interrupt.SetContext(ctx)()
	stop, end := native.Begin()
	defer end()
	defer context.AfterFunc(ctx, stop.Trip)()
	b, err := magics.RunCell(ctx, magicEnv{in.Session, n, in.jit, in.modules}, code)
	var tooMuch *memguard.Error
	if err != nil && errors.As(context.Cause(ctx), &tooMuch) {
		msg := tooMuch.Error()
		return nil, &eval.Error{Name: "MemoryError", Value: msg, Traceback: []string{"MemoryError: " + msg}}
	}
	return b, err
}

func (in *interpreter) Complete(code string, cursor int) kernel.Completion {
	c := in.introspector().Complete(code, cursor)
	out := kernel.Completion{Start: c.Start, End: c.End, Matches: make([]kernel.CompletionMatch, len(c.Matches))}
	for i, m := range c.Matches {
		out.Matches[i] = kernel.CompletionMatch{Text: m.Text, Type: m.Kind, Signature: m.Signature}
	}
	return out
}

func (in *interpreter) Inspect(code string, cursor, detail int) (map[string]any, bool) {
	i := in.introspector().Inspect(code, cursor, detail)
	if !i.Found {
		return nil, false
	}
	return map[string]any{"text/plain": i.Text, "text/markdown": i.Markdown}, true
}

func (in *interpreter) IsComplete(code string) (status, indent string) { return eval.IsComplete(code) }

// scope shows a session's declarations to package introspect.
type scope struct{ s *eval.Session }

func (sc scope) Decls() []introspect.Decl {
	decls := sc.s.Decls()
	out := make([]introspect.Decl, len(decls))
	for i, d := range decls {
		out[i] = introspect.Decl{Name: d.Name, Kind: d.Kind, Recv: d.Recv, Source: d.Source, Cell: d.Cell}
	}
	return out
}

func (sc scope) Imports() map[string]string { return sc.s.Imports() }

func (sc scope) TypeOf(name string) (string, reflect.Type, bool) { return sc.s.TypeOf(name) }

// magicEnv runs the magics of cell n in a session.
type magicEnv struct {
	s       *eval.Session
	n       int
	jit     *jit.Compiler
	modules *modules.Set
}

func (e magicEnv) Run(ctx context.Context, code string, line int) (*display.Bundle, error) {
	return e.s.RunAt(ctx, e.n, line, code)
}

func (e magicEnv) CompileLoop(ctx context.Context, setup, code string, line int) (magics.Loop, error) {
	return e.s.CompileLoop(ctx, e.n, setup, code, line)
}

func (e magicEnv) Bind(ctx context.Context, name string, value any) error {
	return e.s.Bind(ctx, e.n, name, value)
}

func (e magicEnv) CompileJIT(ctx context.Context, code string, line int) ([]magics.JITFunc, bool, error) {
	res, err := e.jit.Compile(ctx, e.n, line, code)
	if err != nil {
		return nil, false, err
	}
	out := make([]magics.JITFunc, len(res.Funcs))
	for i, f := range res.Funcs {
		out[i] = magics.JITFunc{Name: f.Name, Signature: f.Signature, Value: f.Value}
	}
	return out, res.Cached, nil
}

func (e magicEnv) GoGet(ctx context.Context, specs []string) (string, error) {
	return e.modules.Get(ctx, specs)
}

func (e magicEnv) GoList(ctx context.Context, args []string) (string, error) {
	return e.modules.List(ctx, args)
}

func (e magicEnv) Modules() []magics.Module {
	var out []magics.Module
	for _, m := range e.modules.Chosen() {
		out = append(out, magics.Module{Path: m.Path, Version: m.Version})
	}
	return out
}

func (e magicEnv) NativeFuncs(ctx context.Context) ([]magics.NativeFunc, error) {
	funcs := e.s.NativeFuncs(ctx)
	out := make([]magics.NativeFunc, len(funcs))
	for i, f := range funcs {
		out[i] = magics.NativeFunc{Name: f.Name, Signature: f.Signature, Native: f.Native, Why: f.Why}
	}
	return out, e.s.NativeOff()
}

func (e magicEnv) Variables() []magics.Variable {
	vars := e.s.Variables()
	out := make([]magics.Variable, len(vars))
	for i, v := range vars {
		out[i] = magics.Variable{Name: v.Name, Type: v.Type}
	}
	return out
}

// Magics write where cells do: the process's stdout and stderr, which the
// kernel captures into the cell's output.
func (magicEnv) Stdout() io.Writer { return os.Stdout }
func (magicEnv) Stderr() io.Writer { return os.Stderr }

// jitOptions configure the compilers of %%jit cells and native functions.
func jitOptions() jit.Options {
	return jit.Options{Source: moduleSource, Packages: eval.Packages(), CacheDir: os.Getenv("GOPAR_JIT_CACHE")}
}

// warmNative compiles the runtime in plugin mode into Go's build cache,
// once per machine and Go version (later runs find it there), so that the
// first native function of a session builds in about a second rather than
// a quarter of a minute. Without a toolchain it says so and carries on:
// functions then run interpreted.
func warmNative(out io.Writer) {
	if os.Getenv("GOPAR_NATIVE") == "0" {
		return
	}
	packages := slices.Sorted(maps.Values(preload.Names))
	packages = append(packages, "gopar/runtime/native")
	start := time.Now()
	if err := jit.New(jitOptions()).Warm(context.Background(), packages); err != nil {
		fmt.Fprintf(out, "native code: not available (%v); functions will run interpreted\n", headline(err.Error()))
		return
	}
	fmt.Fprintf(out, "native code: runtime compiled for plugins in %.1f s\n", time.Since(start).Seconds())
}

func headline(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
