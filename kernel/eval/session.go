// Package eval runs Go notebook cells with the yaegi interpreter. One
// Session is one interpreter whose values persist from cell to cell.
//
// It knows nothing of Jupyter's sockets or messages: the kernel hands it a
// cell's code and gets back the cell's value as a MIME bundle, or an error
// that reads in cell coordinates.
package eval

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"gopar/kernel/eval/preload"
	"gopar/kernel/jit"
	"gopar/kernel/typecheck"
	"gopar/runtime/display"
	"gopar/runtime/memguard"
	nativert "gopar/runtime/native"
)

// LanguageVersion is the Go version whose language and standard library the
// interpreter serves: yaegi v0.16.1 implements Go 1.22.
const LanguageVersion = "1.22"

// resultVar and valuesVar hold the value of a cell's trailing expression.
const (
	resultVar = "__gopar_out"
	valuesVar = "__gopar_values"
)

// Options configure a Session.
type Options struct {
	// Stdin is what cells read as os.Stdin and through fmt.Scan.
	Stdin io.Reader
	// Stdout and Stderr receive what cells print; normally the process's
	// own, which the kernel captures.
	Stdout, Stderr *os.File
	// Native builds the functions cells declare as native code; nil
	// leaves them interpreted.
	Native *jit.Compiler
	// Modules loads the packages of Go modules that cells import; nil
	// allows only the standard library and the runtime.
	Modules PackageImporter
}

// Session is one interpreter. Its methods must not be called concurrently.
type Session struct {
	// stopRun cancels the running program, with a cause (nil between
	// runs): how runaway interpreted recursion ends its cell (tooDeep).
	stopRun atomic.Pointer[context.CancelCauseFunc]
	interp  *interp.Interpreter
	panics  *panicLog
	stdin   io.Reader
	// line is the line of the cell's top-level statement running now, for
	// the traceback of a panic.
	line atomic.Int64
	// imports maps the package names cells imported to their paths: the
	// interpreter rejects a second import of a name, a re-run cell makes one.
	imports map[string]string
	// types are the names of the types cells declared: a conversion to one
	// is a single value that keeps its methods.
	types map[string]bool
	// defined are the package-level names cells declared.
	defined map[string]bool
	// interfaces are the interface types among them, with their methods.
	interfaces map[string][]string
	// typeDefs are the definitions of the types cells declared, as source.
	typeDefs map[string]string
	// goroutines are the ones cells started and that still run.
	goroutines goroutines
	// deferred are the calls the running cell's top level deferred.
	deferred []func()
	// decls are the declarations cells made, for introspection.
	decls []Decl
	// panicked is the value of the panic that ended the running cell's top
	// level, for a deferred call's recover; nil when there is none.
	panicked any
	// frame reaches the interpreter's global frame; examined is how many
	// of its slots clearTemporaries has looked at.
	frame    *frameAccess
	examined int
	// skipInterrupted: the last run was interrupted, and its slots are
	// to be skipped.
	skipInterrupted bool
	// checker type-checks cells; it is made on first use (finding Go's
	// sources may run the go command), nil without them.
	checker func() *typecheck.Checker
	// unchecked is set while the kernel runs code of its own through Run.
	unchecked bool
	// info has the types of the piece being rewritten; nil when unchecked.
	info *types.Info
	// typeNames are the interpreter's names of the types cells declared
	// again with another definition, by the checker's object.
	typeNames map[*types.TypeName]string
	// redefinitions counts them, for fresh names.
	redefinitions int
	// printTypes are the static types of print operands, by the id
	// __gopar.Typed gets; goroutines of earlier cells read them.
	printTypes   []types.Type
	printTypesMu sync.Mutex
	// native is the program of the functions that run as native code.
	native native
	// waiting are declarations that use names no cell has declared yet.
	waiting []waitingDecl
	// held are declarations waiting for their types to be compiled.
	held []heldDecl
	// modules loads packages of Go modules; moduleSymbols are those whose
	// symbols the interpreter has, modulePackages those native code may
	// import (they and the packages they import).
	modules        PackageImporter
	moduleSymbols  map[string]bool
	modulePackages map[string]bool
}

