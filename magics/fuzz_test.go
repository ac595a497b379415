package magics

import (
	"context"
	"strings"
	"testing"

	"gopar/internal/fuzzcheck"
)

// FuzzRunCell: any cell text splits into Go code and magics without a
// crash. The fake session runs nothing; magics that would touch the
// machine (shell lines, %cd, %%writefile, %env, %%bash) are left out by
// turning their marks into comments.
func FuzzRunCell(f *testing.F) {
	for _, s := range []string{
		"%time x := 1",
		"%%timeit -n 3 -r 2 setup()\nf()",
		"t := %timeit -o -q f()\nshow t",
		"x := 1\n%time f()\nshow x",
		"%memit -r 2 -i 0.01 f()",
		"%lsmagic",
		"%timeit?",
		"%%time\nfor {\n}",
		"%who int",
		"%%jit -v\nfunc f() {}",
		"%unknownmagic arg",
		"%timeit -n 0 f()",
		"%timeit -r -1 f()",
		"%%timeit -q -o\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		if touchesMachine(code) {
			return
		}
		env := newFakeEnv()
		env.loopTime = func(_, n int) float64 { return float64(n) * 0.1 } // every loop is slow: %timeit ends at once
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		fuzzcheck.Allocs(t, len(code), func() { RunCell(ctx, env, code) })
	})
}

// touchesMachine tells whether code runs a magic that acts outside the fake
// session.
func touchesMachine(code string) bool {
	for _, l := range strings.Split(code, "\n") {
		if strings.Contains(l, "!") {
			return true // a shell line, alone or assigned
		}
		ml, ok := parseMagicLine(l)
		if !ok {
			continue
		}
		if ml.kind == shellLine {
			return true
		}
		switch strings.TrimLeft(ml.name, "%") {
		case "cd", "writefile", "env", "bash", "sh", "pwd", "memit":
			return true
		}
	}
	first, _, _ := strings.Cut(code, "\n")
	for _, name := range []string{"bash", "sh", "writefile", "memit", "cd", "env"} {
		if strings.HasPrefix(strings.TrimLeft(strings.TrimSpace(first), "%"), name) {
			return true
		}
	}
	return false
}
