package delayed

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"gopar/runtime/display"
	"gopar/runtime/internal/taskgraph"
)

// String is the promise as dask shows one: Delayed('add-5be6a8c3e4f20d91').
func (d *Delayed) String() string { return "Delayed('" + d.Key() + "')" }

// MIMEBundle shows the promise in a notebook: its key, what it computes
// and how many tasks that takes, or what is wrong with the call.
func (d *Delayed) MIMEBundle() map[string]any {
	if d == nil {
		return map[string]any{display.MIMEPlain: "Delayed(nil)"}
	}
	plain := d.String()
	what := html.EscapeString(d.describe())
	if d.err != nil {
		plain += "\nerror: " + d.err.Error()
		what = `<span style="color:#c00">error: ` + html.EscapeString(d.err.Error()) + "</span>"
	}
	return map[string]any{
		display.MIMEPlain: plain,
		display.MIMEHTML:  "<div><code>" + html.EscapeString(d.String()) + "</code> " + what + "</div>",
	}
}

// describe says what the promise computes: "add(1, Delayed('add-…')), a
// graph of 2 tasks: Compute() runs it"; for a function without a name,
// "func(int, int) int called with (1, 2), ...".
func (d *Delayed) describe() string {
	if d.kind == kindValue {
		return "the value " + valueText(d.value)
	}
	var args []string
	for i, a := range d.args {
		if i == maxArgsShown && len(d.args) > maxArgsShown+1 {
			args = append(args, fmt.Sprintf("... (%d in all)", len(d.args)))
			break
		}
		switch {
		case a.dep != nil:
			args = append(args, a.dep.String())
		case a.val.IsValid():
			args = append(args, short(a.val))
		default:
			args = append(args, "nil")
		}
	}
	g, err := plan([]*Delayed{d})
	if err != nil {
		return err.Error()
	}
	call := d.title() + "(" + strings.Join(args, ", ") + ")"
	if d.knownName() == "" {
		call = d.title() + " called with (" + strings.Join(args, ", ") + ")"
	}
	return fmt.Sprintf("%s, a graph of %s: Compute() runs it", call, plural(g.tasks, "task"))
}

// maxArgsShown is how many arguments describe shows.
const maxArgsShown = 5

func valueText(v any) string {
	if v == nil {
		return "nil"
	}
	if s, ok := v.(string); ok {
		v = strconv.Quote(s)
	}
	s := fmt.Sprint(v)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:37]) + "..."
	}
	return s
}

// unlabelled is the label of a result's box, empty as dask draws it:
// Graphviz, as go-graphviz runs it, draws an empty label as the node's id.
const unlabelled = " "

// maxDrawn is the largest graph Visualize draws: Graphviz takes seconds
// beyond, and the drawing would be unreadable.
const maxDrawn = 1000

// Visualize draws the promise's task graph as dask's visualize does:
// each task an ellipse named after its function, with a box for its
// result, and arrows from each result to the tasks that take it. rankdir
// is the direction of the arrows: "BT" (bottom to top, the default), "TB",
// "LR" (left to right) or "RL".
func (d *Delayed) Visualize(rankdir ...string) display.Bundle {
	if d == nil {
		return display.Text("delayed: Visualize of a nil *delayed.Delayed: make promises with delayed.Call, Func or Value")
	}
	if len(rankdir) > 1 {
		return display.Text(fmt.Sprintf("delayed: Visualize takes one direction, got %d: use one of %s", len(rankdir), strings.Join(taskgraph.Directions, ", ")))
	}
	dir := ""
	if len(rankdir) == 1 {
		dir = rankdir[0]
	}
	nodes := reachable(d)
	if len(nodes) > maxDrawn {
		return display.Text(fmt.Sprintf("delayed: the graph has %d nodes, too many to draw (at most %d): visualize a part of it", len(nodes), maxDrawn))
	}
	g := taskgraph.New()
	for _, n := range nodes {
		data := "r" + strconv.FormatUint(n.seq, 10)
		if n.kind == kindValue {
			g.Data(data, valueText(n.value))
			continue
		}
		task := "t" + strconv.FormatUint(n.seq, 10)
		g.Task(task, n.title())
		g.Data(data, unlabelled)
		g.Edge(task, data)
		seen := map[*Delayed]bool{}
		for _, a := range n.args {
			if a.dep != nil && !seen[a.dep] {
				seen[a.dep] = true
				g.Edge("r"+strconv.FormatUint(a.dep.seq, 10), task)
			}
		}
	}
	return g.Bundle(dir)
}

// reachable lists the nodes d needs, d first, even those with mistakes,
// and at most maxDrawn+1 of them.
func reachable(d *Delayed) []*Delayed {
	seen := map[*Delayed]bool{d: true}
	nodes := []*Delayed{d}
	for k := 0; k < len(nodes) && len(nodes) <= maxDrawn; k++ {
		for _, a := range nodes[k].args {
			if a.dep != nil && !seen[a.dep] {
				seen[a.dep] = true
				nodes = append(nodes, a.dep)
			}
		}
	}
	return nodes
}
