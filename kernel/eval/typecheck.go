package eval

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"gopar/kernel/eval/preload"
	"gopar/kernel/internal/goroot"
	"gopar/kernel/typecheck"
)

// Every cell is type-checked by go/types (package typecheck) before the
// interpreter sees it: its compile errors are the compiler's, in cell
// coordinates, and the interpreter's own messages reach the user only for
// cells the checker accepted.

// hooksPath is the import path of the kernel's helpers, which the code
// the kernel writes into cells (%timeit's loop) calls as __gopar.
const hooksPath = "gopar/kernel/eval/hooks"

// maxTypeErrors is how many errors of a cell are shown, as go build.
const maxTypeErrors = 10

// importer is the process's one importer: the standard library is
// type-checked from source once, however many sessions there are. It is
// nil when there is no Go installation with sources, or when
// GOPAR_TYPECHECK=0 turns checking off.
var importer = sync.OnceValue(func() *typecheck.Importer {
	if os.Getenv("GOPAR_TYPECHECK") == "0" {
		return nil
	}
	compiled := maps.Clone(symbolsByPath(preload.Symbols))
	compiled[hooksPath] = symbolsByPath((&Session{panics: &panicLog{}}).hooks())[hooksPath]
	imp, err := typecheck.NewImporter(goroot.Find(), compiled, typesCache())
	if err != nil {
		return nil
	}
	return imp
})

// typesCache is where the standard library's types are kept between
// kernels: $GOPAR_TYPES_CACHE, else gopar/types in the user's cache
// directory.
func typesCache() string {
	if dir := os.Getenv("GOPAR_TYPES_CACHE"); dir != "" {
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "gopar", "types")
}

// WarmTypes type-checks the standard library packages cells use most, so
// that the first cells do not wait for them; the kernel calls it in the
// background at start.
func WarmTypes() {
	imp := importer()
	if imp == nil {
		return
	}
	for _, p := range []string{"fmt", "strings", "math", "time", "sort", "errors", "slices", "maps", "strconv", "os", "sync", "math/rand", "gopar/runtime/np", "gopar/runtime/da", "gopar/runtime/measure"} {
		_, _ = imp.Import(p)
	}
}

// symbolsByPath keys yaegi symbol tables ("fmt/fmt") by import path.
func symbolsByPath(e interp.Exports) map[string]map[string]reflect.Value {
	out := make(map[string]map[string]reflect.Value, len(e))
	for key, syms := range e {
		out[key[:strings.LastIndex(key, "/")]] = syms
	}
	return out
}

// newChecker makes the session's checker, nil without an importer.
func (s *Session) newChecker() *typecheck.Checker {
	imp := importer()
	if imp == nil {
		return nil
	}
	auto := Packages()
	auto["__gopar"] = hooksPath
	return typecheck.New(s.interp.FileSet(), imp, auto)
}

// typeCheck checks a piece of cell n; stmts says whether it is the
// function holding the cell's statements, last whether its trailing
// expression is the cell's value. Notes on values of replaced
// type definitions go to stderr.
func (s *Session) typeCheck(n int, f *ast.File, stmts, last bool) (*types.Info, error) {
	res := s.check(f, stmts, last)
	if res == nil {
		return nil, nil
	}
	if len(res.Errors) == 0 {
		if err := hugeValues(f, res.Info); err != nil {
			return nil, err
		}
		return res.Info, nil
	}
	return nil, s.withWaitingHints(typeErrors(res.Errors))
}

// check runs the checker on f, nil when there is none; see typeCheck.
func (s *Session) check(f *ast.File, stmts, last bool) *typecheck.Result {
	checker := s.checker()
	if checker == nil || s.unchecked {
		return nil
	}
	var st *typecheck.Stmts
	if stmts {
		st = &typecheck.Stmts{Func: f.Decls[0].(*ast.FuncDecl), Value: last}
	}
	res := checker.Check(f, st)
	for _, note := range res.Stale {
		s.panics.printf("gopar: note: %s\n", note)
	}
	return res
}

// typeErrors words the checker's errors as the cell's compile error.
func typeErrors(errs []typecheck.Error) *Error {
	e := &Error{Name: "CompileError"}
	for i, te := range errs {
		if i == maxTypeErrors {
			e.Traceback = append(e.Traceback, "too many errors")
			break
		}
		msg := where(te.Pos.Filename, te.Pos.Line, te.Pos.Column) + ": " + te.Msg
		if i == 0 {
			e.Value = te.Msg
		}
		e.Traceback = append(e.Traceback, msg)
	}
	return e
}

// declare tells the checker of a variable the kernel set.
func (s *Session) declare(name string, t reflect.Type) {
	if c := s.checker(); c != nil {
		c.Declare(name, t)
	}
}

// cellPositions finds "In [n], line L, col C" in an error's text.
var cellPositions = regexp.MustCompile(`In \[(\d+)\], line (\d+), col (\d+)`)

// clampPositions keeps the positions an error gives in cell n within the
// cell's code: the parser reports a missing closing brace after the last
// line, where the cell has none.
func clampPositions(err error, n int, code string) {
	e, ok := err.(*Error)
	if !ok || e.Name != "CompileError" {
		return
	}
	lines := strings.Split(strings.TrimRight(code, "\n \t"), "\n")
	fix := func(text string) string {
		return cellPositions.ReplaceAllStringFunc(text, func(m string) string {
			sub := cellPositions.FindStringSubmatch(m)
			if sub[1] != strconv.Itoa(n) {
				return m
			}
			line, _ := strconv.Atoi(sub[2])
			if line <= len(lines) {
				return m
			}
			last := len(lines)
			return fmt.Sprintf("In [%d], line %d, col %d", n, last, len(lines[last-1])+1)
		})
	}
	e.Value = fix(e.Value)
	for i, t := range e.Traceback {
		e.Traceback[i] = fix(t)
	}
}

// yieldNames lets the names a declaration piece declares win over the
// packages the kernel imported under those names.
func (s *Session) yieldNames(f *ast.File) {
	names, _ := declared(f)
	for _, name := range names {
		if s.imports[name] != "" && s.frame.forgetImport(name) {
			delete(s.imports, name)
		}
	}
}
