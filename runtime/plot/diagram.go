package plot

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
)

// Diagram is a dependency diagram, as the workshop draws them: functions
// (circles) and the values they make and use (boxes), joined by arrows from
// each input to the step that uses it. It is laid out left to right, a
// step after everything it depends on, and shows itself as SVG.
//
//	d := plot.NewDiagram("serial sum")
//	d.Func("zero", "zero").Data("v0", "0").Func("add1", "add").Data("v1", "1")
//	d.Chain("zero", "v0", "add1", "v1")
//	d // shown as SVG
//
// Nodes have an id, unique in the diagram, and a label, which may repeat
// (two "simmer" steps) or be empty (a box for an intermediate result).
// Arrows between unknown ids, a repeated id or an arrow that closes a
// cycle panic with an *Error.
type Diagram struct {
	title string
	nodes []*dnode
	byID  map[string]*dnode
	edges [][2]*dnode
}

type dnode struct {
	id, label string
	fn        bool // a function (circle); else a value (box)
	in, out   []*dnode
	layer     int
	order     float64 // position within the layer, while ordering
	x, y      float64 // centre
	w, h      float64 // size (w = h = diameter for a circle)
}

// NewDiagram starts an empty dependency diagram with a title (which may be
// empty).
func NewDiagram(title string) *Diagram {
	return &Diagram{title: title, byID: map[string]*dnode{}}
}

func (d *Diagram) add(op, id, label string, fn bool) *Diagram {
	if id == "" {
		fail(op, "a node needs an id: give each node a name unique in the diagram")
	}
	if _, dup := d.byID[id]; dup {
		fail(op, "there is already a node %q: give each node its own id (labels may repeat)", id)
	}
	n := &dnode{id: id, label: label, fn: fn}
	d.nodes = append(d.nodes, n)
	d.byID[id] = n
	return d
}

// Func adds a function, a step of the computation, drawn as a circle with
// the label inside.
func (d *Diagram) Func(id, label string) *Diagram {
	return d.add(fmt.Sprintf("Func(%q)", id), id, label, true)
}

// Data adds a value, an input or a result, drawn as a box with the label
// (which may be empty) inside.
func (d *Diagram) Data(id, label string) *Diagram {
	return d.add(fmt.Sprintf("Data(%q)", id), id, label, false)
}

// Edge adds an arrow from node from to node to: to depends on from.
func (d *Diagram) Edge(from, to string) *Diagram {
	op := fmt.Sprintf("Edge(%q, %q)", from, to)
	a, b := d.byID[from], d.byID[to]
	for _, c := range []struct {
		id string
		n  *dnode
	}{{from, a}, {to, b}} {
		if c.n == nil {
			fail(op, "there is no node %q: add it with Func or Data first", c.id)
		}
	}
	if a == b || d.reaches(b, a) {
		fail(op, "this arrow would close a cycle: a dependency diagram has none")
	}
	a.out = append(a.out, b)
	b.in = append(b.in, a)
	d.edges = append(d.edges, [2]*dnode{a, b})
	return d
}

// Chain adds arrows from each node to the next one: Chain("a", "b", "c")
// is Edge("a", "b") and Edge("b", "c").
func (d *Diagram) Chain(ids ...string) *Diagram {
	for i := 1; i < len(ids); i++ {
		d.Edge(ids[i-1], ids[i])
	}
	return d
}

// reaches reports whether there is a path of arrows from a to b.
func (d *Diagram) reaches(a, b *dnode) bool {
	seen := map[*dnode]bool{}
	stack := []*dnode{a}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == b {
			return true
		}
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, n.out...)
	}
	return false
}

const (
	dFont    = 14.0 // font size, px
	dCharW   = 8.0  // width of a character at dFont, px (an estimate)
	dBoxW    = 60.0 // smallest width of a box
	dBoxH    = 36.0
	dMinR    = 28.0 // smallest radius of a circle
	dGapX    = 48.0 // between columns
	dGapY    = 24.0 // between nodes of a column
	dMargin  = 10.0
	dTitleH  = 28.0
	dArrowSz = 9.0
)

func (n *dnode) size() {
	tw := dCharW * float64(len([]rune(n.label)))
	if n.fn {
		r := math.Max(dMinR, tw/2+10)
		n.w, n.h = 2*r, 2*r
	} else {
		n.w, n.h = math.Max(dBoxW, tw+20), dBoxH
	}
}

