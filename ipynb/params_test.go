package ipynb

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestGoLiteral(t *testing.T) {
	tests := []struct {
		value    string
		asString bool
		want     string
	}{
		{"42", false, "42"},
		{"-7", false, "-7"},
		{"+3", false, "+3"},
		{"1_000_000", false, "1_000_000"},
		{"0x1F", false, "0x1F"},
		{"2.5", false, "2.5"},
		{"1e9", false, "1e9"},
		{"-0.25", false, "-0.25"},
		{" 12 ", false, "12"},
		{"true", false, "true"},
		{"false", false, "false"},
		{"True", false, `"True"`},
		{"hello", false, `"hello"`},
		{"hello world", false, `"hello world"`},
		{`say "hi"`, false, `"say \"hi\""`},
		{"", false, `""`},
		{"1+2", false, `"1+2"`},
		{"x", false, `"x"`},
		{"os.Exit(1)", false, `"os.Exit(1)"`},
		{"3i", false, `"3i"`},
		{"42", true, `"42"`},
		{"true", true, `"true"`},
		{"ünï\n", false, `"ünï\n"`},
	}
	for _, tt := range tests {
		if got := GoLiteral(tt.value, tt.asString); got != tt.want {
			t.Errorf("GoLiteral(%q, %v) = %s, want %s", tt.value, tt.asString, got, tt.want)
		}
	}
}

func TestDeclaredNames(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]Declared
	}{
		{"short vars", "n := 10\nlabel := \"x\"\nrate := 0.5", map[string]Declared{
			"n": {}, "label": {String: true}, "rate": {}}},
		{"var and const", "var n = 10\nvar s string\nconst title = \"t\"\nvar f float64 = 1", map[string]Declared{
			"n": {}, "s": {String: true}, "title": {Const: true, String: true}, "f": {}}},
		{"groups", "var (\n\ta = 1\n\tb, c string\n)\nconst (\n\tK = 3\n)", map[string]Declared{
			"a": {}, "b": {String: true}, "c": {String: true}, "K": {Const: true}}},
		{"several names", "x, y := 1, \"s\"", map[string]Declared{"x": {}, "y": {}}},
		{"blank skipped", "_, err := f()", map[string]Declared{"err": {}}},
		{"string expression is not a literal", "s := \"a\" + b", map[string]Declared{"s": {}}},
		{"only top level", "n := 1\nfor i := 0; i < 3; i++ {\n\tj := i\n}\nfunc f() { k := 2 }", map[string]Declared{"n": {}}},
		{"imports and magics around", "import \"fmt\"\n%time x := 1\nn := 3\n!echo hi\nfmt.Println(n)", map[string]Declared{"n": {}}},
		{"assignment is no declaration", "n = 4\nm += 1", map[string]Declared{}},
		{"comments", "// n := 1\nm := 2 // the size", map[string]Declared{"m": {}}},
		{"empty", "", map[string]Declared{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeclaredNames(tt.src); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DeclaredNames = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestInjectParameters(t *testing.T) {
	params := func(src string, tags ...any) *Cell {
		return &Cell{Type: Code, Source: src, Metadata: map[string]any{"tags": tags}}
	}
	plain := func(src string) *Cell { return &Cell{Type: Code, Source: src, Metadata: map[string]any{}} }
	tests := []struct {
		name    string
		cells   []*Cell
		params  []Parameter
		wantAt  int
		wantSrc string
		wantErr error
		errText string
		cells2  int // cells after injection
	}{
		{"assigns declared names", []*Cell{plain("import \"fmt\""), params("n := 3\nlabel := \"default\"\nconst k = 1", "parameters"), plain("fmt.Println(n)")},
			[]Parameter{{"n", "5"}, {"label", "42"}, {"k", "2"}, {"extra", "on"}}, 2,
			"// Parameters\nn = 5\nlabel = \"42\"\nconst k = 2\nextra := \"on\"", nil, "", 4},
		{"replaces an earlier injection", []*Cell{params("n := 3", "parameters"), params("// Parameters\nn = 4", InjectedParametersTag), plain("n")},
			[]Parameter{{"n", "9"}}, 1, "// Parameters\nn = 9", nil, "", 3},
		{"first parameters cell", []*Cell{params("a := 1", "x", "parameters"), params("b := 1", "parameters")},
			[]Parameter{{"a", "2"}}, 1, "// Parameters\na = 2", nil, "", 3},
		{"no parameters cell", []*Cell{plain("n := 1")}, []Parameter{{"n", "2"}}, -1, "", ErrNoParametersCell, "", 1},
		{"bad name", []*Cell{params("n := 1", "parameters")}, []Parameter{{"my-n", "2"}}, -1, "", nil, `parameter name "my-n" is not a Go identifier`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := &Notebook{NBFormat: 4, NBFormatMinor: 5, Cells: tt.cells}
			at, err := InjectParameters(nb, tt.params)
			switch {
			case tt.wantErr != nil || tt.errText != "":
				if err == nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("error %v, want %v %q", err, tt.wantErr, tt.errText)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if at != tt.wantAt {
				t.Errorf("injected at %d, want %d", at, tt.wantAt)
			}
			if len(nb.Cells) != tt.cells2 {
				t.Errorf("%d cells, want %d", len(nb.Cells), tt.cells2)
			}
			c := nb.Cells[at]
			if c.Source != tt.wantSrc {
				t.Errorf("injected source:\n%s\nwant:\n%s", c.Source, tt.wantSrc)
			}
			if !c.HasTag(InjectedParametersTag) || c.Type != Code || len(c.ID) != 8 {
				t.Errorf("injected cell: type %q, tags %v, id %q", c.Type, c.Tags(), c.ID)
			}
			if !nb.Cells[at-1].HasTag(ParametersTag) {
				t.Errorf("cell before the injected one is not the parameters cell")
			}
		})
	}
}
