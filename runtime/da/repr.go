package da

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"gopar/runtime/display"
	"gopar/runtime/internal/taskgraph"
	"gopar/runtime/np"
)

// graphStats counts the tasks and layers of a graph as dask would: one task
// per chunk of each operation, and for each reduction one per chunk plus
// the tasks of its tree.
func graphStats(root *node, red bool) (tasks, layers int) {
	seen := map[*node]bool{}
	seenScalar := map[*Scalar]bool{}
	var visit func(v *node)
	visit = func(v *node) {
		if seen[v] {
			return
		}
		seen[v] = true
		tasks += v.numChunks()
		layers++
		for _, u := range v.in {
			visit(u)
		}
		if v.kind == kAxis { // a task per input chunk, and a tree
			c := v.in[0].numChunks()
			tasks += c + treeTasks(c)
			layers += 2
		}
		if s := v.lazy; s != nil && !seenScalar[s] {
			seenScalar[s] = true
			visit(s.in)
			tasks += s.in.numChunks() + treeTasks(s.in.numChunks())
			layers += 2
		}
	}
	visit(root)
	if red {
		tasks += root.numChunks() + treeTasks(root.numChunks())
		layers += 2
	}
	return tasks, layers
}

// String describes the array as dask's repr does, for example
// da.Array<shape=(1000000000,), dtype=int64, chunks=(16777216,), tasks=60>
// or da.Array<shape=(1000, 1000), dtype=float64, chunks=(250, 1000), tasks=4>
// (chunks is the shape of a chunk, the last one may be smaller; tasks
// counts one task per chunk of each operation).
func (a *Array) String() string {
	if a == nil || a.nd == nil {
		return "da.Array<nil>"
	}
	n := a.nd
	tasks, _ := graphStats(n, false)
	return fmt.Sprintf("da.Array<shape=%s, dtype=%s, chunks=%s, tasks=%d>",
		shapeString(n.shape), n.dt, chunksString(n), tasks)
}

// String describes the scalar, as da.Scalar<sum, dtype=int64, tasks=121>.
func (s *Scalar) String() string {
	if s == nil || s.in == nil {
		return "da.Scalar<nil>"
	}
	tasks, _ := graphStats(s.in, true)
	return fmt.Sprintf("da.Scalar<%s, dtype=%s, tasks=%d>", s.red.name(), s.DType(), tasks)
}

func byteSize(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	v := float64(n)
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB"}
	u := -1
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.2f %s", v, units[u])
}

// MIMEBundle shows the array in a notebook as dask does: a table of its
// size, shape, chunks and graph beside a picture of its chunks.
func (a *Array) MIMEBundle() map[string]any {
	text := a.String()
	if a == nil || a.nd == nil {
		return map[string]any{display.MIMEPlain: text}
	}
	n := a.nd
	tasks, layers := graphStats(n, false)
	size := int64(itemSize(n.dt))
	var b strings.Builder
	b.WriteString(`<table><tr><td>`)
	b.WriteString(`<table style="border-collapse:collapse">`)
	b.WriteString(`<thead><tr><td></td><th>Array</th><th>Chunk</th></tr></thead><tbody>`)
	fmt.Fprintf(&b, `<tr><th>Bytes</th><td>%s</td><td>%s</td></tr>`, byteSize(int64(n.n)*size), byteSize(int64(n.chunk)*size))
	fmt.Fprintf(&b, `<tr><th>Shape</th><td>%s</td><td>%s</td></tr>`, shapeString(n.shape), chunksString(n))
	fmt.Fprintf(&b, `<tr><th>Count</th><td colspan="2">%s in %s, %s</td></tr>`, plural(n.numChunks(), "chunk"), plural(layers, "graph layer"), plural(tasks, "task"))
	fmt.Fprintf(&b, `<tr><th>Data type</th><td colspan="2">%s</td></tr>`, n.dt)
	fmt.Fprintf(&b, `<tr><th>Chunk type</th><td colspan="2">[]%s (np.Array when computed)</td></tr>`, goType(n.dt))
	b.WriteString(`</tbody></table></td><td>`)
	b.WriteString(chunkPicture(n))
	b.WriteString(`</td></tr></table>`)
	return map[string]any{display.MIMEHTML: b.String(), display.MIMEPlain: text}
}

