package eval

import (
	"context"
	"go/ast"
	"go/token"
	"go/types"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	nativert "gopar/runtime/native"
)

// Runaway recursion in interpreted code grows a goroutine's stack until
// Go ends the process, which nothing can recover, and the interpreter does
// not look for interrupts in calls. So an interpreted function that calls
// itself counts its depth, as native ones do: f becomes a wrapper that
// calls f__gopar_depth(0, ...), whose calls of itself pass the depth on,
// one deeper, and which ends the cell with a RecursionError past the
// limit. The count is an argument, so each goroutine has its own.
// Mutual recursion (f calls g calls f) is not counted: a later cell may
// declare g again, and f must then call the new g.

const depthParam = "__gopar_depth"

// guardRecursion rewrites the functions of f that call themselves; run
// after the other rewrites, just before the interpreter compiles f.
func guardRecursion(f *ast.File, info *types.Info) {
	if info == nil {
		return
	}
	var added []ast.Decl
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Type.TypeParams != nil || fd.Body == nil {
			continue
		}
		self, ok := info.Defs[fd.Name].(*types.Func)
		if !ok || !callsItself(fd.Body, self, info) {
			continue
		}
		added = append(added, countDepth(fd, self, info))
	}
	f.Decls = append(f.Decls, added...)
}

// callsItself tells whether body calls self by its name.
func callsItself(body *ast.BlockStmt, self *types.Func, info *types.Info) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && info.Uses[id] == self {
				found = true
			}
		}
		return !found
	})
	return found
}

// countDepth turns fd into the wrapper of its counting form, which it
// returns.
func countDepth(fd *ast.FuncDecl, self *types.Func, info *types.Info) *ast.FuncDecl {
	at := fd.Body.Lbrace
	id := func(name string) *ast.Ident { return &ast.Ident{Name: name, NamePos: at} }
	name := fd.Name.Name + nativert.DepthSuffix
	// First, as it names the unnamed parameters the counting form copies.
	hand := handOver(fd, name, at, &ast.BasicLit{ValuePos: at, Kind: token.INT, Value: "0"})

	// A native function's trampoline stays first in the wrapper.
	var keep []ast.Stmt
	body := fd.Body.List
	if len(body) > 0 && isTrampoline(body[0]) {
		keep, body = body[:1], body[1:]
	}

	ast.Inspect(&ast.BlockStmt{List: body}, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if fn, ok := call.Fun.(*ast.Ident); ok && info.Uses[fn] == self {
			call.Fun = &ast.Ident{Name: name, NamePos: fn.Pos()}
			deeper := &ast.BinaryExpr{X: &ast.Ident{Name: depthParam, NamePos: fn.Pos()}, OpPos: fn.Pos(), Op: token.ADD,
				Y: &ast.BasicLit{ValuePos: fn.Pos(), Kind: token.INT, Value: "1"}}
			call.Args = append([]ast.Expr{deeper}, call.Args...)
		}
		return true
	})
	// The limit is compared here, and the kernel called only past it: a
	// call of compiled code from the interpreter costs more than the
	// compare.
	check := &ast.IfStmt{
		If: at,
		Cond: &ast.BinaryExpr{X: id(depthParam), OpPos: at, Op: token.GTR,
			Y: &ast.BasicLit{ValuePos: at, Kind: token.INT, Value: strconv.Itoa(nativert.RecursionLimit)}},
		Body: &ast.BlockStmt{Lbrace: at, List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{
			Fun: &ast.SelectorExpr{X: id("__gopar"), Sel: id("TooDeep")}, Lparen: at,
			Args: []ast.Expr{
				&ast.BasicLit{ValuePos: at, Kind: token.STRING, Value: strconv.Quote(fd.Name.Name)},
				&ast.BasicLit{ValuePos: at, Kind: token.INT, Value: strconv.Itoa(int(fd.Pos()))},
			}, Rparen: at}}}, Rbrace: at},
	}
	params := []*ast.Field{{Names: []*ast.Ident{id(depthParam)}, Type: id("int")}}
	for _, field := range fd.Type.Params.List {
		copied := *field
		params = append(params, &copied)
	}
	counting := &ast.FuncDecl{
		Name: &ast.Ident{Name: name, NamePos: fd.Name.Pos()},
		Type: &ast.FuncType{Func: fd.Type.Func, Params: &ast.FieldList{Opening: fd.Type.Params.Opening, List: params, Closing: fd.Type.Params.Closing}, Results: fd.Type.Results},
		Body: &ast.BlockStmt{Lbrace: fd.Body.Lbrace, List: append([]ast.Stmt{check}, body...), Rbrace: fd.Body.Rbrace},
	}
	fd.Body = &ast.BlockStmt{Lbrace: fd.Body.Lbrace, List: append(keep, hand...), Rbrace: fd.Body.Rbrace}
	return counting
}