// New starts an interpreter with the standard library and gopar's runtime
// packages, the runtime pre-imported under short names.
func New(opts Options) (*Session, error) {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Stdin == nil {
		opts.Stdin = strings.NewReader("")
	}
	panics := &panicLog{w: opts.Stderr}
	// Restricted, so that os.Exit and log.Fatal in a cell cannot end the
	// kernel (the environment is made the process's own again below).
	i := interp.New(interp.Options{Stdin: opts.Stdin, Stdout: opts.Stdout, Stderr: panics, Unrestricted: false})
	s := &Session{interp: i, panics: panics, stdin: opts.Stdin, imports: map[string]string{}, types: map[string]bool{}, defined: map[string]bool{}, interfaces: map[string][]string{}, typeDefs: map[string]string{}}
	s.frame = newFrameAccess(i)
	s.native.compiler = opts.Native
	s.modules = opts.Modules
	s.moduleSymbols = map[string]bool{}
	s.modulePackages = map[string]bool{}
	s.checker = sync.OnceValue(s.newChecker)
	s.typeNames = map[*types.TypeName]string{}
	for _, syms := range []interp.Exports{stdlib.Symbols, preload.Symbols, s.hooks()} {
		if err := i.Use(syms); err != nil {
			return nil, fmt.Errorf("load symbols: %w", err)
		}
	}
	if err := s.loadStdSources(); err != nil {
		return nil, fmt.Errorf("load generic standard library functions: %w", err)
	}
	// os.Stdin becomes the session's reader, so that bufio.NewReader(os.Stdin)
	// prompts the front end; its type is io.Reader rather than *os.File.
	// The environment is the process's, as in Python: restricted yaegi
	// gives cells a private copy, which native functions, %env and !
	// commands would not see (and an empty one unless given).
	if err := i.Use(interp.Exports{"os/os": {
		"Stdin":     reflect.ValueOf(&s.stdin).Elem(),
		"Getenv":    reflect.ValueOf(os.Getenv),
		"LookupEnv": reflect.ValueOf(os.LookupEnv),
		"Setenv":    reflect.ValueOf(os.Setenv),
		"Unsetenv":  reflect.ValueOf(os.Unsetenv),
		"Clearenv":  reflect.ValueOf(os.Clearenv),
		"Environ":   reflect.ValueOf(os.Environ),
		"ExpandEnv": reflect.ValueOf(os.ExpandEnv),
	}}); err != nil {
		return nil, fmt.Errorf("install stdin and the environment: %w", err)
	}
	var placeholder any
	if err := i.Use(interp.Exports{boundPkg + "/bound": {"Value": reflect.ValueOf(&placeholder)}}); err != nil {
		return nil, fmt.Errorf("install bound values: %w", err)
	}
	// The runtime packages are imported under their short names, so that
	// cells use them without an import line.
	var imports strings.Builder
	imports.WriteString("package main\nimport (\n\t__gopar \"gopar/kernel/eval/hooks\"\n\t__gopar_bound \"gopar/kernel/eval/bound\"\n")
	for _, name := range slices.Sorted(maps.Keys(preload.Names)) {
		fmt.Fprintf(&imports, "\t%s %q\n", name, preload.Names[name])
	}
	imports.WriteString(")")
	f, err := parser.ParseFile(i.FileSet(), cellFile, imports.String(), 0)
	if err == nil {
		_, err = s.execute(context.Background(), f)
	}
	if err == nil {
		f, err = parser.ParseFile(i.FileSet(), cellFile, helperDecls, 0)
	}
	if err == nil {
		_, err = s.execute(context.Background(), f)
	}
	if err != nil {
		return nil, fmt.Errorf("pre-import runtime packages: %w", err)
	}
	maps.Copy(s.imports, preload.Names)
	return s, nil
}

