package corpus

import (
	"slices"
	"testing"
)

func TestSplit(t *testing.T) {
	src := "package main\n\nimport \"fmt\"\n\nimport \"strings\"\n\n// T is doc.\ntype T int\n\n" +
		"// f is doc.\nfunc f() int { return 1 } // trailing\n\nvar (\n\ta = 1\n)\n\n" +
		"func main() {\n\tx := `raw\n\tkept`\n\tif true {\n\t\tfmt.Println(x, strings.ToUpper(\"a\"), f(), a)\n\t}\n}\n"
	got, err := Split([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"import \"fmt\"\nimport \"strings\"",
		"type T int",
		"func f() int { return 1 }",
		"var (\n\ta = 1\n)",
		"x := `raw\n\tkept`\nif true {\n\tfmt.Println(x, strings.ToUpper(\"a\"), f(), a)\n}",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Split:\n got %q\nwant %q", got, want)
	}
}
