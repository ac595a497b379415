package delayed

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"gopar/runtime/display"
)

func TestNames(t *testing.T) {
	// A function as a notebook cell's reaches compiled code: made by
	// reflect.MakeFunc.
	made := reflect.MakeFunc(reflect.TypeFor[func(int, int) int](), func(in []reflect.Value) []reflect.Value {
		return []reflect.Value{reflect.ValueOf(int(in[0].Int() + in[1].Int()))}
	}).Interface()
	for _, c := range []struct {
		d          *Delayed
		key, title string
	}{
		{Call(add, 1, 2), `delayed\.add-[0-9a-f]{16}`, "delayed.add"},
		{Call(strings.ToUpper, "a"), `strings\.ToUpper-[0-9a-f]{16}`, "strings.ToUpper"},
		{Call(strings.NewReplacer("a", "b").Replace, "a"), `strings\.\(\*Replacer\)\.Replace-[0-9a-f]{16}`, "strings.(*Replacer).Replace"},
		{Call(func(x int) int { return x }, 1), `func-[0-9a-f]{16}`, "func(int) int"},
		{Call(made, 1, 2), `func-[0-9a-f]{16}`, "func(int, int) int"},
		{Named("add", made)(1, 2), `add-[0-9a-f]{16}`, "add"},
		{Named("plus", Func(add))(1, 2), `plus-[0-9a-f]{16}`, "plus"},
		{Gather(), `gather-[0-9a-f]{16}`, "gather"},
		{Value(1.5), `float64-[0-9a-f]{16}`, "float64"},
		{Value(nil), `nil-[0-9a-f]{16}`, "nil"},
		{Call(5), `func-[0-9a-f]{16}`, "func"},
	} {
		if !regexp.MustCompile(`^` + c.key + `$`).MatchString(c.d.Key()) {
			t.Errorf("key %q, want %s", c.d.Key(), c.key)
		}
		if got := c.d.title(); got != c.title {
			t.Errorf("title %q, want %q", got, c.title)
		}
		if got, want := c.d.String(), "Delayed('"+c.d.Key()+"')"; got != want {
			t.Errorf("String %q, want %q", got, want)
		}
	}
	if a, b := Call(add, 1, 2).Key(), Call(add, 1, 2).Key(); a == b {
		t.Errorf("two promises with the same key %q", a)
	}
	v, err := Call(made, 1, 2).Compute()
	if err != nil || v != 3 {
		t.Errorf("a made function computed %v, %v", v, err)
	}
}

func TestMIMEBundle(t *testing.T) {
	x := Named("add", add)(1, 2)
	for _, c := range []struct {
		d           *Delayed
		plain, html string // regular expressions
	}{
		{x, `^Delayed\('add-[0-9a-f]{16}'\)$`, `add\(1, 2\), a graph of 1 task: Compute\(\) runs it`},
		{Call(add, x, 3), `^Delayed\('delayed.add-[0-9a-f]{16}'\)$`, `delayed.add\(Delayed\(&#39;add-[0-9a-f]{16}&#39;\), 3\), a graph of 2 tasks`},
		{Value("s"), `^Delayed\('string-`, `the value &#34;s&#34;`},
		{Call(func(a, b int) int { return a + b }, 1, 2), `^Delayed\('func-`, `func\(int, int\) int called with \(1, 2\), a graph of 1 task`},
		{Call(addAll, 1, 2, 3, 4, 5, 6, 7), `^Delayed`, `\(1, 2, 3, 4, 5, \.\.\. \(7 in all\)\)`},
		{Call(add, 1), `^Delayed\('delayed.add-[0-9a-f]{16}'\)\nerror: delayed: delayed.add takes 2 arguments, got 1$`, `color:#c00">error: delayed: delayed.add takes 2 arguments`},
		{Call(add, Call(add, 1), 1), `^Delayed`, `delayed.add takes 2 arguments, got 1$`},
		{nil, `^Delayed\(nil\)$`, ``},
	} {
		b := c.d.MIMEBundle()
		if p, _ := b[display.MIMEPlain].(string); !regexp.MustCompile(c.plain).MatchString(p) {
			t.Errorf("text/plain %q, want %s", p, c.plain)
		}
		if h, _ := b[display.MIMEHTML].(string); !regexp.MustCompile(c.html).MatchString(strings.TrimSuffix(h, "</div>")) {
			t.Errorf("text/html %q, want %s", h, c.html)
		}
	}
}

func TestVisualize(t *testing.T) {
	add := Named("add", add)
	x := add(1, 2)
	y := add(x, 3)
	z := add(x, y)
	many := make([]*Delayed, maxDrawn)
	for i := range many {
		many[i] = add(i, i)
	}
	for _, c := range []struct {
		name     string
		d        *Delayed
		rankdir  []string
		ellipses int    // tasks drawn, when svg
		svg      bool   // an SVG is drawn
		text     string // in the text/plain form
	}{
		{"lesson's workflow", z, []string{"LR"}, 3, true, "task graph: 3 tasks, 3 values, 6 edges"},
		{"default direction", z, nil, 3, true, "3 tasks"},
		{"a value", add(Value(5), 1), []string{"TB"}, 1, true, "task graph: 1 task, 2 values, 2 edges"},
		{"gather", Gather(x, x, y), []string{"RL"}, 3, true, "3 tasks"},
		{"unknown direction", z, []string{"up"}, 0, false, `unknown direction "up"`},
		{"two directions", z, []string{"LR", "TB"}, 0, false, "Visualize takes one direction, got 2"},
		{"too large", Gather(many...), nil, 0, false, "the graph has 1001 nodes, too many to draw (at most 1000)"},
		{"nil", nil, nil, 0, false, "Visualize of a nil *delayed.Delayed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := c.d.Visualize(c.rankdir...)
			text, _ := b.Data[display.MIMEPlain].(string)
			if !strings.Contains(text, c.text) {
				t.Errorf("text %q, want it to contain %q", text, c.text)
			}
			svg, ok := b.Data[display.MIMESVG].(string)
			if ok != c.svg {
				t.Fatalf("SVG drawn: %v, want %v (text %q)", ok, c.svg, text)
			}
			if n := strings.Count(svg, "<ellipse"); n != c.ellipses {
				t.Errorf("%d ellipses, want %d", n, c.ellipses)
			}
			if c.svg && !strings.Contains(svg, ">add</text>") {
				t.Errorf("no task named add in the drawing")
			}
			if regexp.MustCompile(`>[rt][0-9]+</text>`).MatchString(svg) {
				t.Errorf("a node labelled with its id")
			}
		})
	}
}
