package magics

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// jitEnv is a fakeEnv that compiles %%jit cells by handing back funcs.
type jitEnv struct {
	*fakeEnv
	code  string
	line  int
	funcs []JITFunc
	err   error
}

func (e *jitEnv) CompileJIT(ctx context.Context, code string, line int) ([]JITFunc, bool, error) {
	e.code, e.line = code, line
	return e.funcs, true, e.err
}

func TestJIT(t *testing.T) {
	double := func(x int) int { return 2 * x }
	tests := []struct {
		name      string
		cell      string
		env       *jitEnv
		wantBound []string
		wantOut   string
		wantErr   string
	}{
		{"binds every function", "%%jit\nfunc double(x int) int { return 2 * x }",
			&jitEnv{funcs: []JITFunc{{Name: "double", Signature: "func(x int) int", Value: double}, {Name: "half", Value: double}}},
			[]string{"double", "half"}, "", ""},
		{"verbose says what it did", "%%jit -v\nfunc double(x int) int { return 2 * x }",
			&jitEnv{funcs: []JITFunc{{Name: "double", Signature: "func(x int) int", Value: double}}},
			[]string{"double"}, "loaded from the cache in", ""},
		{"compile errors pass through", "%%jit\nfunc f() { x }",
			&jitEnv{err: errors.New("In [1], line 2: x evaluated but not used")}, nil, "", "x evaluated but not used"},
		{"unknown option", "%%jit -O3\nfunc f() {}", &jitEnv{}, nil, "", "unknown option \"-O3\""},
		{"C code reaches the compiler whole", "%%jit\n// #include \"sum_range.c\"\nimport \"C\"\n\nfunc double(x int) int { return int(C.twice(C.int(x))) }",
			&jitEnv{funcs: []JITFunc{{Name: "double", Signature: "func(x int) int", Value: double}}},
			[]string{"double"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env.fakeEnv = newFakeEnv()
			_, err := RunCell(context.Background(), tt.env, tt.cell)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if body := tt.cell[strings.Index(tt.cell, "\n")+1:]; tt.env.line != 2 || tt.env.code != body {
				t.Errorf("compiled %q from line %d, want the body from line 2", tt.env.code, tt.env.line)
			}
			for _, name := range tt.wantBound {
				if tt.env.bound[name] == nil {
					t.Errorf("%s not bound; bound: %v", name, tt.env.bound)
				}
			}
			if f, ok := tt.env.bound["double"].(func(int) int); !ok || f(4) != 8 {
				t.Errorf("double bound to %v", tt.env.bound["double"])
			}
			if !strings.Contains(tt.env.stdout.String(), tt.wantOut) {
				t.Errorf("stdout %q, want %q", tt.env.stdout.String(), tt.wantOut)
			}
		})
	}
}

func TestJITWithoutCompiler(t *testing.T) {
	_, err := RunCell(context.Background(), newFakeEnv(), "%%jit\nfunc f() {}")
	if err == nil || !strings.Contains(err.Error(), "not available") {
		t.Errorf("err = %v", err)
	}
}
