package eval

import (
	"bytes"
	"go/printer"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopar/internal/fuzzcheck"
)

// addCellSeeds adds the conformance programs and some cells to f's corpus.
func addCellSeeds(f *testing.F) {
	f.Add("x := 1\nx + 1")
	f.Add("func f() int { return 1 }\nf()")
	f.Add("for i := range 3 {\n\tfmt.Println(i)\n}")
	f.Add("switch v := any(1).(type) {\ncase error:\n\t_ = v\n}")
	f.Add("type T struct{}\nfunc (T) M() {}\nvar t T\nt.M()")
	f.Add("`unterminated")
	f.Add("/* comment */ import \"fmt\"; fmt.Println(\"}\")")
	files, _ := filepath.Glob("testdata/conformance/*.go")
	for _, file := range files[:min(len(files), 20)] {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
}

// FuzzSplitCell: splitting never crashes, keeps every piece inside the
// cell, and IsComplete answers for any text.
func FuzzSplitCell(f *testing.F) {
	addCellSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		var c cell
		fuzzcheck.Allocs(t, len(src), func() { c = splitCell(src) })
		for _, p := range c.pieces {
			for _, part := range p.parts {
				if !strings.Contains(src, strings.TrimSpace(part.src)) {
					t.Fatalf("piece %q is not part of the cell %q", part.src, src)
				}
			}
		}
		switch status, _ := IsComplete(src); status {
		case Complete, Incomplete, Invalid:
		default:
			t.Fatalf("IsComplete(%q) = %q", src, status)
		}
	})
}

// FuzzRewrite: the rewrites a cell goes through before the interpreter
// sees it never crash and leave a printable syntax tree. (The interpreter
// itself is not run: the fuzzer's programs may loop forever.)
func FuzzRewrite(f *testing.F) {
	addCellSeeds(f)
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range splitCell(src).pieces {
			file, err := s.parse(1, p)
			if err != nil {
				continue
			}
			if p.decl {
				s.fixup(file, nil)
			} else {
				body := s.prepare(file)
				captureResult(body, s.types)
			}
			var out bytes.Buffer
			if err := printer.Fprint(&out, s.interp.FileSet(), file); err != nil {
				t.Fatalf("the rewritten cell does not print: %v", err)
			}
		}
	})
}