// isTrampoline tells whether st is the check addTrampoline puts first in
// a function that may run as native code.
func isTrampoline(st ast.Stmt) bool {
	ifs, ok := st.(*ast.IfStmt)
	if !ok {
		return false
	}
	cond, ok := ifs.Cond.(*ast.BinaryExpr)
	if !ok {
		return false
	}
	slot, ok := cond.X.(*ast.Ident)
	return ok && strings.HasPrefix(slot.Name, nativeSlotPrefix)
}

// tooDeep is why a run was stopped: function fn, declared at pos, called
// itself more than the recursion limit deep.
type tooDeep struct {
	fn  string
	pos token.Pos
}

func (t *tooDeep) Error() string {
	return nativert.RecursionError{Limit: nativert.RecursionLimit}.Error()
}

// stopRecursion ends the running program, where a function declared at
// pos has passed the recursion limit. A panic would have to unwind the
// interpreter's frames one by one, and it takes time that grows with the
// square of their number (hours for 200,000): stopping the run as an
// interrupt does returns from every frame at once.
func (s *Session) stopRecursion(fn string, pos int) {
	deep := &tooDeep{fn: fn, pos: token.Pos(pos)}
	if stop := s.stopRun.Load(); stop != nil && !s.goroutines.startedByCell(goroutineID()) {
		(*stop)(deep)
		return
	}
	// A goroutine a cell started ends alone, the running cell (if any)
	// goes on. runtime.Goexit unwinds the interpreter's frames at once,
	// where a panic would take hours.
	p := s.interp.FileSet().Position(deep.pos)
	s.panics.printf("RecursionError in a goroutine: %s\n    In [%d], line %d, in %s, repeated down to the limit\nthe goroutine ended; the kernel goes on\n",
		deep.Error(), cellOf(p.Filename), p.Line, deep.fn)
	runtime.Goexit()
}

// error is the cell's RecursionError, the repeating frame shown once.
func (t *tooDeep) error(s *Session) *Error {
	p := s.interp.FileSet().Position(t.pos)
	e := panicError(nativert.RecursionError{Limit: nativert.RecursionLimit},
		[]frame{{file: p.Filename, fn: t.fn, line: p.Line, repeated: true}}, 0)
	e.Name = "RecursionError"
	return e
}

// running cancels the program running now in any session, nil between
// runs: how the kernel's watch on goroutine stacks stops recursion that
// no count reaches (StopRunning).
var running atomic.Pointer[context.CancelCauseFunc]

// runs numbers the programs run, and currentRun is the one running now
// (0 between runs).
var runs, currentRun atomic.Uint64

// CurrentRun is the number of the program running now in any session, 0
// between runs: a watch tells by it which run what it sees belongs to.
func CurrentRun() uint64 { return currentRun.Load() }

// StopRunning stops the program running now, if any, as an interrupt
// does; the cell ends with cause (an *Error) as its error. It reports
// whether a program was running.
func StopRunning(cause error) bool {
	stop := running.Load()
	if stop == nil {
		return false
	}
	(*stop)(cause)
	return true
}
