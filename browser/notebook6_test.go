//go:build browser

package browser

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The classic Notebook 6 keeps its application in window.Jupyter; the
// tests use it as the Lab tests use jupyterapp.

// openNotebook6 opens a notebook in the classic Notebook and waits until
// its kernel is idle.
func openNotebook6(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	waitFor(t, ctx, "Notebook to load "+name, chromedp.Navigate(nb6.url("/notebooks/"+name)))
	poll(t, ctx, "the notebook's kernel to be idle", `typeof Jupyter === "object" && !!Jupyter.notebook && !!Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null`, 60*time.Second)
}

// waitIdle6 waits until every code cell has run and the kernel is idle.
func waitIdle6(t *testing.T, ctx context.Context, timeout time.Duration) {
	t.Helper()
	poll(t, ctx, "every code cell to run and the kernel to be idle", `(() => {
		if (document.querySelector("#kernel_indicator_icon.kernel_idle_icon") === null) return false;
		return Jupyter.notebook.get_cells().filter(c => c.cell_type === "code" && c.get_text().trim() !== "")
			.every(c => c.input_prompt_number !== null && c.input_prompt_number !== undefined && c.input_prompt_number !== "*");
	})()`, timeout)
}

// TestNotebook6WorkshopNotebooks runs each workshop notebook whole in the
// classic Notebook: no cell errs, and its Markdown, plots and tables show.
func TestNotebook6WorkshopNotebooks(t *testing.T) {
	notebooks, err := workshopNotebooks(nb6)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range notebooks {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".ipynb"), func(t *testing.T) {
			ctx := tab(t, 10*time.Minute)
			openNotebook6(t, ctx, name)
			waitFor(t, ctx, "Run All", chromedp.Evaluate[chromedp.Void](`Jupyter.notebook.execute_all_cells(), undefined`))
			time.Sleep(time.Second)
			waitIdle6(t, ctx, 8*time.Minute)
			errs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".output_subarea.output_error")].map(e => e.textContent.slice(0, 300))`))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range errs {
				t.Errorf("a cell failed: %s", e)
			}
			checkRendered(t, ctx, path, ".rendered_html", ".output_subarea")
		})
	}
}

// TestNotebook6Interactions: the completer lists Split after strings.Sp,
// the interrupt button stops for {} within 2 s with the session intact,
// and fmt.Scanln gets what is typed in the input box.
func TestNotebook6Interactions(t *testing.T) {
	ctx := tab(t, 4*time.Minute)
	openNotebook6(t, ctx, scratch(t, nb6))
	run := func(code string, timeout time.Duration) {
		t.Helper()
		js := fmt.Sprintf(`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text(%q); c.execute(); })()`, code)
		waitFor(t, ctx, "the cell to start", chromedp.Evaluate[chromedp.Void](js))
		time.Sleep(300 * time.Millisecond)
		waitIdle6(t, ctx, timeout)
	}
	output := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Jupyter.notebook.get_selected_cell().output_area.element[0].textContent`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// Completion: the cell's text, the cursor at its end, then Tab.
	edit := func(text string, column int) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text(%q); Jupyter.notebook.edit_mode(); c.code_mirror.focus(); c.code_mirror.setCursor({line: 1, ch: %d}); })()`, text, column))
	}
	waitFor(t, ctx, "the cell in edit mode", edit("import \"strings\"\nstrings.Sp", 10))
	poll(t, ctx, "Go syntax highlighting (import as a keyword)", `[...document.querySelectorAll(".cell .cm-keyword")].some(e => e.textContent === "import")`, 20*time.Second)
	pressUntil(t, ctx, "the completer listing Split", edit("import \"strings\"\nstrings.Sp", 10), chromedp.KeyEvent("\t"),
		`[...document.querySelectorAll("#complete select option")].some(o => o.value === "Split" || o.textContent === "Split")`)
	waitFor(t, ctx, "Escape", chromedp.KeyEvent("\x1b"))
	// Shift-Tab on strings.Split: the tooltip with its doc.
	pressUntil(t, ctx, "the tooltip with Split's doc", edit("import \"strings\"\nstrings.Split", 13), chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)),
		`(() => { const e = document.querySelector("#tooltip"); return !!e && getComputedStyle(e).display !== "none" && /func Split\(s, sep string\) \[\]string/.test(e.textContent) })()`)
	waitFor(t, ctx, "Escape", chromedp.KeyEvent("\x1b"))
	// strings.Split? opens the pager.
	run("strings.Split?", 30*time.Second)
	poll(t, ctx, "the pager with Split's doc", `(() => { const e = document.querySelector("#pager"); return !!e && getComputedStyle(e).display !== "none" && /func Split\(s, sep string\) \[\]string/.test(e.textContent) })()`, 20*time.Second)
	waitFor(t, ctx, "the pager closed", chromedp.Evaluate[chromedp.Void](`Jupyter.pager.collapse(), undefined`))

	run("kept := 41", 30*time.Second)
	waitFor(t, ctx, "the loop to start", chromedp.Evaluate[chromedp.Void](`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text("for {\n}"); c.execute(); })()`))
	poll(t, ctx, "the kernel to be busy", `document.querySelector("#kernel_indicator_icon.kernel_busy_icon") !== null`, 10*time.Second)
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	waitFor(t, ctx, "a click on the interrupt button", chromedp.Click(chromedp.CSS(`button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]`)))
	waitIdle6(t, ctx, 10*time.Second)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the interrupt took %v to end the cell, want at most 2 s", took)
	}
	run("kept + 1", 30*time.Second)
	if out := output(); !strings.Contains(out, "42") {
		t.Errorf("after the interrupt, kept + 1 shows %q, want 42", out)
	}
	// The da progress bar: one output, updated in place, ending complete.
	waitFor(t, ctx, "the computation to start", chromedp.Evaluate[chromedp.Void](`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text("x := da.Random(1, 600_000_000, da.Chunks(10_000_000))\nx.Pow(3).Sqrt().Sum().Compute()"); c.execute(); })()`))
	seen := map[string]bool{}
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const b = Jupyter.notebook.get_selected_cell().output_area.element[0].querySelector("progress"); return b ? b.value + "/" + b.max : "" })()`)); err == nil && v != "" {
			seen[v] = true
		}
		if idle, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null && Jupyter.notebook.get_selected_cell().input_prompt_number !== "*"`)); idle {
			break
		}
	}
	waitIdle6(t, ctx, 10*time.Second)
	bars, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...Jupyter.notebook.get_selected_cell().output_area.element[0].querySelectorAll("progress")].map(b => b.value + "/" + b.max)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(bars) != 1 || len(seen) < 2 {
		t.Errorf("progress bars %v in the cell, %v seen while it ran: want one, updated in place", bars, seen)
	} else if parts := strings.Split(bars[0], "/"); parts[0] != parts[1] {
		t.Errorf("the bar ended at %s, not complete", bars[0])
	}

	waitFor(t, ctx, "the input cell to start", chromedp.Evaluate[chromedp.Void](`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text("var name string\nfmt.Scanln(&name)\nfmt.Println(\"hello,\", name)"); c.execute(); })()`))
	waitFor(t, ctx, "the input box", chromedp.WaitVisible(chromedp.CSS("input.raw_input")))
	waitFor(t, ctx, "typing into the input box", chromedp.SendKeys(chromedp.CSS("input.raw_input"), "gopher\r"))
	waitIdle6(t, ctx, 30*time.Second)
	if out := output(); !strings.Contains(out, "hello, gopher") {
		t.Errorf("the cell reading input shows %q, want hello, gopher", out)
	}
}
