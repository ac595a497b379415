package jit

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCgoPreamble(t *testing.T) {
	tests := []struct {
		name, src string
		// want are lines the program file of the cell must hold.
		want []string
	}{
		{"line comments keep their columns",
			"// #include <stdlib.h>\n//long twice(long x) { return 2*x; }\nimport \"C\"\nfunc twice(n int) int { return int(C.twice(C.long(n))) }",
			[]string{`//#line 2 "In[4]"`, "//   #include <stdlib.h>", "//  long twice(long x) { return 2*x; }", "import \"C\""}},
		{"a block comment",
			"/*\nlong twice(long x) { return 2*x; }\n*/\nimport \"C\"\nfunc twice(n int) int { return int(C.twice(C.long(n))) }",
			[]string{`//#line 2 "In[4]"`, "//  ", "//long twice(long x) { return 2*x; }", "import \"C\""}},
		{"in an import group",
			"import (\n\t\"math\"\n\t// long twice(long x) { return 2*x; }\n\t\"C\"\n)\nfunc f(n int) float64 { return math.Sqrt(float64(C.twice(C.long(n)))) }",
			[]string{`//#line 4 "In[4]"`, "//    long twice(long x) { return 2*x; }", "import \"C\"", "import \"math\""}},
		{"no preamble", "import \"C\"\nfunc f() int { return int(C.int(1)) }", []string{"import \"C\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p program
			p, err := p.with(4, 2, tt.src, known)
			if err != nil {
				t.Fatal(err)
			}
			files := p.generate()
			src, ok := files[cgoFileName(4)]
			if !ok {
				t.Fatalf("no file %s among %v", cgoFileName(4), slices.Collect(maps.Keys(files)))
			}
			lines := strings.Split(src, "\n")
			for _, w := range tt.want {
				if !slices.Contains(lines, w) {
					t.Errorf("no line %q in\n%s", w, src)
				}
			}
			// import "C" follows its preamble at once, after no other import.
			i := slices.Index(lines, "import \"C\"")
			if i < 1 || !strings.HasPrefix(lines[i-1], "//") {
				t.Errorf("import \"C\" does not follow its preamble:\n%s", src)
			}
		})
	}
}

func TestCgoPreambleErrors(t *testing.T) {
	_, err := parseCell(7, 2, "import c \"C\"\nfunc f() int { return 1 }")
	var e *Error
	if !errors.As(err, &e) || !strings.HasPrefix(strings.Join(e.Lines, "\n"), `In [7], line 2, col 8: import "C" cannot be renamed`) {
		t.Errorf("err = %#v", err)
	}
}

func TestReadIncludes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("sum_range.c", "#include \"inc/util.h\"\nlong long sum_range(long long n) { return n; }\n")
	write("inc/util.h", "#include \"../common.h\"\n  # include \"more.h\"\n")
	write("inc/more.h", "// more\n")
	write("common.h", "#include <stdio.h>\n")
	write("outside/x.h", "#include \"../../x.h\"\n")
	tests := []struct {
		name, src string
		files     []string
		err       string
	}{
		{"followed through the files", "// #include \"sum_range.c\"\n// #include \"missing.h\"\n// #include <math.h>\nimport \"C\"\nfunc f() {}",
			[]string{"common.h", "inc/more.h", "inc/util.h", "sum_range.c"}, ""},
		{"absolute names are the compiler's", "// #include \"" + filepath.Join(dir, "common.h") + "\"\nimport \"C\"\nfunc f() {}", nil, ""},
		{"not outside the working directory", "//\n// #include \"../x.h\"\nimport \"C\"\nfunc f() {}", nil,
			`In [3], line 3: #include "../x.h" names a file outside the kernel's working directory`},
		{"nor from a file", "// #include \"outside/x.h\"\nimport \"C\"\nfunc f() {}", nil,
			`outside/x.h, line 1: #include "../../x.h" names a file outside`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseCell(3, 2, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			err = d[0].cgo.readIncludes(dir)
			var e *Error
			switch {
			case tt.err != "" && (!errors.As(err, &e) || !strings.HasPrefix(strings.Join(e.Lines, "\n"), tt.err) || !strings.Contains(e.Detail, "%pwd")):
				t.Errorf("err = %#v, want %q", err, tt.err)
			case tt.err == "" && err != nil:
				t.Errorf("err = %v", err)
			}
			if got := slices.Sorted(maps.Keys(d[0].cgo.files)); tt.err == "" && !slices.Equal(got, tt.files) {
				t.Errorf("files %v, want %v", got, tt.files)
			}
		})
	}
}