// Run executes cell number n (its execution count: errors say "In [n]").
// It returns the value of the cell's trailing expression as a MIME bundle
// (a call's several results as one list), or nil when it has none.
func (s *Session) Run(ctx context.Context, n int, code string) (result *display.Bundle, err error) {
	// A bug of the kernel's own in a cell's handling is the cell's error,
	// not the end of the session (the cell's own panics are caught where
	// it runs).
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, &Error{Name: "InternalError", Value: fmt.Sprint(r),
				Traceback: []string{fmt.Sprintf("InternalError: %v", r), "", "the kernel failed on this cell, and its state is kept; please report it with the cell's code"}}
		}
	}()
	if err := cgoImport(n, code); err != nil {
		return nil, err
	}
	if err := s.importModules(ctx, n, code); err != nil {
		return nil, err
	}
	if !s.unchecked {
		if len(s.held) > 0 && slices.ContainsFunc(s.split(code).pieces, func(p piece) bool { return !p.decl }) {
			if err := s.settleTypes(ctx); err != nil {
				return nil, err
			}
		}
		s.settleNative(ctx, code)
	}
	s.goroutines.setCell(n)
	defer func() {
		result, err = s.endCell(result, err)
		if left := s.goroutines.leftBy(n); left != "" {
			s.panics.printf("gopar: %s\n", left)
		}
	}()
	defer func() { clampPositions(err, n, code) }()
	c := s.split(code)
	for i, p := range c.pieces {
		last := i == len(c.pieces)-1
		if p.decl {
			if err := s.runDecl(ctx, n, p, c.hasPackage && last); err != nil {
				return nil, err
			}
			continue
		}
		if len(s.held) > 0 && !s.unchecked {
			// A type declared at the cell's top level, before its statements.
			if err := s.settleTypes(ctx); err != nil {
				return nil, err
			}
		}
		v, err := s.runStmts(ctx, n, p, last)
		if errors.Is(err, errEndCell) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		result = v
	}
	return result, nil
}

// split cuts a cell into pieces as splitCell does, with the declarations
// that read the session's variables moved among statements.
func (s *Session) split(code string) cell {
	c := splitCell(code)
	if checker := s.checker(); checker != nil {
		c.localizeVars(func(name string) bool {
			_, ok := checker.Scope().Lookup(name).(*types.Var)
			return ok
		})
	}
	return c
}

// Evaluate computes one expression, as user_expressions want.
func (s *Session) Evaluate(ctx context.Context, expr string) (display.Bundle, error) {
	if err := s.settleTypes(ctx); err != nil {
		return display.Bundle{}, err
	}
	b, err := s.runStmts(ctx, 0, piece{parts: []part{{src: expr, line: 1, col: 1}}}, true)
	if err != nil {
		return display.Bundle{}, err
	}
	if b == nil {
		return display.Bundle{}, fmt.Errorf("%q has no single value to show", expr)
	}
	return *b, nil
}

func (s *Session) parse(n int, p piece) (*ast.File, error) {
	f, err := parser.ParseFile(s.interp.FileSet(), cellFile, p.source(n), parser.ParseComments)
	if err != nil {
		return nil, compileError(err)
	}
	return f, nil
}

func (s *Session) runDecl(ctx context.Context, n int, p piece, runMain bool) error {
	p = s.withWaiting(p)
	f, err := s.parse(n, p)
	if err != nil {
		return err
	}
	redefined := s.redefinedTypes(f)
	info, err := s.checkDeclarations(n, f, &p)
	if err != nil {
		return err
	}
	if err := hugeValues(f, info); err != nil {
		return err
	}
	src := p.source(n) // what f was parsed from, before held parts leave p
	s.nameInterfaceLiterals(ctx, n, f, info)
	if s.holdTypes(ctx, n, f, &p, info) {
		if err := s.settleTypes(ctx); err != nil {
			return err
		}
	}
	redefined = slices.DeleteFunc(redefined, func(ts *ast.TypeSpec) bool { return !declaresIn(f, ts) })
	s.newTypeNames(info, redefined)
	plan := s.planNative(ctx, f, info, src)
	s.renameTypes(f, info)
	s.yieldNames(f)
	if err := s.autoImport(ctx, f); err != nil {
		return err
	}
	s.typedFixup(ctx, f, info, false)
	s.fixup(f, nil)
	guardRecursion(f, info)
	hasMain := renameMain(f)
	added := dropKnownImports(f, s.imports)
	prog, err := s.compile(f)
	if err != nil {
		return s.explain(err, f)
	}
	for name, path := range added {
		s.imports[name] = path
	}
	s.remember(f)
	s.recordDecls(n, p)
	if _, err := s.run(ctx, prog); err != nil {
		return err
	}
	s.commitNative(ctx, plan)
	if runMain && hasMain {
		_, err := s.eval(ctx, mainName+"()")
		return err
	}
	return nil
}

