package bag

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	if names := TextNames(); !reflect.DeepEqual(names, []string{"kitchen"}) {
		t.Errorf("names %v", names)
	}
	text, err := Text("kitchen")
	if err != nil || !strings.HasPrefix(text, "The Busy Kitchen\n") || len(text) < 2000 {
		t.Fatalf("%.40q, %v", text, err)
	}
	if _, err := Text("lamb"); err == nil || err.Error() != `bag: Text: no text named "lamb": the texts are kitchen` {
		t.Errorf("error %v", err)
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The soup is hot.", []string{"the", "soup", "is", "hot"}},
		{`"Why not," asked a girl; "each other's way"`, []string{"why", "not", "asked", "a", "girl", "each", "other's", "way"}},
		{"'quoted' o'clock 300 people", []string{"quoted", "o'clock", "300", "people"}},
		{"  -- ", []string{}},
		{"Ünïcode façade", []string{"ünïcode", "façade"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) && (len(got) != 0 || len(tt.want) != 0) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A word count of the shipped text: its most common words, and as many
// words as it has.
func TestWordCount(t *testing.T) {
	text, _ := Text("kitchen")
	words := FromSequence(strings.Split(text, "\n"), 0).Map(Words).Flatten()
	top, err := words.Frequencies().TopK(3, "Value").Compute()
	want := []any{Pair{"the", 60}, Pair{"a", 19}, Pair{"and", 18}}
	if err != nil || !reflect.DeepEqual(top, want) {
		t.Fatalf("%v, %v; want %v", top, err, want)
	}
	n, err := words.Count().Compute()
	if err != nil || n != len(strings.Fields(text)) {
		t.Errorf("%v words (%v), want %d", n, err, len(strings.Fields(text)))
	}
}

func TestReadText(t *testing.T) {
	b := ReadText(filepath.Join("testdata", "*.txt"))
	if b.NPartitions() != 2 {
		t.Fatalf("%d partitions: %v", b.NPartitions(), b.Err())
	}
	check(t, b, []any{"one two", "three", "four", "", "five six"}, "")
	check(t, ReadText(filepath.Join("testdata", "none*.txt")), nil, `bag: ReadText: no file matches "testdata/none*.txt"`)
	check(t, ReadText("[x"), nil, "bag: ReadText: syntax error in pattern")

	dir := t.TempDir()
	name := filepath.Join(dir, "gone.txt")
	if err := os.WriteFile(name, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gone := ReadText(name)
	os.Remove(name)
	check(t, gone, nil, "bag: ReadText: partition 0: open "+name)
}