func TestCompileFailureInCCoordinates(t *testing.T) {
	tests := []struct {
		name, out string
		lines     []string
		value     string
		detail    string
	}{
		{"the preamble",
			"# gopar/jitcell/pab-1\nIn[5]:4:37: error: expected ';' before '}' token\n    4 | static int twice(int x) { return 2*x }\n      |                                     ^\n" +
				"jitcell/pab-1/In[5]:8:39: could not determine what C.twice refers to\ncgo: \ngcc errors for preamble:\nIn[5]: In function 'twice':",
			[]string{"In [5], line 4, col 37: error: expected ';' before '}' token"},
			"expected ';' before '}' token", ""},
		{"an included file",
			"# gopar/jitcell/pab-1\nIn file included from In[5]:4:\njitcell/pab-1/cfiles/5/sum_range.c: In function 'sum_range':\njitcell/pab-1/cfiles/5/sum_range.c:6:24: error: expected ';' before 'return'\n    6 |       s += (long long)i\n",
			[]string{"sum_range.c, line 6, col 24: error: expected ';' before 'return' (included from In [5], line 4)"},
			"expected ';' before 'return'", ""},
		{"the first error is the headline",
			"# gopar/jitcell/pab-1\nIn[5]:3:7: warning: unused variable 'x' [-Wunused-variable]\nIn[5]:4:1: error: unknown type name 'lon'",
			[]string{"In [5], line 3, col 7: warning: unused variable 'x' [-Wunused-variable]", "In [5], line 4, col 1: error: unknown type name 'lon'"},
			"unknown type name 'lon'", ""},
		{"a missing file",
			"# gopar/jitcell/pab-1\nIn[5]:3:10: fatal error: sum_range.c: No such file or directory\ncompilation terminated.",
			[]string{"In [5], line 3, col 10: fatal error: sum_range.c: No such file or directory", "compilation terminated."},
			"sum_range.c: No such file or directory", "%%writefile"},
		{"a C name the C code lacks",
			"# gopar/jitcell/pab-1\njitcell/pab-1/In[5]:8:39: could not determine what C.sum_rang refers to",
			[]string{"In [5], line 8, col 39: could not determine what C.sum_rang refers to"},
			"could not determine what C.sum_rang refers to", "its own C code declares"},
		{"cgo's names in Go errors",
			"# gopar/jitcell/pab-1\nIn[5]:8:50: cannot use _Ctype_long(n) (value of int64 type _Ctype_long) as _Ctype_longlong value in argument to (_Cfunc_sum_range)",
			[]string{"In [5], line 8, col 50: cannot use C.long(n) (value of int64 type C.long) as C.longlong value in argument to (C.sum_range)"},
			"cannot use C.long(n) (value of int64 type C.long) as C.longlong value in argument to (C.sum_range)", ""},
		{"a function declared, not defined",
			"# gopar/jitcell/pab-1\n/usr/local/go/pkg/tool/linux_amd64/link: running gcc failed: exit status 1\n/usr/bin/gcc -m64 -o a.out.so x.o\n/usr/bin/ld: x.o: in function `_cgo_1_Cfunc_nowhere':\n/tmp/go-build/cgo999.cgo2.c:49: undefined reference to `nowhere'\ncollect2: error: ld returned 1 exit status",
			[]string{"C function or variable nowhere: declared, but no cell's C code defines it"},
			"C function or variable nowhere: declared, but no cell's C code defines it", "#cgo LDFLAGS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := compileFailure(&buildFailure{err: errors.New("exit status 1"), stderr: tt.out})
			if e.Name != "CompileError" || !slices.Equal(e.Lines, tt.lines) || e.Value != tt.value || !strings.Contains(e.Detail, tt.detail) {
				t.Errorf("got %s: %q\n%q\ndetail %q\nwant %q\n%q\ndetail with %q", e.Name, e.Value, e.Lines, e.Detail, tt.value, tt.lines, tt.detail)
			}
		})
	}
}

