package magics

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// nativeEnv is a fakeEnv that reports native functions.
type nativeEnv struct {
	*fakeEnv
	funcs []NativeFunc
	off   error
}

func (e *nativeEnv) NativeFuncs(context.Context) ([]NativeFunc, error) { return e.funcs, e.off }

func TestNative(t *testing.T) {
	tests := []struct {
		name    string
		cell    string
		env     *nativeEnv
		wantOut []string
		wantErr string
	}{
		{"lists native and interpreted functions", "%native", &nativeEnv{funcs: []NativeFunc{
			{Name: "calcPi", Signature: "func(N int) float64", Native: true},
			{Name: "norm", Why: "it uses type Point, declared in a cell"},
		}}, []string{"native       calcPi  (N int) float64\n", "interpreted  norm    it uses type Point"}, ""},
		{"says why nothing is native", "%native", &nativeEnv{off: errors.New("no Go toolchain"),
			funcs: []NativeFunc{{Name: "f", Why: "no Go toolchain"}}},
			[]string{"Every function runs interpreted: no Go toolchain\n", "interpreted  f  no Go toolchain"}, ""},
		{"no functions yet", "%native", &nativeEnv{}, []string{"No cell has declared a function or type yet."}, ""},
		{"no arguments", "%native -v", &nativeEnv{}, nil, "takes no arguments"},
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
			out := tt.env.stdout.String()
			for _, want := range tt.wantOut {
				if !strings.Contains(out, want) {
					t.Errorf("output %q lacks %q", out, want)
				}
			}
		})
	}
	if _, err := RunCell(context.Background(), newFakeEnv(), "%native"); err == nil || !strings.Contains(err.Error(), "not available") {
		t.Errorf("%%native without native support: %v", err)
	}
}
