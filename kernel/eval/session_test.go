package eval

import (
	"context"
	"errors"
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
		{"compile error in cell coordinates", []step{{code: "x := 1\ny := x +", errName: "CompileError", errText: "In [1], line 3"}}},
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
	if err == nil || !strings.Contains(strings.Join(err.(*Error).Traceback, "\n"), "In [401], line 2") {
		t.Fatalf("error in cell 401 = %v", err)
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