func TestNoCCompiler(t *testing.T) {
	needPlugins(t)
	missing := filepath.Join(t.TempDir(), "no-cc")
	t.Setenv("CC", missing)
	c := newTestCompiler(t, t.TempDir())
	_, err := c.Compile(context.Background(), 1, 2, "func f() int { return 1 }")
	var e *Error
	if !errors.As(err, &e) || e.Name != "JITError" || !strings.Contains(e.Value, "cgo is unavailable: CC="+missing+" names a C compiler that is not found") ||
		!strings.Contains(e.Detail, "%env CC=") || !strings.Contains(e.Detail, "apt-get install gcc") {
		t.Fatalf("err = %#v", err)
	}
	// The check runs again at the next cell: setting CC is enough.
	t.Setenv("CC", "")
	os.Unsetenv("CC")
	if _, err := c.Compile(context.Background(), 2, 2, "func f() int { return 1 }"); err != nil {
		t.Fatalf("with CC unset: %v", err)
	}
}

func TestCompileC(t *testing.T) {
	needPlugins(t)
	lesson, err := os.ReadFile("testdata/cgo/sum_range.c")
	if err != nil {
		t.Fatal(err)
	}
	// The working directory is where C code finds the files it includes.
	t.Chdir(t.TempDir())
	cache := t.TempDir()
	c := newTestCompiler(t, cache)

	// C in the preamble, wrapped by a Go function.
	preamble := "/*\n#cgo CFLAGS: -DSTEP=1\nlong long sum_range(long long high)\n{\n  long long s = 0LL;\n  for (long long i = 0LL; i < high; i++)\n    s += STEP * i;\n  return s;\n}\n*/\nimport \"C\"\n\nfunc sumRange(n int) int { return int(C.sum_range(C.longlong(n))) }"
	res := compile(t, c, 1, preamble)
	if got := funcOf[func(int) int](t, res, "sumRange")(10_000_000); got != 49999995000000 {
		t.Errorf("sumRange(10**7) = %d", got)
	}

	// C from a file of the working directory; a later cell defines
	// sum_range again, which replaces the first for every caller.
	if err := os.WriteFile("sum_range.c", lesson, 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile := "// #include \"sum_range.c\"\nimport \"C\"\n\nfunc condSum(n int) int { return int(C.conditional_sum_range(C.longlong(n))) }\nfunc fileSum(n int) int { return int(C.sum_range(C.longlong(n))) }"
	res = compile(t, c, 2, fromFile)
	if got := funcOf[func(int) int](t, res, "condSum")(10_000_000); got != 16666668333333 {
		t.Errorf("condSum(10**7) = %d", got)
	}
	if got, want := funcOf[func(int) int](t, res, "fileSum")(10), 45; got != want {
		t.Errorf("fileSum(10) = %d, want %d", got, want)
	}

	// Changing the file builds again; the same file does not.
	changed := strings.Replace(string(lesson), "s += (long long)i;", "s += 2 * (long long)i;", 1)
	if err := os.WriteFile("sum_range.c", []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	res = compile(t, c, 3, fromFile)
	if res.Cached {
		t.Error("a changed C file came from the cache")
	}
	if got := funcOf[func(int) int](t, res, "fileSum")(10); got != 90 {
		t.Errorf("fileSum(10) after the change = %d, want 90", got)
	}
	if got := funcOf[func(int) int](t, res, "sumRange")(10); got != 90 {
		t.Errorf("sumRange(10) = %d, want 90: the latest cell's sum_range", got)
	}
	again := newTestCompiler(t, cache)
	compile(t, again, 1, preamble)
	if res := compile(t, again, 3, fromFile); !res.Cached {
		t.Error("the same cells and files were built again")
	}
}

// TestCParallel: Go has no lock around C calls; two goroutines run C at
// once. Each call waits, for up to ten seconds, to see the other inside C.
func TestCParallel(t *testing.T) {
	needPlugins(t)
	c := newTestCompiler(t, t.TempDir())
	res := compile(t, c, 1, `/*
#include <time.h>
static int inside;
// together says whether another call was in C with this one.
static int together(void) {
	__atomic_add_fetch(&inside, 1, __ATOMIC_SEQ_CST);
	time_t end = time(NULL) + 10;
	int seen = 0;
	while (!seen && time(NULL) < end)
		seen = __atomic_load_n(&inside, __ATOMIC_SEQ_CST) >= 2;
	return seen;
}
*/
import "C"

func together() bool { return C.together() != 0 }`)
	together := funcOf[func() bool](t, res, "together")
	var wg sync.WaitGroup
	seen := make([]bool, 2)
	start := time.Now()
	for i := range seen {
		wg.Go(func() { seen[i] = together() })
	}
	wg.Wait()
	if !seen[0] || !seen[1] {
		t.Errorf("the calls saw each other: %v, after %v", seen, time.Since(start))
	}
}

func TestCompileCErrors(t *testing.T) {
	needPlugins(t)
	broken, err := os.ReadFile("testdata/cgo/broken.c")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("broken.c", broken, 0o600); err != nil {
		t.Fatal(err)
	}
	c := newTestCompiler(t, t.TempDir())
	tests := []struct {
		name, src string
		lines     []string
		detail    string
	}{
		{"a syntax error in the preamble", "/*\nstatic int twice(int x) { return 2*x }\n*/\nimport \"C\"\nfunc f() int { return int(C.twice(2)) }",
			[]string{"In [5], line 3, col 37: error: expected ';' before '}' token"}, ""},
		{"in an included file", "\n// #include \"broken.c\"\nimport \"C\"\nfunc f() int { return int(C.broken(2)) }",
			[]string{"broken.c, line 4, col 12: error: expected ';' before 'return' (included from In [5], line 3)"}, ""},
		{"a missing file", "// #include \"nowhere.c\"\nimport \"C\"\nfunc f() int { return int(C.nowhere(2)) }",
			[]string{"In [5], line 2, col 13: fatal error: nowhere.c: No such file or directory"}, "%%writefile"},
		{"a wrong C type", "// long long twice(long long x) { return 2*x; }\nimport \"C\"\nfunc f(n int) int { return int(C.twice(C.long(n))) }",
			[]string{"In [5], line 4, col 40: cannot use C.long(n) (value of int64 type C.long) as C.longlong value in argument to (C.twice)"}, ""},
		{"declared, not defined", "// long long nowhere(long long x);\nimport \"C\"\nfunc f(n int) int { return int(C.nowhere(C.longlong(n))) }",
			[]string{"C function or variable nowhere: declared, but no cell's C code defines it"}, "#cgo LDFLAGS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Compile(context.Background(), 5, 2, tt.src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			for _, l := range tt.lines {
				if !slices.Contains(e.Lines, l) {
					t.Errorf("no line %q in\n%s", l, strings.Join(e.Lines, "\n"))
				}
			}
			if e.Name != "CompileError" || !strings.Contains(e.Detail, tt.detail) {
				t.Errorf("%s, detail %q; want a CompileError with %q", e.Name, e.Detail, tt.detail)
			}
			for _, l := range e.Lines {
				if strings.Contains(l, "jitcell") || strings.Contains(l, "|") {
					t.Errorf("line %q names the build's files or quotes source", l)
				}
			}
		})
	}
}