// layout places the nodes: columns by longest path from the sources, then
// each node as late as its users allow, rows ordered by the
// mean row of their inputs, each column centred vertically.
func (d *Diagram) layout() (width, height float64) {
	// Topological order (Edge refuses cycles).
	indeg := map[*dnode]int{}
	for _, n := range d.nodes {
		indeg[n] = len(n.in)
	}
	var topo, queue []*dnode
	for _, n := range d.nodes {
		if indeg[n] == 0 {
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		topo = append(topo, n)
		for _, m := range n.out {
			if indeg[m]--; indeg[m] == 0 {
				queue = append(queue, m)
			}
		}
	}
	maxLayer := 0
	for _, n := range topo {
		n.layer = 0
		for _, p := range n.in {
			n.layer = max(n.layer, p.layer+1)
		}
		maxLayer = max(maxLayer, n.layer)
	}
	// Pull each node right, as late as the steps that use it allow: a
	// side branch (cutting vegetables) is drawn beside the main line, next
	// to where it joins, not at the start.
	for i := len(topo) - 1; i >= 0; i-- {
		n := topo[i]
		if len(n.out) > 0 {
			l := math.MaxInt
			for _, m := range n.out {
				l = min(l, m.layer-1)
			}
			n.layer = l
		}
	}
	layers := make([][]*dnode, maxLayer+1)
	for i, n := range topo {
		n.size()
		n.order = float64(i)
		layers[n.layer] = append(layers[n.layer], n)
	}
	// Order each column by the mean position of the nodes it connects to,
	// sweeping right then left a few times.
	reorder := func(l []*dnode, nbrs func(*dnode) []*dnode) {
		for _, n := range l {
			if ns := nbrs(n); len(ns) > 0 {
				s := 0.0
				for _, m := range ns {
					s += m.order
				}
				n.order = s / float64(len(ns))
			}
		}
		sort.SliceStable(l, func(i, j int) bool { return l[i].order < l[j].order })
		for i, n := range l {
			n.order = float64(i)
		}
	}
	for _, l := range layers {
		for i, n := range l {
			n.order = float64(i)
		}
	}
	for range 4 {
		for i := 1; i < len(layers); i++ {
			reorder(layers[i], func(n *dnode) []*dnode { return n.in })
		}
		for i := len(layers) - 2; i >= 0; i-- {
			reorder(layers[i], func(n *dnode) []*dnode { return n.out })
		}
	}
	// Column widths and heights.
	x := dMargin
	for _, l := range layers {
		colW, colH := 0.0, 0.0
		for _, n := range l {
			colW = math.Max(colW, n.w)
			colH += n.h + dGapY
		}
		height = math.Max(height, colH-dGapY)
		for _, n := range l {
			n.x = x + colW/2
		}
		if len(l) > 0 {
			x += colW + dGapX
		}
	}
	width = x - dGapX + dMargin
	top := dMargin
	if d.title != "" {
		top += dTitleH
	}
	for _, l := range layers {
		colH := -dGapY
		for _, n := range l {
			colH += n.h + dGapY
		}
		y := top + (height-colH)/2
		for _, n := range l {
			n.y = y + n.h/2
			y += n.h + dGapY
		}
	}
	if width < 2*dMargin {
		width = 2 * dMargin
	}
	return width, top + height + dMargin
}

// border is where the ray from n's centre towards (tx, ty) leaves n.
func (n *dnode) border(tx, ty float64) (float64, float64) {
	dx, dy := tx-n.x, ty-n.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return n.x, n.y
	}
	if n.fn {
		r := n.w / 2
		return n.x + dx/l*r, n.y + dy/l*r
	}
	s := math.Inf(1)
	if dx != 0 {
		s = math.Min(s, n.w/2/math.Abs(dx))
	}
	if dy != 0 {
		s = math.Min(s, n.h/2/math.Abs(dy))
	}
	return n.x + dx*s, n.y + dy*s
}

// SVGString draws the diagram as an SVG document.
func (d *Diagram) SVGString() string {
	w, h := d.layout()
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="%.0f">`+"\n", w, h, w, h, dFont)
	fmt.Fprintf(&b, `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="%.0f" markerHeight="%.0f" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="black"/></marker>`, dArrowSz, dArrowSz)
	b.WriteString(`<linearGradient id="box" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#d8d8d8"/></linearGradient></defs>` + "\n")
	b.WriteString(`<rect width="100%" height="100%" fill="white"/>` + "\n")
	if d.title != "" {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-weight="bold">%s</text>`+"\n", w/2, dMargin+dFont, html.EscapeString(d.title))
	}
	for _, e := range d.edges {
		a, c := e[0], e[1]
		x1, y1 := a.border(c.x, c.y)
		x2, y2 := c.border(a.x, a.y)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black" stroke-width="1.2" marker-end="url(#arrow)"/>`+"\n", x1, y1, x2, y2)
	}
	for _, n := range d.nodes {
		if n.fn {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="white" stroke="black" stroke-width="1.2"/>`+"\n", n.x, n.y, n.w/2)
		} else {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="url(#box)" stroke="black" stroke-width="1.2"/>`+"\n", n.x-n.w/2, n.y-n.h/2, n.w, n.h)
		}
		if n.label != "" {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="central">%s</text>`+"\n", n.x, n.y, html.EscapeString(n.label))
		}
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// String is the text form of the diagram, "<diagram: title, 9 nodes, 8
// arrows>".
func (d *Diagram) String() string {
	t := ""
	if d.title != "" {
		t = d.title + ", "
	}
	return fmt.Sprintf("<diagram: %s%d nodes, %d arrows>", t, len(d.nodes), len(d.edges))
}

// MIMEBundle draws the diagram as "image/svg+xml", with String as
// "text/plain".
func (d *Diagram) MIMEBundle() map[string]any {
	return map[string]any{"image/svg+xml": d.SVGString(), "text/plain": d.String()}
}
