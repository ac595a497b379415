package eval

import (
	"context"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"os"
	"strings"
	"testing"

	nativert "gopar/runtime/native"
)

func TestMemoryGuards(t *testing.T) {
	runSteps(t, []step{
		{code: "kept := 41"},
		{code: "huge := make([]int64, 100_000_000_000)", errName: "MemoryError", errText: "make([]int64, 100000000000) asks for 745.1 GiB"},
		{code: "n := int64(50_000_000_000)\nch := make(chan [16]byte, n)", errName: "MemoryError", errText: "make(chan [16]byte, 50000000000)"},
		{code: "m := make(map[string]int, 1<<40)", errName: "MemoryError", errText: "make(map[string]int, 1099511627776)"},
		{code: "buf := make([]byte, 0, 1<<45)", errName: "MemoryError", errText: "asks for 32768.0 GiB"},
		{code: "var a [100_000_000_000]int64", errName: "MemoryError", errText: "a value of type [100000000000]int64 asks for"},
		{code: "p := new([1 << 40]byte)", errName: "MemoryError", errText: "[1099511627776]byte"},
		{code: "type Big struct{ data [1 << 40]byte }\nfunc size(b Big) int { return len(b.data) }"},
		{code: "var g Big", errName: "MemoryError", errText: "a value of type Big"},
		{code: `import "strings"`},
		{code: `s := strings.Repeat("ab", 1<<40)`, errName: "MemoryError", errText: "strings.Repeat of 2 bytes 1099511627776 times"},
		{code: "small := make([]int, 1000, 2000)\nlen(small) + cap(small) + kept", result: "3041"},
		{code: "func sized[T any](n int) []T { return make([]T, n) }\nlen(sized[int](10))", result: "10"},
	})
}

func TestRecursionGuard(t *testing.T) {
	limit := nativert.RecursionLimit
	nativert.RecursionLimit = 5_000
	defer func() { nativert.RecursionLimit = limit }()
	runSteps(t, []step{
		{code: "kept := 41"},
		{code: "func rec(n int) int { return rec(n+1) + 1 }"},
		{code: "rec(0)", errName: "RecursionError", errText: "5000 calls deep"},
		{code: "rec(0)", errName: "RecursionError", errText: "In [2], line 1, in rec"},
		{code: "func deep(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn deep(n-1) + 1\n}\ndeep(4_000)", result: "4000"},
		{code: "func sum(xs ...int) int {\n\tif len(xs) == 0 {\n\t\treturn 0\n\t}\n\treturn xs[0] + sum(xs[1:]...)\n}\nsum(1, 2, 3)", result: "6"},
		{code: "func walk(_ int, s string) int {\n\tif s == \"\" {\n\t\treturn 0\n\t}\n\treturn 1 + walk(0, s[1:])\n}\nwalk(7, \"abc\")", result: "3"},
		{code: "func named(n int) (r int) {\n\tif n > 0 {\n\t\tr = named(n-1) + 2\n\t}\n\treturn\n}\nnamed(3)", result: "6"},
		{code: "func fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\nfib(20)", result: "6765"},
		// Declared again without recursion: callers get the new one.
		{code: "func rec(n int) int { return n }"},
		{code: "rec(3) + kept", result: "44"},
	})
}

// TestGuardRecursionRewrite shows the counting form as source.
func TestGuardRecursionRewrite(t *testing.T) {
	src := "package main\nfunc f(n int) int { return f(n-1) }\nfunc g() {}\nfunc h(x int) int { return g2(x) }\nfunc g2(x int) int { return h(x) }\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{}).Check("main", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	guardRecursion(f, info)
	var b strings.Builder
	printer.Fprint(&b, fset, f)
	got := b.String()
	for _, want := range []string{
		"func f(n int) int\t{ return f__gopar_depth(0, n) }",
		"func f__gopar_depth(__gopar_depth int, n int) int {",
		"if __gopar_depth > 200000 {\n\t\t__gopar.TooDeep(\"f\",",
		"return f__gopar_depth(__gopar_depth+1, n-1)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rewritten source lacks %q:\n%s", want, got)
		}
	}
	// Mutual recursion is left as it is (a later cell may replace g2).
	if strings.Contains(got, "h__gopar_depth") || strings.Contains(got, "g__gopar_depth") {
		t.Errorf("rewrote more than the self-recursive f:\n%s", got)
	}
}

// TestRecursionInAGoroutine: a goroutine a cell started ends alone at the
// limit, with the error on stderr, and the cell goes on.
func TestRecursionInAGoroutine(t *testing.T) {
	limit := nativert.RecursionLimit
	nativert.RecursionLimit = 5_000
	defer func() { nativert.RecursionLimit = limit }()
	errFile, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer errFile.Close()
	s, err := New(Options{Stdin: strings.NewReader(""), Stderr: errFile})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []string{
		`import "sync"`,
		"func spin(n int) int { return spin(n+1) + 1 }",
		"var wg sync.WaitGroup\nwg.Add(1)\ngo func() {\n\tdefer wg.Done()\n\tspin(0)\n}()\nwg.Wait()\nwent := \"on\"",
	} {
		if _, err := s.Run(context.Background(), i+1, c); err != nil {
			t.Fatalf("cell %d: %v", i+1, err)
		}
	}
	written, _ := os.ReadFile(errFile.Name())
	if got := string(written); !strings.Contains(got, "RecursionError in a goroutine") || !strings.Contains(got, "In [2], line 1, in spin") {
		t.Errorf("stderr %q: want the goroutine's RecursionError", got)
	}
}