// prepare rewrites a statement piece for running and returns its body.
func (s *Session) prepare(f *ast.File) *ast.BlockStmt {
	body := f.Decls[0].(*ast.FuncDecl).Body
	s.fixup(f, body)
	return body
}

func (s *Session) runStmts(ctx context.Context, n int, p piece, last bool) (*display.Bundle, error) {
	f, err := s.parse(n, p)
	if err != nil {
		return nil, err
	}
	info, err := s.typeCheck(n, f, true, last)
	if err != nil {
		return nil, err
	}
	s.nameInterfaceLiterals(ctx, n, f, info)
	s.renameTypes(f, info)
	if err := s.autoImport(ctx, f); err != nil {
		return nil, err
	}
	hasValue := last && givesValue(f, info)
	s.typedFixup(ctx, f, info, true)
	body := s.prepare(f)
	capture := noValue
	if hasValue {
		capture = captureResult(body, s.types)
	}
	prog, err := s.compile(body)
	if err != nil && capture == callValues {
		// The trailing call may have no value: try the cell as written.
		f, _ = s.parse(n, p)
		capture = noValue
		if info != nil {
			info, _ = s.typeCheck(n, f, true, last)
			s.renameTypes(f, info)
			s.typedFixup(ctx, f, info, true)
		}
		prog, err = s.compile(s.prepare(f))
	}
	if err != nil {
		return nil, s.explain(err, f)
	}
	s.remember(f)
	s.recordDecls(n, p)
	if _, err := s.run(ctx, prog); err != nil {
		return nil, err
	}
	switch capture {
	case noValue:
		return nil, nil
	case callValues:
		return s.renderValues(ctx)
	}
	return s.render(ctx)
}

// How a cell's trailing expression is captured.
const (
	noValue    = iota
	oneValue   // resultVar holds it
	callValues // valuesVar holds a call's results, however many
)

// captureResult rewrites a trailing expression statement so that its value
// is kept, and says how. A call goes through hooks.Values, which takes any
// number of results and makes the compiler reject a call with none; a
// conversion to one of the cells' types does not, since its value would
// lose its methods on the way.
func captureResult(body *ast.BlockStmt, types map[string]bool) int {
	n := len(body.List)
	if n == 0 {
		return noValue
	}
	es, ok := body.List[n-1].(*ast.ExprStmt)
	if !ok || isPrintCall(es.X) {
		return noValue
	}
	// Names carry the expression's position: the interpreter resolves
	// package names through the file a position belongs to.
	id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: es.Pos()} }
	assign := func(name string, value ast.Expr) {
		body.List[n-1] = &ast.AssignStmt{
			Lhs:    []ast.Expr{id(name)},
			TokPos: es.Pos(),
			Tok:    token.DEFINE,
			Rhs:    []ast.Expr{value},
		}
	}
	if call, isCall := es.X.(*ast.CallExpr); isCall && !isConversion(call, types) {
		assign(valuesVar, &ast.CallExpr{
			Fun:  &ast.SelectorExpr{X: id("__gopar"), Sel: id("Values")},
			Args: []ast.Expr{es.X},
		})
		return callValues
	}
	assign(resultVar, es.X)
	return oneValue
}

// isConversion tells a conversion to a type of the cells, T(x), from a call.
func isConversion(call *ast.CallExpr, types map[string]bool) bool {
	fun := call.Fun
	for {
		p, ok := fun.(*ast.ParenExpr)
		if !ok {
			break
		}
		fun = p.X
	}
	id, ok := fun.(*ast.Ident)
	return ok && types[id.Name] && len(call.Args) == 1
}

