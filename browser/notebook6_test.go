//go:build browser

package browser

import (
	"context"
	"fmt"
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

// TestNotebook6WorkshopNotebook runs the computing-pi notebook whole in
// the classic Notebook: no cell errs, and its plots and Markdown show.
func TestNotebook6WorkshopNotebook(t *testing.T) {
	ctx := tab(t, 10*time.Minute)
	name := "03-computing-pi.ipynb"
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
	for what, sel := range map[string]string{
		"rendered Markdown heading": ".rendered_html h1, .rendered_html h2",
		"image (plot)":              ".output_subarea img, .output_subarea svg",
	} {
		if count(t, ctx, sel) == 0 {
			t.Errorf("no %s in the page (%s)", what, sel)
		}
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
	waitFor(t, ctx, "the cell in edit mode", chromedp.Evaluate[chromedp.Void](`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text("import \"strings\"\nstrings.Sp"); Jupyter.notebook.edit_mode(); c.code_mirror.focus(); c.code_mirror.setCursor({line: 1, ch: 10}); })()`))
	poll(t, ctx, "Go syntax highlighting (import as a keyword)", `[...document.querySelectorAll(".cell .cm-keyword")].some(e => e.textContent === "import")`, 20*time.Second)
	waitFor(t, ctx, "Tab in the cell", chromedp.KeyEvent("\t"))
	poll(t, ctx, "the completer listing Split", `[...document.querySelectorAll("#complete select option")].some(o => o.value === "Split" || o.textContent === "Split")`, 20*time.Second)
	waitFor(t, ctx, "Escape", chromedp.KeyEvent("\x1b"))
	// Shift-Tab on strings.Split: the tooltip with its doc.
	waitFor(t, ctx, "the cell in edit mode", chromedp.Evaluate[chromedp.Void](`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text("import \"strings\"\nstrings.Split"); Jupyter.notebook.edit_mode(); c.code_mirror.focus(); c.code_mirror.setCursor({line: 1, ch: 13}); })()`))
	waitFor(t, ctx, "Shift-Tab in the cell", chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)))
	poll(t, ctx, "the tooltip with Split's doc", `(() => { const e = document.querySelector("#tooltip"); return !!e && getComputedStyle(e).display !== "none" && /func Split\(s, sep string\) \[\]string/.test(e.textContent) })()`, 20*time.Second)
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
	waitFor(t, ctx, "the input cell to start", chromedp.Evaluate[chromedp.Void](`(() => { const c = Jupyter.notebook.get_selected_cell(); c.set_text("var name string\nfmt.Scanln(&name)\nfmt.Println(\"hello,\", name)"); c.execute(); })()`))
	waitFor(t, ctx, "the input box", chromedp.WaitVisible(chromedp.CSS("input.raw_input")))
	waitFor(t, ctx, "typing into the input box", chromedp.SendKeys(chromedp.CSS("input.raw_input"), "gopher\r"))
	waitIdle6(t, ctx, 30*time.Second)
	if out := output(); !strings.Contains(out, "hello, gopher") {
		t.Errorf("the cell reading input shows %q, want hello, gopher", out)
	}
}