func goType(dt np.DType) string {
	switch dt {
	case np.Float64:
		return "float64"
	case np.Int64:
		return "int64"
	}
	return "bool"
}

// chunkPicture is a bar cut at the chunk boundaries, as dask draws 1-D
// arrays, or a rectangle of the array's proportions cut at the row
// boundaries of the chunks, with the number of columns above and of rows
// at the side, as dask draws 2-D arrays.
func chunkPicture(n *node) string {
	if len(n.shape) == 2 {
		return chunkPicture2(n)
	}
	const w, h = 240.0, 30.0
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="-2 -2 %d %d">`, int(w)+4, int(h)+24, int(w)+4, int(h)+24)
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%g" height="%g" fill="#ECB172" fill-opacity="0.8" stroke="#333"/>`, w, h)
	c := n.numChunks()
	if c > 1 && c <= 100 {
		for i := 1; i < c; i++ {
			x := w * float64(i*n.chunk) / float64(n.n)
			fmt.Fprintf(&b, `<line x1="%.1f" y1="0" x2="%.1f" y2="%g" stroke="#333" stroke-width="0.7"/>`, x, x, h)
		}
	}
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" font-family="sans-serif" text-anchor="middle">%d</text>`, w/2, h+16, n.n)
	b.WriteString(`</svg>`)
	return b.String()
}

func chunkPicture2(n *node) string {
	r, c := n.rows(), n.cols()
	// dask's proportions: the longer side 120 px, the shorter at least 20.
	w, h := 120.0, 120.0
	if r > c && r > 0 {
		w = max(20, 120*float64(c)/float64(r))
	} else if c > r && c > 0 {
		h = max(20, 120*float64(r)/float64(c))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="-2 -2 %d %d">`, int(w)+64, int(h)+24, int(w)+64, int(h)+24)
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%g" height="%g" fill="#ECB172" fill-opacity="0.8" stroke="#333"/>`, w, h)
	k := n.numChunks()
	if k > 1 && k <= 100 {
		for i := 1; i < k; i++ {
			y := h * float64(i*n.chunk) / float64(n.n)
			fmt.Fprintf(&b, `<line x1="0" y1="%.1f" x2="%g" y2="%.1f" stroke="#333" stroke-width="0.7"/>`, y, w, y)
		}
	}
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" font-family="sans-serif" text-anchor="middle">%d</text>`, w/2, h+16, c)
	fmt.Fprintf(&b, `<text x="%g" y="%g" font-size="12" font-family="sans-serif" text-anchor="start">%d</text>`, w+6, h/2+4, r)
	b.WriteString(`</svg>`)
	return b.String()
}

// ---- Visualize

// maxShown is how many chunk tasks of one operation are drawn in full;
// beyond, the first and last few, with a note of how many are left out.
const maxShown = 8

// group is one operation's tasks: one per shown chunk.
type group struct {
	id    string
	label string
	count int
	shown []int // chunk indices, -1 for the note of those left out
}

func newGroup(id, label string, count int) *group {
	g := &group{id: id, label: label, count: count}
	if count <= maxShown {
		for i := range count {
			g.shown = append(g.shown, i)
		}
	} else {
		for i := range 4 {
			g.shown = append(g.shown, i)
		}
		g.shown = append(g.shown, -1, count-2, count-1)
	}
	return g
}

// node is the id of chunk c's task in the drawing.
func (g *group) node(c int) string { return fmt.Sprintf("%s-%d", g.id, c) }

func (g *group) has(c int) bool { return slices.Contains(g.shown, c) }

func (g *group) draw(tg *taskgraph.Graph) {
	if g.count == 0 {
		tg.Note(g.id, g.label+": no chunks")
	}
	for _, c := range g.shown {
		if c < 0 {
			tg.Note(g.node(c), fmt.Sprintf("%s: … %d more", g.label, g.count-len(g.shown)+1))
			continue
		}
		tg.Task(g.node(c), fmt.Sprintf("%s\n#%d", g.label, c))
	}
}