// isPrintCall spots calls whose results are never a cell's value.
func isPrintCall(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		return fn.Name == "println" || fn.Name == "print" || fn.Name == "panic"
	case *ast.SelectorExpr:
		pkg, ok := fn.X.(*ast.Ident)
		return ok && (pkg.Name == "fmt" && strings.HasPrefix(fn.Sel.Name, "Print") ||
			pkg.Name == "fmt" && strings.HasPrefix(fn.Sel.Name, "Fprint") ||
			pkg.Name == "log" && strings.HasPrefix(fn.Sel.Name, "Print"))
	}
	return false
}

// render turns resultVar into a MIME bundle, asking the value for a rich
// form: a compiled value through display.Of, an interpreted one (whose
// methods reflection cannot see) through its MIMEBundle method.
func (s *Session) render(ctx context.Context) (*display.Bundle, error) {
	v, err := s.eval(ctx, resultVar)
	if err != nil {
		return nil, err
	}
	if !v.IsValid() {
		return nil, nil
	}
	value := v.Interface()
	if _, ok := value.(display.Renderer); !ok && v.Type().PkgPath() == "" {
		if data, err := s.eval(ctx, resultVar+".MIMEBundle()"); err == nil && data.IsValid() {
			if m, ok := data.Interface().(map[string]any); ok {
				value = display.Bundle{Data: m}
			}
		}
	}
	b := display.Of(value)
	return &b, nil
}

// renderValues shows a call's results: one as itself, several as a
// parenthesised list, like a tuple in Python.
func (s *Session) renderValues(ctx context.Context) (*display.Bundle, error) {
	v, err := s.eval(ctx, valuesVar)
	if err != nil {
		return nil, err
	}
	values, _ := v.Interface().([]any)
	switch len(values) {
	case 0:
		return nil, nil
	case 1:
		if values[0] == nil {
			// A call whose one result is a nil error (display.Show, say)
			// has nothing to show, as a Python function returning None.
			return nil, nil
		}
		b := display.Of(values[0])
		return &b, nil
	}
	texts := make([]string, len(values))
	for i, x := range values {
		texts[i] = fmt.Sprint(display.Of(x).Data["text/plain"])
	}
	b := display.Text("(" + strings.Join(texts, ", ") + ")")
	return &b, nil
}

// eval compiles and runs a snippet of code written by the kernel itself.
func (s *Session) eval(ctx context.Context, src string) (reflect.Value, error) {
	f, err := parser.ParseFile(s.interp.FileSet(), cellFile, "package main\nfunc main() {\n"+src+"\n}", 0)
	if err != nil {
		return reflect.Value{}, compileError(err)
	}
	return s.execute(ctx, f.Decls[0].(*ast.FuncDecl).Body)
}

func (s *Session) execute(ctx context.Context, n ast.Node) (reflect.Value, error) {
	prog, err := s.compile(n)
	if err != nil {
		return reflect.Value{}, err
	}
	return s.run(ctx, prog)
}

// compile guards against the interpreter's own panics while compiling.
func (s *Session) compile(n ast.Node) (prog *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := "the interpreter failed to compile this cell: " + readable(fmt.Sprint(r))
			err = &Error{Name: "CompileError", Value: msg, Traceback: []string{"CompileError: " + msg}}
		}
	}()
	prog, err = s.interp.CompileAST(n)
	s.frame.forgetRoots()
	if err != nil {
		return nil, compileError(err)
	}
	return prog, nil
}

