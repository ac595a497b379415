package da

import (
	"encoding/xml"
	"errors"
	"html"
	"io"
	"strings"
	"testing"

	"gopar/runtime/display"
)

func TestString(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{Arange(1_000_000_000).String(), "da.Array<shape=(1000000000,), dtype=int64, chunks=(16777216,), tasks=60>"},
		{Random(1, 100, Chunks(30)).Pow(2).LessEq(1).String(), "da.Array<shape=(100,), dtype=bool, chunks=(30,), tasks=12>"},
		{Arange(0).String(), "da.Array<shape=(0,), dtype=int64, chunks=(), tasks=0>"},
		// 4 chunks of x, y, x², y², sum, comparison; 4 partial counts and one aggregate.
		{pi(100, 25).String(), "da.Scalar<count_nonzero, dtype=int64, tasks=29>"},
		{Arange(1000, Chunks(10)).Sum().String(), "da.Scalar<sum, dtype=int64, tasks=216>"}, // 100 + 100 + 13 + 2 + 1
		{Linspace(0, 1, 10).Mean().String(), "da.Scalar<mean, dtype=float64, tasks=3>"},
		{(*Array)(nil).String(), "da.Array<nil>"},
	} {
		if c.got != c.want {
			t.Errorf("got %s\nwant %s", c.got, c.want)
		}
	}
}

func pi(n, chunk int) *Scalar {
	x := Random(1, n, Chunks(chunk))
	y := Random(2, n, Chunks(chunk))
	return x.Pow(2).Add(y.Pow(2)).LessEq(1).CountNonzero()
}

func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
	}
}

func TestMIMEBundle(t *testing.T) {
	a := Arange(1_000_000_000)
	b := a.MIMEBundle()
	html, _ := b[display.MIMEHTML].(string)
	for _, want := range []string{"<th>Bytes</th><td>7.45 GiB</td><td>128.00 MiB</td>", "<th>Shape</th><td>(1000000000,)</td><td>(16777216,)</td>",
		"60 chunks in 1 graph layer, 60 tasks", "<th>Data type</th>", "int64", "<th>Chunk type</th>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	if b[display.MIMEPlain] != a.String() {
		t.Errorf("text/plain %v", b[display.MIMEPlain])
	}
	wellFormed(t, html)
	if got := display.Of(Random(1, 10).Less(0.5)).Data[display.MIMEHTML]; got == nil {
		t.Error("display.Of does not use MIMEBundle")
	}
}

func TestVisualize(t *testing.T) {
	for _, c := range []struct {
		name string
		b    display.Bundle
		want []string
	}{
		{"pi 4 chunks", pi(100, 25).Visualize(), []string{"random float64", "pow(2) float64", "add float64", "le(1) bool", "count_nonzero-chunk", "count_nonzero-aggregate", "4 fused tasks"}},
		{"pi 100 chunks", pi(1000, 10).Visualize(), []string{"… 94 more", "count_nonzero-combine", "then 16 reduction tasks"}},
		{"array", Arange(10, Chunks(3)).Add(1).Visualize(), []string{"arange int64", "add(1) int64"}},
		{"lazy scalar", Linspace(0, 1, 10).Sub(Linspace(0, 1, 10).Mean()).Visualize(), []string{"sub(mean) float64"}},
		{"one chunk", Arange(10).Sum().Visualize(), []string{"sum-aggregate"}},
		{"empty", Arange(0).Visualize(), []string{"arange"}},
		{"escaping", Arange(10).Less(3).And(Arange(10).Greater(5)).Visualize(), []string{"and bool"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			svg, ok := c.b.Data[display.MIMESVG].(string)
			if !ok || !strings.HasPrefix(svg, "<svg") {
				t.Fatalf("no SVG: %v", c.b.Data)
			}
			wellFormed(t, svg)
			text := svgText(svg)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("SVG lacks %q", w)
				}
			}
			if n := strings.Count(svg, "<ellipse"); n > 400 {
				t.Errorf("%d tasks drawn: not summarised", n)
			}
		})
	}
}

// svgText is an SVG with its character references replaced: Graphviz
// writes "-" as "&#45;".
func svgText(svg string) string { return html.UnescapeString(svg) }