type edge struct {
	from, to *group
	fc, tc   int
}

// Visualize draws the array's task graph as dask's visualize does: one
// task per chunk of each operation, from the generators down, with arrows
// from each task to those that use its result. rankdir is Graphviz's
// direction: "TB" (the default here, top to bottom), "BT", "LR" or "RL".
func (a *Array) Visualize(rankdir ...string) display.Bundle {
	return visualize(a.node("Visualize"), nil, rankdir)
}

// Visualize draws the scalar's task graph, ending with the tasks of its
// reduction tree; rankdir as for [Array.Visualize].
func (s *Scalar) Visualize(rankdir ...string) display.Bundle {
	s.check("Visualize")
	r := s.red
	return visualize(s.in, &r, rankdir)
}

func visualize(root *node, red *redOp, rankdir []string) display.Bundle {
	order := topo(root)
	var all []*group
	groups := map[*node]*group{}
	add := func(label string, count int) *group {
		g := newGroup(fmt.Sprintf("op%d", len(all)), label, count)
		all = append(all, g)
		return g
	}
	var edges []edge
	c := root.numChunks()
	for _, v := range order {
		g := add(v.label()+" "+v.dt.String(), v.numChunks())
		groups[v] = g
		for _, u := range v.in {
			if v.kind == kAxis { // each input chunk's part goes to the result's chunks
				gu := groups[u]
				for _, i := range gu.shown {
					if i >= 0 && g.count > 0 {
						edges = append(edges, edge{gu, g, i, min(i*g.count/gu.count, g.count-1)})
					}
				}
				continue
			}
			for _, i := range g.shown {
				if i >= 0 {
					edges = append(edges, edge{groups[u], g, i, i})
				}
			}
		}
	}
	tree := 0
	if red != nil {
		name := red.name()
		prev := add(name+"-chunk", c)
		for _, i := range prev.shown {
			if i >= 0 {
				edges = append(edges, edge{groups[root], prev, i, i})
			}
		}
		for n := c; ; {
			n = max((n+fanIn-1)/fanIn, 1)
			label := name + "-combine"
			if n == 1 {
				label = name + "-aggregate"
			}
			g := add(label, n)
			tree += n
			for _, i := range prev.shown {
				if i >= 0 {
					edges = append(edges, edge{prev, g, i, i / fanIn})
				}
			}
			prev = g
			if n == 1 {
				break
			}
		}
	}

	fused := fmt.Sprintf("Compute runs %s, one per chunk, each through all %s block by block",
		plural(c, "fused task"), plural(len(order), "operation"))
	if red != nil {
		fused += fmt.Sprintf(", then %s (%d partials at a time)", plural(tree, "reduction task"), fanIn)
	}
	var first []string
	for _, v := range order {
		if v.lazy != nil {
			first = append(first, v.lazy.red.name())
		}
		if v.kind == kAxis {
			first = append(first, v.label())
		}
	}
	if len(root.shape) == 2 {
		fused = fmt.Sprintf("shape %s in chunks of %s: ", shapeString(root.shape), chunksString(root)) + fused
	}
	if len(first) > 0 {
		fused += "; " + strings.Join(first, ", ") + " computed first"
	}
	tg := taskgraph.New()
	tg.Title = fused
	for _, g := range all {
		g.draw(tg)
	}
	// The notes of cut-short operations follow one another, so that the
	// layout keeps them in line.
	noted := map[[2]*group]bool{}
	for _, e := range edges {
		if e.from.has(e.fc) && e.to.has(e.tc) {
			tg.Edge(e.from.node(e.fc), e.to.node(e.tc))
		}
		if pair := [2]*group{e.from, e.to}; e.from.has(-1) && e.to.has(-1) && !noted[pair] {
			noted[pair] = true
			tg.Edge(e.from.node(-1), e.to.node(-1))
		}
	}
	dir := "TB"
	if len(rankdir) > 0 {
		dir = rankdir[0]
	}
	return tg.Bundle(dir)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func xmlText(s string) string { return html.EscapeString(s) }
