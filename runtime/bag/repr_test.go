package bag

import (
	"html"
	"strings"
	"testing"

	"gopar/runtime/display"
)

func TestString(t *testing.T) {
	b := FromSequence(words, 0)
	tests := []struct {
		v    interface{ String() string }
		want string
	}{
		{b, "bag.Bag<from_sequence, npartitions=5>"},
		{b.Map(strings.ToUpper), "bag.Bag<map-ToUpper, npartitions=5>"},
		{b.Map(func(s string) string { return s }), "bag.Bag<map, npartitions=5>"},
		{b.Filter(containsA), "bag.Bag<filter-containsA, npartitions=5>"},
		{b.Pluck(0), "bag.Bag<pluck, npartitions=5>"},
		{b.Frequencies(), "bag.Bag<frequencies-aggregate, npartitions=1>"},
		{b.GroupBy(nil), "bag.Bag<error: bag: GroupBy: want a key: a map's key, a field's name or an index; got nil>"},
		{b.Sum(), "bag.Item<sum-aggregate>"},
		{(*Bag)(nil), "bag.Bag<nil>"},
		{(*Item)(nil), "bag.Item<nil>"},
		{b.Reduction(countChars, sum), "bag.Item<sum-aggregate>"},
		{b.Map(1), "bag.Bag<error: bag: Map: want a function of one parameter and one result, such as func(string) string; got int 1, which is not a function>"},
		{b.Map(1).Count(), "bag.Item<error: bag: Map: want a function of one parameter and one result, such as func(string) string; got int 1, which is not a function>"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

func TestMIMEBundle(t *testing.T) {
	b := FromSequence(words, 0).Map(strings.ToUpper)
	m := b.MIMEBundle()
	if m[display.MIMEPlain] != "bag.Bag<map-ToUpper, npartitions=5>" {
		t.Errorf("text: %v", m[display.MIMEPlain])
	}
	h := html.UnescapeString(m[display.MIMEHTML].(string))
	for _, want := range []string{"from_sequence → map-ToUpper", ">5<"} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %q: %s", want, h)
		}
	}
	h = html.UnescapeString(b.Sum().MIMEBundle()[display.MIMEHTML].(string))
	if !strings.Contains(h, "map-ToUpper → sum-part → sum-aggregate") || !strings.Contains(h, ">11<") {
		t.Errorf("item html: %s", h)
	}
	if m := b.Map(nil).MIMEBundle(); len(m) != 1 || !strings.Contains(m[display.MIMEPlain].(string), "error") {
		t.Errorf("broken bag: %v", m)
	}
}

// svgText is the text of an SVG drawing's labels, counted.
func svgText(t *testing.T, bundle display.Bundle) map[string]int {
	t.Helper()
	svg, ok := bundle.Data[display.MIMESVG].(string)
	if !ok {
		t.Fatalf("no SVG: %v", bundle.Data)
	}
	labels := map[string]int{}
	for _, s := range strings.Split(svg, "</text>")[:strings.Count(svg, "</text>")] {
		labels[html.UnescapeString(s[strings.LastIndexByte(s, '>')+1:])]++
	}
	return labels
}

func TestVisualize(t *testing.T) {
	b := FromSequence(words, 0)
	tests := []struct {
		name   string
		bundle display.Bundle
		want   map[string]int
	}{
		{"map", b.Map(strings.ToUpper).Visualize(), map[string]int{"map-ToUpper": 5, "0": 2, "4": 2}},
		{"reduction", b.Reduction(countChars, sum).Visualize(), map[string]int{"countChars-part": 5, "sum-aggregate": 1, "0": 2, "": 0}},
		{"sum, left to right", b.Filter(containsA).Sum().Visualize("LR"), map[string]int{"filter-containsA": 5, "sum-part": 5, "sum-aggregate": 1}},
		{"frequencies", b.Frequencies().TopK(2, 1).Visualize(), map[string]int{"frequencies-part": 5, "frequencies-aggregate": 1, "topk-part": 1, "topk-aggregate": 1}},
		{"groupby", b.GroupBy(strings.ToUpper).Visualize(), map[string]int{"groupby-part": 5, "groupby-merge": 1}},
		{"many partitions", FromSequence(make([]int, 1000), 0).Map(func(x int) int { return x }).Count().Visualize(),
			map[string]int{"map": 8, "count-part": 8, "count-aggregate": 1, "… 92 more": 3, "…": 2, "99": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := svgText(t, tt.bundle)
			for label, n := range tt.want {
				if got[label] != n {
					t.Errorf("%d labels %q, want %d (labels %v)", got[label], label, n, got)
				}
			}
		})
	}
}

func TestVisualizeErrors(t *testing.T) {
	b := FromSequence(words, 0)
	tests := []struct {
		bundle display.Bundle
		want   string
	}{
		{b.Visualize("up"), `unknown direction "up"`},
		{b.Sum().Visualize("LR", "TB"), "bag: Visualize: give one direction at most"},
		{b.Map(nil).Visualize(), "bag: Map: want a function"},
		{b.Map(nil).Sum().Visualize(), "bag: Map: want a function"},
	}
	for _, tt := range tests {
		text, _ := tt.bundle.Data[display.MIMEPlain].(string)
		if _, svg := tt.bundle.Data[display.MIMESVG]; svg || !strings.Contains(text, tt.want) {
			t.Errorf("bundle %v, want text with %q", tt.bundle.Data, tt.want)
		}
	}
}
