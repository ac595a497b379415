package bag

import (
	"fmt"
	"html"
	"strings"

	"gopar/runtime/display"
)

// String describes the bag as dask's repr does, as
// bag.Bag<map-ToUpper, npartitions=5>: the last operation's layer and the
// number of partitions.
func (b *Bag) String() string {
	if b == nil || b.n == nil {
		return "bag.Bag<nil>"
	}
	if err := b.Err(); err != nil {
		return "bag.Bag<error: " + err.Error() + ">"
	}
	return fmt.Sprintf("bag.Bag<%s, npartitions=%d>", b.n.name, b.n.nparts)
}

// String describes the item, as bag.Item<sum-aggregate>: the layer that
// gives its value.
func (it *Item) String() string {
	if it == nil {
		return "bag.Item<nil>"
	}
	if err := it.Err(); err != nil {
		return "bag.Item<error: " + err.Error() + ">"
	}
	return fmt.Sprintf("bag.Item<%s>", it.aggName)
}

// MIMEBundle shows the bag in a notebook: its description and a table of
// its task graph's layers.
func (b *Bag) MIMEBundle() map[string]any {
	if b.Err() != nil {
		return map[string]any{display.MIMEPlain: b.String()}
	}
	layers, tasks := b.n.layers()
	return summary(b.String(), "Bag", b.n.nparts, layers, tasks)
}

// MIMEBundle shows the item in a notebook: its description and a table of
// its task graph's layers.
func (it *Item) MIMEBundle() map[string]any {
	if it.Err() != nil {
		return map[string]any{display.MIMEPlain: it.String()}
	}
	layers, tasks := it.in.layers()
	layers = append(layers, it.partName, it.aggName)
	return summary(it.String(), "Item", 1, layers, tasks+it.in.nparts+1)
}

func summary(text, what string, nparts int, layers []string, tasks int) map[string]any {
	var b strings.Builder
	row := func(k, v string) {
		fmt.Fprintf(&b, `<tr><th style="text-align:left">%s</th><td style="text-align:left">%s</td></tr>`, k, html.EscapeString(v))
	}
	b.WriteString("<table>")
	row("bag."+what, layers[len(layers)-1])
	if what == "Bag" {
		row("Partitions", fmt.Sprint(nparts))
	}
	row("Layers", strings.Join(layers, " → "))
	row("Tasks", fmt.Sprint(tasks))
	b.WriteString("</table>")
	return map[string]any{display.MIMEPlain: text, display.MIMEHTML: b.String()}
}

// layers are the names of the layers of n's graph, first first, and the
// number of its tasks: one per partition per operation.
func (n *node) layers() ([]string, int) {
	var (
		names []string
		tasks int
	)
	for ; n != nil; n = n.in {
		names = append(names, n.name)
		switch n.kind {
		case kindStep:
			tasks += n.nparts
		case kindCombine:
			names = append(names, n.partName)
			tasks += n.in.nparts + 1
		}
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return names, tasks
}
