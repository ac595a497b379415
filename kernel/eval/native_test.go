package eval

import (
	"bytes"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"gopar/kernel/jit"
	nativert "gopar/runtime/native"
)

func TestNativeImportable(t *testing.T) {
	s := &Session{modulePackages: map[string]bool{"gonum.org/v1/gonum/floats": true}}
	for path, want := range map[string]bool{
		"fmt": true, "math/rand/v2": true, "gopar/runtime/np": true,
		"gopar/kernel/eval/hooks": false, "gonum.org/v1/gonum/mat": false, "C": false,
		"gonum.org/v1/gonum/floats": true,
	} {
		if got := s.nativeImportable(path); got != want {
			t.Errorf("nativeImportable(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestShareable(t *testing.T) {
	session := types.NewPackage("main", "main")
	point := types.NewNamed(types.NewTypeName(token.NoPos, session, "Point", nil), types.NewStruct(nil, nil), nil)
	integer := types.Typ[types.Int]
	tests := []struct {
		name string
		t    types.Type
		want bool
	}{
		{"int", integer, true},
		{"map of slices", types.NewMap(types.Typ[types.String], types.NewSlice(types.Typ[types.Float64])), true},
		{"pointer to array", types.NewPointer(types.NewArray(integer, 4)), true},
		{"cell type", point, false},
		{"slice of cell type", types.NewSlice(point), false},
		{"interface", types.NewInterfaceType(nil, nil), false},
		{"function", types.NewSignatureType(nil, nil, nil, nil, nil, false), false},
		{"struct with an interface", types.NewStruct([]*types.Var{types.NewField(token.NoPos, nil, "X", types.NewInterfaceType(nil, nil), false)}, nil), false},
	}
	for _, tt := range tests {
		if got := shareable(tt.t, session, func(string) bool { return false }); got != tt.want {
			t.Errorf("%s: shareable = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestConstantText(t *testing.T) {
	session := types.NewPackage("main", "main")
	duration := types.NewNamed(types.NewTypeName(token.NoPos, types.NewPackage("time", "time"), "Duration", nil), types.Typ[types.Int64], nil)
	celsius := types.NewNamed(types.NewTypeName(token.NoPos, session, "Celsius", nil), types.Typ[types.Float64], nil)
	tests := []struct {
		typ  types.Type
		val  constant.Value
		want string
		ok   bool
	}{
		{types.Typ[types.UntypedInt], constant.MakeInt64(10), "(10)", true},
		{types.Typ[types.UntypedFloat], constant.MakeFloat64(1e-9), "(1.0*", true},
		{types.Typ[types.UntypedString], constant.MakeString("a\"b"), `("a\"b")`, true},
		{types.Typ[types.Float64], constant.MakeFloat64(0.5), "float64(1.0*1/2)", true},
		{duration, constant.MakeInt64(1000), "__gopar_time.Duration(1000)", true},
		{celsius, constant.MakeFloat64(1), "", false},
	}
	for _, tt := range tests {
		imports := map[string]string{}
		got, ok := constantText(types.NewConst(token.NoPos, session, "c", tt.typ, tt.val), session, imports, func(string) bool { return false })
		if ok != tt.ok || !strings.HasPrefix(got, tt.want) {
			t.Errorf("constantText(%v of %v) = %q, %v; want %q..., %v", tt.val, tt.typ, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMentions(t *testing.T) {
	names := func(name string) bool { return name == "calcPi" }
	for code, want := range map[string]bool{
		"calcPi(10)":            true,
		"%timeit calcPi(10)":    true,
		`fmt.Println("calcPi")`: false,
		"// calcPi\nx := 1":     false,
		"calcPiNp(3)":           false,
	} {
		if got := mentions(code, names); got != want {
			t.Errorf("mentions(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestNativeFrames(t *testing.T) {
	stack := []byte("goroutine 1 [running]:\n" +
		"gopar/jitcell/p0123-456.at(0x5)\n\tIn[3]:12 +0x45\n" +
		"gopar/jitcell/p0123-456.outer.func1(...)\n\tIn[4]:2\n" +
		"github.com/traefik/yaegi/interp.call(0x1)\n\t/x/run.go:10 +0x1\n")
	got := nativeFrames(stack)
	want := []frame{{file: fileOf(3), fn: "at", line: 12}, {file: fileOf(4), fn: "outer.func1", line: 2}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("nativeFrames = %+v, want %+v", got, want)
	}
}

func TestAddTrampoline(t *testing.T) {
	tests := []struct{ src, want string }{
		{"func h(_ int, s string) (n int) { return }",
			"func h(__gopar_arg0 int, s string) (n int) {\n\tif slot != nil {\n\t\treturn slot(__gopar_arg0, s)\n\t}\n\treturn\n}\n\nvar slot func(int, string) int"},
		{"func f(n int) int { return n }",
			"func f(n int) int {\n\tif slot != nil {\n\t\treturn slot(n)\n\t}\n\treturn n\n}\n\nvar slot func(int) int"},
		{"func g(int, string, ...float64) {}",
			"func g(__gopar_arg0 int, __gopar_arg1 string, __gopar_arg2 ...float64) {\n\tif slot != nil {\n\t\tslot(__gopar_arg0, __gopar_arg1, __gopar_arg2...)\n\t\treturn\n\t}\n}\n\nvar slot func(int, string, ...float64)"},
	}
	for _, tt := range tests {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "", "package main\n"+tt.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		addTrampoline(f, f.Decls[0].(*ast.FuncDecl), "slot")
		var b bytes.Buffer
		for _, d := range f.Decls {
			printer.Fprint(&b, token.NewFileSet(), d)
			b.WriteString("\n\n")
		}
		if got := strings.TrimSpace(b.String()); got != tt.want {
			t.Errorf("addTrampoline(%q):\n%s\nwant\n%s", tt.src, got, tt.want)
		}
	}
}

func TestCollapseCycles(t *testing.T) {
	f := func(fn string, line int) frame { return frame{file: "1/cell", fn: fn, line: line} }
	odd, even, top := f("odd", 10), f("even", 9), frame{file: "5/cell", fn: "main"}
	mark := func(fr frame) frame { fr.repeated = true; return fr }
	tests := []struct {
		name string
		in   []frame
		want []frame
	}{
		{"no repeats", []frame{odd, even, top}, []frame{odd, even, top}},
		{"self recursion", []frame{f("rec", 2), f("rec", 2), f("rec", 2), top}, []frame{mark(f("rec", 2)), top}},
		{"mutual recursion, elided middle", []frame{odd, even, odd, even, odd, even, even, odd, even, top},
			[]frame{odd, mark(even), top}},
	}
	for _, tt := range tests {
		if got := collapseCycles(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("%s: collapseCycles = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestDepthWrapper(t *testing.T) {
	ints := types.NewSlice(types.Typ[types.Int])
	params := types.NewTuple(types.NewParam(token.NoPos, nil, "k", types.Typ[types.String]), types.NewParam(token.NoPos, nil, "xs", ints))
	results := types.NewTuple(types.NewParam(token.NoPos, nil, "", types.Typ[types.Int]))
	sig := types.NewSignatureType(nil, nil, nil, params, results, true)
	got := depthWrapper("sum", sig, map[string]string{})
	want := "func sum(__gopar_p0 string, __gopar_p1 ...int) (int) { return sum__gopar_depth(0, __gopar_p0, __gopar_p1...) }"
	if got != want {
		t.Errorf("depthWrapper =\n%s\nwant\n%s", got, want)
	}
}

func TestDepthSuffixAgrees(t *testing.T) {
	if jit.DepthSuffix != nativert.DepthSuffix {
		t.Errorf("jit.DepthSuffix %q, runtime/native.DepthSuffix %q", jit.DepthSuffix, nativert.DepthSuffix)
	}
}
