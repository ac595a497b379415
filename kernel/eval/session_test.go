package eval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func newSession(t *testing.T) *Session {
	t.Helper()
	s, err := New(Options{Stdin: strings.NewReader("gopher\n")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// step is one cell of a scenario and what it must give.
type step struct {
	code    string
	result  string // text/plain of the value; "" for none
	errName string // Error.Name when the cell must fail
	errText string // a part of the error's value or traceback
}

func runSteps(t *testing.T, steps []step) {
	t.Helper()
	s := newSession(t)
	for i, st := range steps {
		n := i + 1
		b, err := s.Run(context.Background(), n, st.code)
		if st.errName != "" {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("In [%d] %q: err = %v, want an *Error named %s", n, st.code, err, st.errName)
			}
			all := e.Value + "\n" + strings.Join(e.Traceback, "\n")
			if e.Name != st.errName || !strings.Contains(all, st.errText) {
				t.Fatalf("In [%d] %q: error %s: %s, want %s containing %q", n, st.code, e.Name, all, st.errName, st.errText)
			}
			continue
		}
		if err != nil {
			t.Fatalf("In [%d] %q: %v", n, st.code, err)
		}
		got := ""
		if b != nil {
			got, _ = b.Data["text/plain"].(string)
		}
		if got != st.result {
			t.Fatalf("In [%d] %q = %q, want %q", n, st.code, got, st.result)
		}
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"values persist", []step{{code: "x := 41"}, {code: "x + 1", result: "42"}}},
		{"redefinition", []step{
			{code: "func f() int { return 1 }"}, {code: "func f() int { return 2 }\nf()", result: "2"},
			{code: "x := 1"}, {code: "x := \"now a string\"\nx", result: `"now a string"`},
		}},
		{"mixed cell", []step{{code: "import \"strings\"\nw := \"go\"\nfunc up(s string) string { return strings.ToUpper(s) }\nup(w)", result: `"GO"`}}},
		{"imports outlive their cell and may repeat", []step{
			{code: "import \"strings\""}, {code: "strings.Repeat(\"a\", 3)", result: `"aaa"`},
			{code: "import \"strings\"\nstrings.ToLower(\"B\")", result: `"b"`},
		}},
		{"statements have no value", []step{{code: "y := 3"}, {code: "y++"}}},
		{"print calls have no value", []step{{code: "import \"fmt\"\nfmt.Println(\"x\")"}}},
		{"void call has no value", []step{{code: "func none() {}\nnone()"}}},
		{"several results show as a list", []step{{code: "import \"strconv\"\nstrconv.Atoi(\"7\")", result: "(7, <nil>)"}}},
		{"nil error result shows nothing", []step{{code: "func ok() error { return nil }\nok()"}}},
		{"strings are quoted", []step{{code: `"a" + "b"`, result: `"ab"`}}},
		{"rich value of a cell's type", []step{{code: "type T struct{}\nfunc (T) MIMEBundle() map[string]any { return map[string]any{\"text/plain\": \"tee\"} }\nT{}", result: "tee"}}},
		{"rich value of a converted basic type", []step{{code: "type badge string\nfunc (b badge) MIMEBundle() map[string]any { return map[string]any{\"text/plain\": \"<\" + string(b) + \">\"} }"}, {code: "badge(\"ok\")", result: "<ok>"}}},
		{"display is pre-imported", []step{{code: "display.Text(\"hello\")", result: "hello"}}},
		{"pasted program runs main", []step{{code: "package main\n\nfunc main() { ran = true }\nvar ran bool"}, {code: "ran", result: "true"}}},
		{"main does not run again", []step{
			{code: "package main\nvar runs int\nfunc main() { runs++ }"}, {code: "func other() {}"}, {code: "runs", result: "1"},
		}},
		{"compile error in cell coordinates", []step{{code: "x := 1\ny := x +", errName: "CompileError", errText: "In [1], line 2, col 9"}}},
		{"panic names the function", []step{{code: "func f() {\n\tpanic(\"boom\")\n}\nf()", errName: "panic", errText: "In [1], in f"}}},
		{"panic at the top level names the line", []step{{code: "x := 1\n_ = x\npanic(\"boom\")", errName: "panic", errText: "In [1], line 3, at the top level"}}},
		{"undefined name", []step{{code: "x := 1\ny := x + nosuch", errName: "CompileError", errText: "In [1], line 2, col 10: undefined: nosuch"}}},
		{"undefined name alone", []step{{code: "nosuch", errName: "CompileError", errText: "undefined: nosuch"}}},
		{"names of earlier cells are defined", []step{{code: "type P struct{ A int }\nvar v = 2\nfunc f() int { return 1 }\nw := 3"}, {code: "P{A: f() + v + w}.A", result: "6"}}},
		{"runtime error", []step{{code: "var m map[string]int\nm[\"a\"] = 1", errName: "panic", errText: "nil map"}}},
		{"state survives errors", []step{{code: "z := 5"}, {code: "panic(1)", errName: "panic", errText: "1"}, {code: "z", result: "5"}}},
		{"goroutine panic is recovered", []step{
			{code: "import \"time\"\ndone := make(chan bool)\ngo func() { defer close(done); panic(\"bg\") }()\n<-done\ntime.Sleep(10 * time.Millisecond)\n1", result: "1"},
		}},
		{"go statement evaluates arguments at once", []step{
			{code: "res := make(chan int, 3)\nfor i := 0; i < 3; i++ { go func(n int) { res <- n }(i) }\nsum := 0\nfor i := 0; i < 3; i++ { sum += <-res }\nsum", result: "3"},
		}},
		{"closures see each iteration's variable", []step{
			{code: "import \"fmt\"\nvar fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\nfor _, v := range []int{7, 8} { fs = append(fs, func() int { return v }) }"},
			{code: "out := \"\"\nfor _, f := range fs { out += fmt.Sprint(f()) }\nout", result: `"01278"`},
		}},
		{"loop variable assigned in the body stays shared", []step{{code: "n := 0\nfor i := 0; i < 10; i++ { i++; f := func() int { return i }; n += f() }\nn", result: "25"}}},
		{"range over an integer", []step{
			{code: "s := 0\nfor i := range 5 { s += i }\nk := 3\nfor range k { s += 100 }\nfunc sum(n int) (t int) { for i := range n { t += i }; return }\ns + sum(4)", result: "316"},
		}},
		{"top-level loop variables do not overwrite globals", []step{{code: "b := 100"}, {code: "for b := 0; b < 3; b++ {}\nif b := 7; b > 0 {}\nb", result: "100"}}},
		{"min max clear", []step{
			{code: "x := 2.5\nm := map[int]int{1: 1}\nclear(m)\nxs := []int{4, 5}\nclear(xs)"},
			{code: "import \"fmt\"\nfmt.Sprint(min(3, 1, 2), max(x, 1), min(\"b\", \"a\"), max(1, 2.5), len(m), xs)", result: `"1 2.5a2.5 0 [0 0]"`},
		}},
		{"assertions to a cell's interface", []step{
			{code: "type Shape interface{ Area() int }\ntype Sq struct{ S int }\nfunc (q Sq) Area() int { return q.S * q.S }"},
			{code: "func probe(v any) string {\n\ts, ok := v.(Shape)\n\tif !ok { return \"no\" }\n\tswitch v.(type) {\n\tcase Shape:\n\t\treturn \"shape\" + fmt.Sprint(s.Area())\n\t}\n\treturn \"?\"\n}\nprobe(Sq{3}) + \" \" + probe(4)", result: `"shape9 no"`},
			{code: "func must(v any) Shape { return v.(Shape) }\nmust(5)", errName: "panic", errText: "is not Shape"},
		}},
		{"os.Exit ends the cell", []step{{code: "kept := 1"}, {code: "import \"os\"\nos.Exit(3)", errName: "Exit", errText: "os.Exit(3) ended the cell"}, {code: "kept", result: "1"}}},
		{"log.Fatal ends the cell", []step{{code: "import \"log\"\nlog.Fatal(\"bad\")", errName: "Exit", errText: "log.Fatal"}}},
		{"runtime.Goexit ends the cell", []step{{code: "import \"runtime\"\nruntime.Goexit()", errName: "Goexit", errText: "Goexit"}}},
		{"standard packages are imported when used", []step{{code: "strings.ToUpper(\"go\")", result: `"GO"`}, {code: "strconv.Itoa(4)", result: `"4"`}}},
		{"min and max of named types and constants", []step{
			{code: "import \"time\"\nm := time.Minute\nmax(m, time.Hour)", result: "1h0m0s"},
			{code: "max(time.Minute, time.Hour)", result: "1h0m0s"},
			{code: "x := min(3, 1.5)\nx", result: "1.5"},
			{code: "type Celsius float64\nc := Celsius(20)\nfmt.Sprintf(\"%v %T\", min(c, 2.5), max(c, 30))", result: `"2.5 main.Celsius"`},
		}},
		{"a type defined anew", []step{
			{code: "type P struct{ A int }"}, {code: "func (p P) Sum() int { return p.A }"}, {code: "type P struct{ A int }"},
			{code: "old := P{1}\nold.Sum()", result: "1"},
			{code: "type P struct{ A, B int }"},
			{code: "func (p P) Sum() int { return p.A + p.B }"},
			{code: "p := P{A: 1, B: 2}\np.Sum()", result: "3"},
			{code: "fmt.Sprintf(\"%T %+v\", p, p)", result: `"main.P {A:1 B:2}"`},
			{code: "func show(p P) int { return p.B }\nshow(P{B: 5})", result: "5"},
			{code: "old.Sum()", result: "1"},
			{code: "type P struct{ A, B, C int }"},
			{code: "P{C: 7}.C", result: "7"},
		}},
		{"defers of the top level run at the cell's end", []step{
			{code: "log := \"\"\nfor i := range 2 { defer func(k int) { log += fmt.Sprint(\"d\", k) }(i) }\nx := 1\ndefer func() { log += fmt.Sprint(\"x\", x) }()\nx = 2\nlog += \"body \""},
			{code: "log", result: `"body x2d1d0"`}, {code: "log", result: `"body x2d1d0"`},
		}},
		{"const blocks repeat specs of several names", []step{{code: "const (\n\tA, B = iota, iota * 10\n\tC, D\n)\nconst M = max(1, 2.5, 2)\nB + D + int(M*2)", result: "15"}}},
		{"switch with init and tag, cases with several conditions", []step{
			{code: "func kind(n int) string { switch m := n * 2; m { case 10: return \"ten\" }; switch { case n < 0, n > 100: return \"out\" }; return \"in\" }\nkind(5) + kind(-1) + kind(7)", result: `"tenoutin"`},
		}},
		{"break to a loop's label from a select", []step{
			{code: "quit := make(chan bool)\nticks := make(chan int)\ngo func() { for i := 1; i <= 3; i++ { ticks <- i }; close(quit) }()\nsum := 0\nloop:\nfor {\n\tselect {\n\tcase t := <-ticks:\n\t\tsum += t\n\tcase <-quit:\n\t\tbreak loop\n\t}\n}\nsum", result: "6"},
		}},
		{"return at the top level ends the cell", []step{
			{code: "import \"fmt\"\nn := 1\nif n > 0 {\n\tdefer func() { n = 10 }()\n\treturn\n}\nn = 5"}, {code: "n", result: "10"},
		}},
		{"comma-ok forms at the top level", []step{
			{code: "m := map[string]int{\"a\": 1}\nvar x any = 3\nv, ok := m[\"a\"]\n_, ok2 := m[\"b\"]\nn, isInt := x.(int)\nch := make(chan string, 1)\nch <- \"c\"\nclose(ch)\nc, open := <-ch\nfmt.Sprint(v, ok, ok2, n, isInt, c, open)", result: `"1 true false 3 truectrue"`},
		}},
		{"generic functions of package slices", []step{
			{code: "import \"slices\"\nxs := []int{3, 1, 2}\nslices.Sort(xs)\nfunc rev(s []int) []int { c := slices.Clone(s); slices.Reverse(c); return c }\nfmt.Sprint(xs, rev(xs), slices.Max(xs), slices.Insert([]int{1, 3}, 1, 2), slices.Compact([]int{1, 1, 2}))", result: `"[1 2 3] [3 2 1] 3 [1 2 3] [1 2]"`},
		}},
		{"stdin", []step{{code: "import \"fmt\"\nvar s string\nfmt.Scanln(&s)\ns", result: `"gopher"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runSteps(t, tt.steps) })
	}
}

func TestLongSession(t *testing.T) {
	s := newSession(t)
	if _, err := s.Run(context.Background(), 1, "import \"strconv\"\ntotal := 0"); err != nil {
		t.Fatal(err)
	}
	for n := 2; n <= 400; n++ {
		b, err := s.Run(context.Background(), n, "total += "+strconv.Itoa(n)+"\nstrconv.Itoa(total)")
		if err != nil {
			t.Fatalf("In [%d]: %v", n, err)
		}
		if want := strconv.Quote(strconv.Itoa(n*(n+1)/2 - 1)); b == nil || b.Data["text/plain"] != want {
			t.Fatalf("In [%d] = %v, want %s", n, b, want)
		}
	}
	_, err := s.Run(context.Background(), 401, "total +")
	if err == nil || !strings.Contains(strings.Join(err.(*Error).Traceback, "\n"), "In [401], line 1, col 8") {
		t.Fatalf("error in cell 401 = %v", err)
	}
}

func TestRerunNotebook(t *testing.T) {
	notebook := []string{
		"import (\n\t\"fmt\"\n\t\"sort\"\n\t\"sync\"\n)",
		"type Point struct{ X, Y int }\nfunc (p Point) String() string { return fmt.Sprintf(\"(%d,%d)\", p.X, p.Y) }",
		"const N = 4\nvar pts []Point\nfor i := range N { pts = append(pts, Point{i, i * i}) }\nlen(pts)",
		"func total(ps []Point) (t int) { for _, p := range ps { t += p.Y }; return }\ntotal(pts)",
		"var mu sync.Mutex\nvar wg sync.WaitGroup\nseen := []int{}\nfor i := 0; i < 4; i++ { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); seen = append(seen, i); mu.Unlock() }() }\nwg.Wait()\nsort.Ints(seen)\nfmt.Sprint(seen)",
		"package main\n\nfunc main() { pts = append(pts, Point{9, 9}) }",
		"fmt.Sprint(pts[len(pts)-1], max(len(pts), 2))",
	}
	s := newSession(t)
	var first []string
	for pass := 0; pass < 2; pass++ {
		for i, code := range notebook {
			b, err := s.Run(context.Background(), pass*len(notebook)+i+1, code)
			if err != nil {
				t.Fatalf("pass %d, cell %d: %v", pass+1, i+1, err)
			}
			got := ""
			if b != nil {
				got = fmt.Sprint(b.Data["text/plain"])
			}
			if pass == 0 {
				first = append(first, got)
			} else if got != first[i] {
				t.Errorf("cell %d gave %q the first time, %q the second", i+1, first[i], got)
			}
		}
	}
	if first[4] != `"[0 1 2 3]"` || first[6] != `"(9,9) 5"` {
		t.Errorf("first pass results = %q", first)
	}
}

func TestBuiltinPrint(t *testing.T) {
	tests := []struct {
		args []any
		line bool
		want string
	}{
		{[]any{1, "a", true}, true, "1 a true\n"},
		{[]any{1.5}, false, "+1.500000e+000"},
		{[]any{-0.001}, true, "-1.000000e-003\n"},
		{[]any{nil}, false, "nil"},
	}
	for _, tt := range tests {
		if got := builtinPrint(tt.args, tt.line); got != tt.want {
			t.Errorf("builtinPrint(%v, %v) = %q, want %q", tt.args, tt.line, got, tt.want)
		}
	}
}

func TestGoroutinesLeftRunning(t *testing.T) {
	s := newSession(t)
	if _, err := s.Run(context.Background(), 1, "import \"time\"\ngo time.Sleep(time.Second)\ngo time.Sleep(time.Second)\ndone := make(chan bool)\ngo func() { done <- true }()\n<-done"); err != nil {
		t.Fatal(err)
	}
	got := s.goroutines.leftBy(1)
	if got != "2 goroutines of this cell still running: 1 started at In [1], line 2, col 1; 1 started at In [1], line 3, col 1" {
		t.Fatalf("leftBy = %q", got)
	}
	if got := s.goroutines.leftBy(2); got != "" {
		t.Fatalf("leftBy(2) = %q, want nothing", got)
	}
}

func TestEvaluate(t *testing.T) {
	s := newSession(t)
	if _, err := s.Run(context.Background(), 1, "a := 6"); err != nil {
		t.Fatal(err)
	}
	b, err := s.Evaluate(context.Background(), "a * 7")
	if err != nil || b.Data["text/plain"] != "42" {
		t.Fatalf("Evaluate = %v, %v; want 42", b.Data, err)
	}
	if _, err := s.Evaluate(context.Background(), "nosuchname +"); err == nil {
		t.Fatal("Evaluate of a bad expression succeeded")
	}
}

func TestInterrupt(t *testing.T) {
	for _, code := range []string{"for {}", "import \"time\"\ntime.Sleep(time.Hour)", "select {}"} {
		t.Run(code, func(t *testing.T) {
			s := newSession(t)
			if _, err := s.Run(context.Background(), 1, "kept := 7"); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			_, err := s.Run(ctx, 2, code)
			var e *Error
			if !errors.As(err, &e) || e.Name != "Interrupted" {
				t.Fatalf("err = %v, want Interrupted", err)
			}
			b, err := s.Run(context.Background(), 3, "kept")
			if err != nil || b == nil || b.Data["text/plain"] != "7" {
				t.Fatalf("after interrupt: %v, %v", b, err)
			}
		})
	}
}

func TestPanicsAndRecover(t *testing.T) {
	runSteps(t, []step{
		{code: `import "errors"
type codeErr struct{ code int }
func (e *codeErr) Error() string { return fmt.Sprint("code ", e.code) }
func try(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}`},
		// recover gives what panic was given, so assertions see it.
		{code: `s, ok := try(func() { panic("boom") }).(string); fmt.Sprint(s, ok)`, result: `"boomtrue"`},
		{code: `_, ok := try(func() { panic(errors.New("e")) }).(error); ok`, result: "true"},
		{code: `c, ok := try(func() { panic(&codeErr{3}) }).(*codeErr); fmt.Sprint(c.code, ok)`, result: `"3 true"`},
		{code: `var e error = &codeErr{5}
_, ok := try(func() { panic(e) }).(error); ok`, result: "true"},
		{code: `_, ok := try(func() { panic(42) }).(error); ok`, result: "false"},
		// A function the top level defers recovers a panic of the top level.
		{code: `defer func() { fmt.Println("recovered:", recover()) }()
panic("top")`},
		{code: `fmt.Println(recover())`},
		// Without a recover, the panic is the cell's error, after the
		// deferred calls ran.
		{code: `defer fmt.Println("deferred")
panic("unrecovered")`, errName: "panic", errText: "unrecovered"},
	})
}

func TestTypeSwitchOnInterfaces(t *testing.T) {
	runSteps(t, []step{
		{code: `import "errors"
type codeErr struct{ code int }
func (e *codeErr) Error() string { return fmt.Sprint("code ", e.code) }
type Shape interface{ Area() float64 }
type Sq struct{ s float64 }
func (q Sq) Area() float64 { return q.s * q.s }
type Dot struct{}
func kind(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, string:
		return fmt.Sprint("int or string ", x)
	case error:
		return "error " + x.Error()
	case Shape:
		return fmt.Sprint("shape ", x.Area())
	default:
		return fmt.Sprintf("other %v", x)
	}
}`},
		{code: `kind(nil)`, result: `"nil"`},
		{code: `kind(7)`, result: `"int or string 7"`},
		{code: `kind(errors.New("boom"))`, result: `"error boom"`},
		{code: `kind(&codeErr{2})`, result: `"error code 2"`},
		{code: `kind(Sq{3})`, result: `"shape 9"`},
		{code: `kind(Dot{})`, result: `"other {}"`},
		{code: `kind(2.5)`, result: `"other 2.5"`},
		{code: `_, ok := any(Dot{}).(Shape); ok`, result: "false"},
		{code: `var e error = &codeErr{4}
_, ok := any(e).(error); ok`, result: "true"},
	})
}

func TestScope(t *testing.T) {
	s := newSession(t)
	cells := []string{
		"import \"strings\"\ntype Point struct{ X, Y int }\nfunc (p *Point) Move(dx int) { p.X += dx }\nfunc NewPoint() *Point { return &Point{} }",
		"p := Point{1, 2}\nq := NewPoint()\nvar b strings.Builder\nn := 3\nconst limit = 10",
	}
	for i, c := range cells {
		if _, err := s.Run(context.Background(), i+1, c); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, d := range s.Decls() {
		got = append(got, fmt.Sprintf("%s %s %s %d", d.Kind, d.Name, d.Recv, d.Cell))
	}
	want := []string{"type Point  1", "method Move Point 1", "func NewPoint  1", "var p  2", "var q  2", "var b  2", "var n  2", "const limit  2"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Decls = %q, want %q", got, want)
	}
	if s.Imports()["strings"] != "strings" {
		t.Errorf("Imports = %v, want strings among them", s.Imports())
	}
	for _, tt := range []struct{ name, cellType, rt string }{
		{"p", "Point", ""}, {"q", "*Point", ""}, {"b", "", "strings.Builder"}, {"n", "", "int"},
	} {
		ct, rt, ok := s.TypeOf(tt.name)
		rts := ""
		if rt != nil {
			rts = rt.String()
		}
		if !ok || ct != tt.cellType || rts != tt.rt {
			t.Errorf("TypeOf(%s) = %q, %v, %v; want %q, %q", tt.name, ct, rts, ok, tt.cellType, tt.rt)
		}
	}
	if _, _, ok := s.TypeOf("nothing"); ok {
		t.Error("TypeOf(nothing) ok")
	}
}

// Cells see the kernel's environment, as the kernelspec's env sets it,
// and change the process's own, as Python's os.environ does.
func TestEnvironment(t *testing.T) {
	t.Setenv("GOPAR_TEST_SETTING", "512MiB")
	runSteps(t, []step{
		{code: `import "os"`},
		{code: `os.Getenv("GOPAR_TEST_SETTING")`, result: `"512MiB"`},
		{code: `_, ok := os.LookupEnv("PATH"); ok`, result: "true"},
		{code: `os.Setenv("GOPAR_TEST_SETTING", "1GiB")`},
		{code: `os.ExpandEnv("${GOPAR_TEST_SETTING}")`, result: `"1GiB"`},
	})
	if got := os.Getenv("GOPAR_TEST_SETTING"); got != "1GiB" {
		t.Fatalf("after os.Setenv in a cell, the process has %q, want \"1GiB\"", got)
	}
}
