package plot

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
)

// soup is the workshop's pea-soup recipe as a dependency diagram.
func soup() *Diagram {
	d := NewDiagram("pea soup")
	d.Func("peas", "add_peas").Data("pan", "")
	d.Func("simmer1", "simmer").Data("peas_done", "")
	d.Func("cut", "cut_vegetable").Data("veg", "")
	d.Func("add_veg", "add_vegetable").Data("soup", "")
	d.Func("simmer2", "simmer").Data("done", "")
	d.Chain("peas", "pan", "simmer1", "peas_done", "add_veg", "soup", "simmer2", "done")
	d.Chain("cut", "veg", "add_veg")
	return d
}

func TestDiagramLayout(t *testing.T) {
	d := soup()
	d.layout()
	col := func(id string) int { return d.byID[id].layer }
	// Each step stands right of what it depends on.
	for _, e := range d.edges {
		if e[0].layer >= e[1].layer {
			t.Errorf("%s (column %d) is not left of %s (column %d)", e[0].id, e[0].layer, e[1].id, e[1].layer)
		}
		if e[0].x >= e[1].x {
			t.Errorf("%s at x=%v is not left of %s at x=%v", e[0].id, e[0].x, e[1].id, e[1].x)
		}
	}
	// Cutting the vegetables needs nothing: it is drawn next to its user,
	// in the column of the simmering it can run beside.
	if col("cut") != col("simmer1") || col("veg") != col("peas_done") {
		t.Errorf("cut_vegetable in column %d, simmer in %d; want the same", col("cut"), col("simmer1"))
	}
	if a, b := d.byID["cut"], d.byID["simmer1"]; a.y == b.y {
		t.Errorf("cut_vegetable and simmer overlap at y=%v", a.y)
	}
}

func TestDiagramSVG(t *testing.T) {
	b := soup().MIMEBundle()
	if got := b["text/plain"]; got != "<diagram: pea soup, 10 nodes, 9 arrows>" {
		t.Errorf("text/plain = %q", got)
	}
	svg := b["image/svg+xml"].(string)
	dec := xml.NewDecoder(strings.NewReader(svg))
	counts := map[string]int{}
	var texts []string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			counts[el.Name.Local]++
		case xml.CharData:
			if s := strings.TrimSpace(string(el)); s != "" {
				texts = append(texts, s)
			}
		}
	}
	if counts["svg"] != 1 || counts["circle"] != 5 || counts["line"] != 9 || counts["rect"] != 6 { // 5 boxes and the background
		t.Errorf("elements %v; want 1 svg, 5 circles, 9 lines, 6 rects", counts)
	}
	want := "pea soup add_peas simmer cut_vegetable add_vegetable simmer"
	if got := strings.Join(texts, " "); got != want {
		t.Errorf("texts %q, want %q", got, want)
	}
	if s := NewDiagram("").Data("a", "<&>").SVGString(); !strings.Contains(s, "&lt;&amp;&gt;") {
		t.Errorf("label not escaped: %s", s)
	}
}

func TestDiagramMistakes(t *testing.T) {
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"unknown", func() { NewDiagram("").Func("a", "a").Edge("a", "b") }, `plot.Edge("a", "b"): there is no node "b"`},
		{"duplicate", func() { NewDiagram("").Func("a", "a").Data("a", "") }, `plot.Data("a"): there is already a node "a"`},
		{"cycle", func() { NewDiagram("").Func("a", "").Func("b", "").Chain("a", "b", "a") }, `would close a cycle`},
		{"self", func() { NewDiagram("").Func("a", "").Edge("a", "a") }, `would close a cycle`},
		{"empty id", func() { NewDiagram("").Func("", "x") }, `needs an id`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				var e *Error
				if err, ok := r.(error); !ok || !errors.As(err, &e) || !strings.Contains(e.Error(), c.want) {
					t.Errorf("panic %v; want an *Error containing %q", r, c.want)
				}
			}()
			c.f()
		})
	}
}
