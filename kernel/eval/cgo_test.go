package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCgoImport(t *testing.T) {
	tests := []struct {
		name, code string
		where      string // "" when the cell is not refused
	}{
		{"alone", "import \"C\"\nx := C.int(1)", "In [4], line 1, col 8"},
		{"after a preamble", "// int one(void) { return 1; }\nimport \"C\"", "In [4], line 2, col 8"},
		{"in a group", "import (\n\t\"fmt\"\n\t\"C\"\n)", "In [4], line 3, col 2"},
		{"renamed", "x := 1\nimport c \"C\"", "In [4], line 2, col 10"},
		{"raw string", "import `C`", "In [4], line 1, col 8"},
		{"other imports", "import \"fmt\"\nimport (\n\t\"os\"\n)\nfmt.Println(\"C\")", ""},
		{"a string C elsewhere", "import \"fmt\"\ns := \"C\"\nfmt.Println(s)", ""},
		{"after a group", "import (\n\t\"fmt\"\n)\nvar s = \"C\"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := cgoImport(4, tt.code)
			if tt.where == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("not refused")
			}
			if err.Name != "CompileError" || len(err.Traceback) == 0 || err.Traceback[0] != tt.where+`: import "C" (cgo) works only in a %%jit cell` ||
				!strings.Contains(strings.Join(err.Traceback, "\n"), "%%jit\n// #include \"sum_range.c\"") {
				t.Errorf("error %s: %q", err.Name, err.Traceback)
			}
		})
	}
}

// No Go program of the conformance corpus is taken for cgo.
func TestCgoImportSparesGo(t *testing.T) {
	files, err := filepath.Glob("testdata/conformance/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := cgoImport(1, string(b)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// A session refuses the cell before running any of it.
func TestRunRefusesCgo(t *testing.T) {
	s := newSession(t)
	_, err := s.Run(t.Context(), 3, "x := 1\nimport \"C\"")
	if err == nil || !strings.Contains(err.Error(), "works only in a %%jit cell") {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.Run(t.Context(), 4, "x"); err == nil {
		t.Error("x was declared by the refused cell")
	}
}
