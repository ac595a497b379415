package taskgraph

import (
	"html"
	"strings"
	"testing"

	"gopar/runtime/display"
)

func TestDOT(t *testing.T) {
	g := New()
	g.Data("x", "x")
	g.Task("add-1", "add")
	g.Edge("x", "add-1")
	g.Edge("add-1", "result")
	tests := []struct {
		rankdir, want string
	}{
		{"", "rankdir=BT"},
		{"lr", "rankdir=LR"},
		{"TB", "rankdir=TB"},
	}
	for _, tc := range tests {
		dot, err := g.DOT(tc.rankdir)
		if err != nil {
			t.Fatalf("DOT(%q): %v", tc.rankdir, err)
		}
		for _, want := range []string{tc.want, `"add-1" [label="add", shape=ellipse]`, `"result" [label="result", shape=box]`, `"x" -> "add-1"`} {
			if !strings.Contains(dot, want) {
				t.Errorf("DOT(%q) lacks %s:\n%s", tc.rankdir, want, dot)
			}
		}
	}
	if _, err := g.DOT("sideways"); err == nil || !strings.Contains(err.Error(), "LR") {
		t.Errorf("DOT(sideways) error = %v, want one naming the valid directions", err)
	}
	if got, want := g.Summary(), "task graph: 1 task, 2 values, 2 edges"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestQuote(t *testing.T) {
	g := New()
	g.Task(`a"b\c`, "line one\nline two")
	dot, err := g.DOT("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dot, `"a\"b\\c" [label="line one\nline two"`) {
		t.Errorf("quoting:\n%s", dot)
	}
	if _, err := g.SVG(""); err != nil {
		t.Errorf("SVG of odd names: %v", err)
	}
}

func TestBundle(t *testing.T) {
	g := New()
	g.Task("sum-part-0", "sum-part")
	g.Task("sum-part-1", "sum-part")
	g.Task("sum-aggregate", "sum-aggregate")
	g.Edge("sum-part-0", "sum-aggregate")
	g.Edge("sum-part-1", "sum-aggregate")
	b := g.Bundle("LR")
	svg, _ := b.Data[display.MIMESVG].(string)
	if !strings.HasPrefix(svg, "<svg") || !strings.Contains(html.UnescapeString(svg), ">sum-aggregate<") {
		t.Fatalf("SVG = %.200q", svg)
	}
	if b.Data[display.MIMEPlain] != g.Summary() {
		t.Errorf("text/plain = %v", b.Data[display.MIMEPlain])
	}
	bad := g.Bundle("up")
	if txt, _ := bad.Data[display.MIMEPlain].(string); !strings.Contains(txt, "unknown direction") {
		t.Errorf("bad direction bundle = %v", bad.Data)
	}
}

func BenchmarkSVG(b *testing.B) {
	g := New()
	for i := range 100 {
		id := string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		g.Task(id, "task")
		if i > 0 {
			g.Edge(id, "total")
		}
	}
	for b.Loop() {
		if _, err := g.SVG(""); err != nil {
			b.Fatal(err)
		}
	}
}
