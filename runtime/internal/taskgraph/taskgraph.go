// Package taskgraph draws task graphs as dask's visualize does: tasks (a
// function applied) as ellipses, values as boxes, arrows from what a task
// needs to the task, laid out by Graphviz.
//
// Graphviz runs as WebAssembly inside the process (github.com/goccy/go-graphviz),
// so drawing needs no installed program and no cgo.
package taskgraph

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"

	"gopar/runtime/display"
)

// Directions names the layouts Bundle accepts, as Graphviz's rankdir.
var Directions = []string{"BT", "TB", "LR", "RL"}

// Graph is a task graph being described. The zero value is not usable;
// call New.
type Graph struct {
	// Title, if set, is written above the drawing.
	Title string

	nodes []node
	index map[string]int
	edges [][2]string
	tasks int
}

type node struct {
	id, label string
	shape     string
}

// New returns an empty graph.
func New() *Graph { return &Graph{index: map[string]int{}} }

// Task adds a task: a function applied to its inputs.
func (g *Graph) Task(id, label string) { g.add(id, label, "ellipse") }

// Data adds a value: an input or a task's result.
func (g *Graph) Data(id, label string) { g.add(id, label, "box") }

// Note adds unframed text, such as "… 90 more" where a graph is cut short.
func (g *Graph) Note(id, label string) { g.add(id, label, "plaintext") }

func (g *Graph) add(id, label, shape string) {
	if label == "" {
		label = " " // Graphviz shows a node's id where its label is empty
	}
	if i, ok := g.index[id]; ok {
		if g.nodes[i].shape == "ellipse" {
			g.tasks--
		}
		g.nodes[i] = node{id, label, shape}
	} else {
		g.index[id] = len(g.nodes)
		g.nodes = append(g.nodes, node{id, label, shape})
	}
	if shape == "ellipse" {
		g.tasks++
	}
}

// Edge says that from is needed by to. Nodes not added are added as values
// labelled with their id.
func (g *Graph) Edge(from, to string) {
	for _, id := range []string{from, to} {
		if _, ok := g.index[id]; !ok {
			g.Data(id, id)
		}
	}
	g.edges = append(g.edges, [2]string{from, to})
}

// DOT is the graph in Graphviz's language, laid out in direction rankdir
// ("" for dask's "BT").
func (g *Graph) DOT(rankdir string) (string, error) {
	dir, err := direction(rankdir)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	// size caps the drawing at 10 by 12 inches, scaling a large graph down
	// as a front end's cell is only so wide.
	fmt.Fprintf(&b, "digraph {\n\tgraph [rankdir=%s, nodesep=0.2, ranksep=0.35, ordering=out, size=\"10,12\"];\n", dir)
	if g.Title != "" {
		fmt.Fprintf(&b, "\tgraph [label=%s, labelloc=t, fontname=\"Helvetica\", fontsize=12];\n", quote(g.Title))
	}
	b.WriteString("\tnode [fontname=\"Helvetica\", fontsize=11, height=0.35, margin=\"0.08,0.03\"];\n\tedge [arrowsize=0.6];\n")
	for _, n := range g.nodes {
		fmt.Fprintf(&b, "\t%s [label=%s, shape=%s];\n", quote(n.id), quote(n.label), n.shape)
	}
	for _, e := range g.edges {
		fmt.Fprintf(&b, "\t%s -> %s;\n", quote(e[0]), quote(e[1]))
	}
	b.WriteString("}\n")
	return b.String(), nil
}

func direction(rankdir string) (string, error) {
	if rankdir == "" {
		return "BT", nil
	}
	d := strings.ToUpper(rankdir)
	for _, ok := range Directions {
		if d == ok {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown direction %q: use one of %s (\"\" for %s)", rankdir, strings.Join(Directions, ", "), Directions[0])
}

// quote makes s a Graphviz string: DOT reads strconv's escapes of quotes
// and backslashes, and its "\n" is a line break in a label.
func quote(s string) string { return strconv.Quote(s) }

// Summary is the graph's plain-text form: its size.
func (g *Graph) Summary() string {
	s := fmt.Sprintf("task graph: %s, %s, %s", count(g.tasks, "task"), count(len(g.nodes)-g.tasks, "value"), count(len(g.edges), "edge"))
	if g.Title != "" {
		s = g.Title + "\n" + s
	}
	return s
}

// SVG draws the graph.
func (g *Graph) SVG(rankdir string) (string, error) {
	src, err := g.DOT(rankdir)
	if err != nil {
		return "", err
	}
	return render(src)
}

// Bundle is the graph drawn for a notebook: SVG with the summary as its
// plain text; or, when it cannot be drawn, the reason as plain text.
func (g *Graph) Bundle(rankdir string) display.Bundle {
	svg, err := g.SVG(rankdir)
	if err != nil {
		return display.Text("cannot draw the task graph: " + err.Error())
	}
	return display.Bundle{Data: map[string]any{
		display.MIMEPlain: g.Summary(),
		display.MIMESVG:   svg,
	}}
}

// The Graphviz engine is made once; it is not safe for concurrent use.
var engine struct {
	sync.Mutex
	gv  *graphviz.Graphviz
	err error
}

func render(src string) (string, error) {
	engine.Lock()
	defer engine.Unlock()
	ctx := context.Background()
	if engine.gv == nil && engine.err == nil {
		engine.gv, engine.err = graphviz.New(ctx)
	}
	if engine.err != nil {
		return "", fmt.Errorf("starting graphviz: %w", engine.err)
	}
	graph, err := graphviz.ParseBytes([]byte(src))
	if err != nil {
		return "", fmt.Errorf("graphviz: %w", err)
	}
	defer graph.Close()
	var out bytes.Buffer
	if err := engine.gv.Render(ctx, graph, graphviz.SVG, &out); err != nil {
		return "", fmt.Errorf("graphviz: %w", err)
	}
	return trimProlog(out.String()), nil
}

// trimProlog drops the XML declaration and doctype, which do not belong
// inside an HTML page where front ends put the SVG.
func trimProlog(svg string) string {
	if i := strings.Index(svg, "<svg"); i > 0 {
		return svg[i:]
	}
	return svg
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