func (s *Session) run(ctx context.Context, prog *interp.Program) (reflect.Value, error) {
	s.panics.reset()
	s.line.Store(0)
	if s.skipInterrupted {
		// The slots of the interrupted run, all before this program's
		// own, are left alone for good.
		s.examined = s.frame.skipTemporaries(s.examined)
		s.skipInterrupted = false
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	defer s.stopRun.Store(s.stopRun.Swap(&cancel))
	defer running.Store(running.Swap(&cancel))
	defer currentRun.Store(currentRun.Swap(runs.Add(1)))
	v, err := s.interp.ExecuteWithContext(ctx, prog)
	interrupted := errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
	if interrupted {
		// The interpreter returns at once, but the cell's goroutine runs
		// on to its next step (a compiled call, to its end) and may still
		// write its slots, or not yet have made them: the frame is not
		// read until the next run.
		s.skipInterrupted = true
	} else if c, ok := detach(v); ok {
		v = c
		s.examined = s.frame.clearTemporaries(s.examined)
	}
	switch {
	case err == nil:
		return v, nil
	case interrupted:
		s.goroutines.forget()
		var deep *tooDeep
		if errors.As(context.Cause(ctx), &deep) {
			return reflect.Value{}, deep.error(s)
		}
		var stopped *Error
		if errors.As(context.Cause(ctx), &stopped) {
			return reflect.Value{}, stopped
		}
		return reflect.Value{}, &Error{Name: "Interrupted", Value: "the cell was interrupted", Traceback: []string{"Interrupted: the cell was interrupted; the kernel's state is kept"}}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		frames := append(nativeFrames(p.Stack), s.panics.take()...)
		switch v := p.Value.(type) {
		case endCell:
			return reflect.Value{}, errEndCell
		case exit:
			return reflect.Value{}, &Error{Name: "Exit", Value: v.how + " ended the cell",
				Traceback: []string{fmt.Sprintf("%s ended the cell (status %d); the kernel and its variables live on", v.how, v.code)}}
		case goexit:
			return reflect.Value{}, &Error{Name: "Goexit", Value: "runtime.Goexit ended the cell",
				Traceback: []string{"runtime.Goexit ended the cell's goroutine, and with it the cell; the kernel and its variables live on"}}
		}
		s.panicked = p.Value
		e := panicError(p.Value, frames, int(s.line.Load()))
		switch p.Value.(type) {
		case nativert.RecursionError:
			e.Name = "RecursionError"
		case *memguard.Error:
			e.Name = "MemoryError"
		}
		return reflect.Value{}, e
	}
	return reflect.Value{}, compileError(err)
}

// errEndCell reports a return at a cell's top level: the cell ends there.
var errEndCell = errors.New("return at the top level of the cell")

// panicLog passes the interpreter's stderr through, except the lines in
// which it reports the interpreted frames a panic unwinds: those are kept
// for the cell's traceback.
type panicLog struct {
	w      io.Writer
	mu     sync.Mutex
	frames []frame
}

// frame is one interpreted function a panic went through.
type frame struct {
	file string // "5/cell": the cell that declared the function
	fn   string // "f", or "main" for a cell's top level
	line int    // the line in the cell, known for native code only
	// repeated: the frame repeats below, in runaway recursion.
	repeated bool
}

func (l *panicLog) Write(b []byte) (int, error) {
	// The interpreter writes each frame as one line,
	// "5/cell:LINE:COL: panic: main.f(...)", where the position is the
	// start of the function's body rather than the panic's place.
	line := strings.TrimSpace(string(b))
	pos, fn, ok := strings.Cut(line, ": panic: ")
	if ok && pos == "-" {
		// The call of a native function: its frames come from the stack.
		return len(b), nil
	}
	sub := positions.FindStringSubmatch(pos)
	if !ok || sub == nil || strings.Contains(line, "\n") {
		return l.w.Write(b)
	}
	n, _ := strconv.Atoi(sub[1])
	fn = strings.TrimSuffix(strings.TrimPrefix(fn, "main."), "(...)")
	// The counting form of a recursive function is the function.
	fn = strings.ReplaceAll(fn, nativert.DepthSuffix, "")
	if fn == mainName {
		fn = "func main"
	}
	l.mu.Lock()
	l.frames = append(l.frames, frame{file: fileOf(n), fn: fn})
	l.mu.Unlock()
	return len(b), nil
}

func (l *panicLog) printf(format string, args ...any) {
	fmt.Fprintf(l.w, format, args...)
}

func (l *panicLog) reset() {
	l.mu.Lock()
	l.frames = nil
	l.mu.Unlock()
}

func (l *panicLog) take() []frame {
	l.mu.Lock()
	defer l.mu.Unlock()
	frames := l.frames
	l.frames = nil
	return collapseCycles(frames)
}
