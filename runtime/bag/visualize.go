package bag

import (
	"fmt"
	"strconv"

	"gopar/runtime/display"
	"gopar/runtime/internal/taskgraph"
)

// drawnParts is how many partitions of a layer are drawn: the first
// drawnParts-1 and the last, a note standing for those between.
const drawnParts = 8

// Visualize draws the bag's task graph as dask's visualize does: each
// partition a box, each operation on a partition a task (an ellipse), and
// a reduction's per-partition tasks feeding one aggregate task. rankdir is
// the direction of the arrows: "BT" (dask's, the default), "TB", "LR" or
// "RL". Large graphs show the first and last partitions of each layer.
func (b *Bag) Visualize(rankdir ...string) display.Bundle {
	n, err := b.input("Visualize")
	if err != nil {
		return display.Text(err.Error())
	}
	dir, err := direction(rankdir)
	if err != nil {
		return display.Text(err.Error())
	}
	d := newDrawing()
	d.layer(n)
	return d.g.Bundle(dir)
}

// Visualize draws the item's task graph, as [Bag.Visualize] does, ending
// with its reduction's per-partition tasks and aggregate task.
func (it *Item) Visualize(rankdir ...string) display.Bundle {
	if err := it.Err(); err != nil {
		return display.Text(err.Error())
	}
	dir, err := direction(rankdir)
	if err != nil {
		return display.Text(err.Error())
	}
	d := newDrawing()
	agg := d.reduction(d.layer(it.in), it.partName, it.aggName)
	result := d.id("result")
	d.g.Data(result, "")
	d.g.Edge(agg, result)
	return d.g.Bundle(dir)
}

func direction(rankdir []string) (string, error) {
	if len(rankdir) > 1 {
		return "", fmt.Errorf("bag: Visualize: give one direction at most, as Visualize(\"LR\"); got %d", len(rankdir))
	}
	if len(rankdir) == 0 {
		return "", nil
	}
	return rankdir[0], nil
}

// drawing is a task graph being drawn, layer after layer.
type drawing struct {
	g      *taskgraph.Graph
	layers int
}

func newDrawing() *drawing { return &drawing{g: taskgraph.New()} }

// column is a layer's drawn partitions: the id of each partition's box
// and its number, and the id of the note standing for the hidden
// partitions ("" if none).
type column struct {
	boxes  []string
	parts  []int
	more   string
	hidden int
}

// note draws the note of c's hidden partitions, after the note prev of
// the row before ("" if none), and labelled label or, for "", with their
// number. It comes before the box of the last partition, so that the
// drawing keeps their order.
func (d *drawing) note(c *column, prev, label string) {
	if label == "" {
		label = fmt.Sprintf("… %d more", c.hidden)
	}
	c.more = d.id("more")
	d.g.Note(c.more, label)
	if prev != "" {
		d.g.Edge(prev, c.more)
	}
}

// id is a new node id.
func (d *drawing) id(what string) string {
	d.layers++
	return strconv.Itoa(d.layers) + "-" + what
}

// shown are the partitions of n drawn, and how many are not.
func shown(n int) (parts []int, hidden int) {
	if n <= drawnParts {
		for i := range n {
			parts = append(parts, i)
		}
		return parts, 0
	}
	for i := range drawnParts - 1 {
		parts = append(parts, i)
	}
	return append(parts, n-1), n - drawnParts
}

// boxes draws the boxes of the nparts partitions of a layer.
func (d *drawing) boxes(nparts int) column {
	parts, hidden := shown(nparts)
	c := column{parts: parts, hidden: hidden}
	for k, i := range parts {
		if k == len(parts)-1 && hidden > 0 {
			d.note(&c, "", "")
		}
		id := d.id("part")
		d.g.Data(id, strconv.Itoa(i))
		c.boxes = append(c.boxes, id)
	}
	return c
}

// apply draws the tasks named name of a layer, one per partition of in,
// and their results.
func (d *drawing) apply(in column, name string) column {
	out := column{parts: in.parts, hidden: in.hidden}
	for k, box := range in.boxes {
		if k == len(in.boxes)-1 && in.hidden > 0 { // a note in the row of tasks, one in the row of results
			d.note(&out, in.more, "…")
			d.note(&out, out.more, "")
		}
		task, res := d.id("task"), d.id("part")
		d.g.Task(task, name)
		d.g.Edge(box, task)
		d.g.Data(res, strconv.Itoa(in.parts[k]))
		d.g.Edge(task, res)
		out.boxes = append(out.boxes, res)
	}
	return out
}

// layer draws n and the layers it needs, and returns n's partitions.
func (d *drawing) layer(n *node) column {
	switch n.kind {
	case kindStep:
		return d.apply(d.layer(n.in), n.name)
	case kindCombine:
		agg := d.reduction(d.layer(n.in), n.partName, n.name)
		out := d.boxes(n.nparts)
		for _, box := range out.boxes {
			d.g.Edge(agg, box)
		}
		if out.more != "" {
			d.g.Edge(agg, out.more)
		}
		return out
	}
	return d.boxes(n.nparts)
}

// reduction draws the tasks partName, one per partition of in, feeding
// the one task aggName, and returns its id.
func (d *drawing) reduction(in column, partName, aggName string) string {
	parts := d.apply(in, partName)
	agg := d.id("aggregate")
	d.g.Task(agg, aggName)
	for _, box := range parts.boxes {
		d.g.Edge(box, agg)
	}
	if parts.more != "" {
		d.g.Edge(parts.more, agg)
	}
	return agg
}
