//go:build browser

package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// JupyterLab exposes its application as window.jupyterapp (lab/index.js):
// the tests run its commands and read its models, as a person's clicks
// would change them, and check the rendered page for what a person sees.

// jsPanel is the notebook in front, as a JavaScript expression.
const jsPanel = `jupyterapp.shell.currentWidget`

// openLab opens path (a notebook, or "" for the launcher) in JupyterLab,
// in a fresh workspace, and waits until the application has started.
func openLab(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	url := lab.url("/lab?reset")
	if path != "" {
		url = lab.url("/lab/tree/" + path + "?reset")
	}
	waitFor(t, ctx, "JupyterLab to load "+url, chromedp.Navigate(url))
	poll(t, ctx, "JupyterLab's application (window.jupyterapp)", `typeof jupyterapp === "object" && jupyterapp.shell !== undefined && document.querySelector(".jp-LabShell") !== null`, 60*time.Second)
	if path != "" {
		poll(t, ctx, "notebook "+path+" with a kernel that is idle",
			`(() => { const p = `+jsPanel+`; return !!p && !!p.sessionContext && p.sessionContext.isReady && !!p.sessionContext.session && p.sessionContext.session.kernel.status === "idle" })()`, 60*time.Second)
	}
}

// runAll runs every cell of the notebook in front, as Run > Run All Cells
// does, and waits until each code cell has run and the kernel is idle.
func runAll(t *testing.T, ctx context.Context, timeout time.Duration) {
	t.Helper()
	waitFor(t, ctx, "Run All Cells", chromedp.Evaluate[chromedp.Void](`jupyterapp.commands.execute("notebook:run-all-cells"), undefined`))
	poll(t, ctx, "every code cell to run (an execution count each) and the kernel to be idle", `(() => {
		const p = `+jsPanel+`;
		if (p.sessionContext.session.kernel.status !== "idle") return false;
		return p.content.widgets.filter(c => c.model.type === "code" && c.model.value.text.trim() !== "")
			.every(c => c.model.executionCount !== null && !c.node.querySelector(".jp-InputPrompt").textContent.includes("*"));
	})()`, timeout)
}

// cellOutput is one output of a code cell, as nbformat writes it.
type cellOutput struct {
	OutputType string            `json:"output_type"`
	Name       string            `json:"name"`
	Text       any               `json:"text"`
	EName      string            `json:"ename"`
	EValue     string            `json:"evalue"`
	Data       map[string]any    `json:"data"`
	Metadata   map[string]any    `json:"metadata"`
	Transient  map[string]string `json:"transient"`
}

// outputs are the outputs of the notebook's code cells, by cell.
func outputs(t *testing.T, ctx context.Context) [][]cellOutput {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(`+jsPanel+`.content.widgets.map(c => c.model.type === "code" ? c.model.outputs.toJSON() : []))`))
	if err != nil {
		t.Fatalf("reading the outputs: %v", err)
	}
	var out [][]cellOutput
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("reading the outputs: %v", err)
	}
	return out
}

// count is the number of elements the CSS selector finds in the page.
func count(t *testing.T, ctx context.Context, selector string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, selector)))
	if err != nil {
		t.Fatalf("counting %s: %v", selector, err)
	}
	return n
}

// TestLabLauncher: the launcher offers "Go (gopar)" with gopar's logo, and
// a notebook made from it runs Go with Go's syntax highlighting.
func TestLabLauncher(t *testing.T) {
	ctx := tab(t, 2*time.Minute)
	openLab(t, ctx, "")
	card := `.jp-LauncherCard[title="Go (gopar)"]`
	waitFor(t, ctx, "the launcher's Go (gopar) card", chromedp.WaitVisible(chromedp.CSS(card)))
	poll(t, ctx, "gopar's logo on the card, loaded", fmt.Sprintf(`(() => { const i = document.querySelector(%q); return !!i && i.complete && i.naturalWidth > 0 })()`, card+" img"), 20*time.Second)
	waitFor(t, ctx, "a click on the card", chromedp.Click(chromedp.CSS(card)))
	poll(t, ctx, "a new notebook with an idle Go (gopar) kernel",
		`(() => { const p = `+jsPanel+`; return !!p && !!p.sessionContext && p.sessionContext.isReady && p.sessionContext.kernelDisplayName === "Go (gopar)" && p.sessionContext.session.kernel.status === "idle" })()`, 60*time.Second)
	waitFor(t, ctx, "a cell's code set", chromedp.Evaluate[chromedp.Void](jsPanel+`.content.activeCell.model.value.text = "func double(x int) int { return 2 * x }\ndouble(21)", undefined`))
	poll(t, ctx, "Go syntax highlighting (func as a keyword)", `[...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .cm-keyword")].some(e => e.textContent === "func")`, 20*time.Second)
	runAll(t, ctx, 60*time.Second)
	poll(t, ctx, "the cell's result, 42", `[...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")].some(e => e.textContent.trim() === "42")`, 20*time.Second)
}

// TestLabWorkshopNotebooks opens each workshop notebook and runs it whole:
// no cell errs, and its plots, tables, task graphs, %timeit lines and
// Markdown appear in the page.
func TestLabWorkshopNotebooks(t *testing.T) {
	notebooks, err := workshopNotebooks(lab)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range notebooks {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".ipynb"), func(t *testing.T) {
			ctx := tab(t, 10*time.Minute)
			openLab(t, ctx, name)
			runAll(t, ctx, 8*time.Minute)
			for i, outs := range outputs(t, ctx) {
				for _, o := range outs {
					if o.OutputType == "error" {
						t.Errorf("cell %d failed: %s: %s", i+1, o.EName, o.EValue)
					}
				}
			}
			text := checkRendered(t, ctx, path, ".jp-MarkdownOutput", ".jp-OutputArea-output")
			if strings.Contains(text, "%timeit") || strings.Contains(text, "%%timeit") {
				poll(t, ctx, "a %timeit line (per loop)", `[...document.querySelectorAll(".jp-OutputArea-output")].some(e => /per loop/.test(e.textContent))`, 5*time.Second)
			}
		})
	}
}

// scratch writes a notebook of one empty Go cell into the server's root,
// for a test of its own, and returns its name.
func scratch(t *testing.T, s *server) string {
	t.Helper()
	name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()) + ".ipynb"
	nb := `{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": []}],
 "metadata": {"kernelspec": {"display_name": "Go (gopar)", "language": "go", "name": "gopar"}, "language_info": {"name": "go"}},
 "nbformat": 4, "nbformat_minor": 5}`
	if err := os.WriteFile(filepath.Join(s.root, name), []byte(nb), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// runCell puts code in the active cell and runs it, as Ctrl-Enter does,
// and waits for it to end.
func runCell(t *testing.T, ctx context.Context, code string, timeout time.Duration) {
	t.Helper()
	setCell(t, ctx, code)
	waitFor(t, ctx, "Run Cell", chromedp.Evaluate[chromedp.Void](`jupyterapp.commands.execute("notebook:run-cell"), undefined`))
	waitDone(t, ctx, timeout)
}

// setCell puts code in the active cell, with the cursor at its end, in
// edit mode.
func setCell(t *testing.T, ctx context.Context, code string) {
	t.Helper()
	waitFor(t, ctx, "the cell's code to be set", cellCode(code))
}

// cellCode is the action of setCell.
func cellCode(code string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const p = %s; const c = p.content.activeCell; c.model.value.text = %q;
		p.content.mode = "edit"; c.editor.focus();
		const lines = c.model.value.text.split("\n");
		c.editor.setCursorPosition({line: lines.length - 1, column: lines[lines.length - 1].length}); })()`, jsPanel, code))
}

// waitDone waits until the active cell has run and the kernel is idle.
func waitDone(t *testing.T, ctx context.Context, timeout time.Duration) {
	t.Helper()
	poll(t, ctx, "the cell to end (an execution count, the kernel idle)", `(() => { const p = `+jsPanel+`;
		const c = p.content.activeCell;
		return p.sessionContext.session.kernel.status === "idle" && c.model.executionCount !== null && !c.node.querySelector(".jp-InputPrompt").textContent.includes("*") })()`, timeout)
}

// activeOutput is the text of the active cell's outputs.
func activeOutput(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](jsPanel+`.content.activeCell.node.querySelector(".jp-Cell-outputArea").textContent`))
	if err != nil {
		t.Fatalf("reading the cell's output: %v", err)
	}
	return s
}

// TestLabCompletionAndHelp: Tab after strings.Sp lists Split, Shift-Tab on
// strings.Split shows its doc, and strings.Split? shows the help.
func TestLabCompletionAndHelp(t *testing.T) {
	ctx := tab(t, 3*time.Minute)
	openLab(t, ctx, scratch(t, lab))
	pressUntil(t, ctx, "the completer listing Split", cellCode("import \"strings\"\nstrings.Sp"), chromedp.KeyEvent("\t"),
		`document.querySelector('.jp-Completer-item[data-value="Split"]') !== null`)
	waitFor(t, ctx, "Escape", chromedp.KeyEvent("\x1b"))
	pressUntil(t, ctx, "the tooltip with Split's doc", cellCode("import \"strings\"\nstrings.Split"), chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)),
		`(() => { const e = document.querySelector(".jp-Tooltip"); return !!e && /func Split\(s, sep string\) \[\]string/.test(e.textContent) })()`)
	waitFor(t, ctx, "Escape", chromedp.KeyEvent("\x1b"))
	runCell(t, ctx, "strings.Split?", 30*time.Second)
	if out := activeOutput(t, ctx); !strings.Contains(out, "func Split(s, sep string) []string") {
		t.Errorf("strings.Split? shows %q, not Split's doc", out)
	}
}

// TestLabInterruptRestartInput: the interrupt button stops for {} within
// 2 s and the session's variables live on; Restart then Run All works; a
// cell reading fmt.Scanln shows the input box and gets what is typed.
func TestLabInterruptRestartInput(t *testing.T) {
	ctx := tab(t, 4*time.Minute)
	openLab(t, ctx, scratch(t, lab))
	runCell(t, ctx, "kept := 41", 30*time.Second)
	setCell(t, ctx, "for {\n}")
	waitFor(t, ctx, "Run Cell", chromedp.Evaluate[chromedp.Void](`jupyterapp.commands.execute("notebook:run-cell"), undefined`))
	poll(t, ctx, "the kernel to be busy", jsPanel+`.sessionContext.session.kernel.status === "busy"`, 10*time.Second)
	time.Sleep(500 * time.Millisecond)
	start := time.Now()
	waitFor(t, ctx, "a click on the interrupt button", chromedp.Click(chromedp.CSS(`.jp-NotebookPanel:not(.lm-mod-hidden) button[data-command="kernelmenu:interrupt"]`)))
	waitDone(t, ctx, 10*time.Second)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the interrupt took %v to end the cell, want at most 2 s", took)
	}
	runCell(t, ctx, "kept + 1", 30*time.Second)
	if out := activeOutput(t, ctx); !strings.Contains(out, "42") {
		t.Errorf("after the interrupt, kept + 1 shows %q, want 42", out)
	}
	// Restart, then Run All: the notebook's one cell, kept + 1, fails
	// (kept is gone with the restart), as it would in Go.
	waitFor(t, ctx, "Restart and Run All", chromedp.Evaluate[chromedp.Void](`jupyterapp.commands.execute("notebook:restart-run-all"), undefined`))
	waitFor(t, ctx, "the restart dialog's accept button", chromedp.Click(chromedp.CSS(".jp-Dialog .jp-mod-accept")))
	waitDone(t, ctx, 60*time.Second)
	if out := activeOutput(t, ctx); !strings.Contains(out, "undefined: kept") {
		t.Errorf("after Restart and Run All, kept + 1 shows %q, want an undefined: kept error", out)
	}
	setCell(t, ctx, "var name string\nfmt.Scanln(&name)\nfmt.Println(\"hello,\", name)")
	waitFor(t, ctx, "Run Cell", chromedp.Evaluate[chromedp.Void](`jupyterapp.commands.execute("notebook:run-cell"), undefined`))
	waitFor(t, ctx, "the input box", chromedp.WaitVisible(chromedp.CSS(".jp-Stdin-input")))
	waitFor(t, ctx, "typing into the input box", chromedp.SendKeys(chromedp.CSS(".jp-Stdin-input"), "gopher\r"))
	waitDone(t, ctx, 30*time.Second)
	if out := activeOutput(t, ctx); !strings.Contains(out, "hello, gopher") {
		t.Errorf("the cell reading input shows %q, want hello, gopher", out)
	}
}

// TestLabConsole: a console on the Go kernel runs a cell.
func TestLabConsole(t *testing.T) {
	ctx := tab(t, 2*time.Minute)
	openLab(t, ctx, "")
	waitFor(t, ctx, "a new console", chromedp.Evaluate[chromedp.Void](`jupyterapp.commands.execute("console:create", {kernelPreference: {name: "gopar"}}), undefined`))
	poll(t, ctx, "the console's kernel to be idle", `(() => { const c = jupyterapp.shell.currentWidget; return !!c && !!c.console && c.sessionContext.isReady && c.sessionContext.session.kernel.status === "idle" })()`, 60*time.Second)
	waitFor(t, ctx, "the console's cell to run", chromedp.Evaluate[chromedp.Void](`(() => { const c = jupyterapp.shell.currentWidget; c.console.promptCell.model.value.text = "6 * 7"; jupyterapp.commands.execute("console:run-forced"); })()`))
	poll(t, ctx, "the console's output, 42", `[...document.querySelectorAll(".jp-CodeConsole .jp-OutputArea-output")].some(e => e.textContent.trim() === "42")`, 30*time.Second)
}

// TestLabProgressBar: the progress bar of a da computation is one output,
// updated in place while it runs, and ends complete.
func TestLabProgressBar(t *testing.T) {
	ctx := tab(t, 3*time.Minute)
	openLab(t, ctx, scratch(t, lab))
	// Some seconds of work on all cores, in 60 chunks.
	setCell(t, ctx, `x := da.Random(1, 600_000_000, da.Chunks(10_000_000))
x.Pow(3).Sqrt().Sum().Compute()`)
	waitFor(t, ctx, "Run Cell", chromedp.Evaluate[chromedp.Void](`jupyterapp.commands.execute("notebook:run-cell"), undefined`))
	seen := map[string]bool{}
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const b = `+jsPanel+`.content.activeCell.node.querySelector("progress"); return b ? b.value + "/" + b.max : "" })()`))
		if err == nil && v != "" {
			seen[v] = true
		}
		idle, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](jsPanel+`.sessionContext.session.kernel.status === "idle" && `+jsPanel+`.content.activeCell.model.executionCount !== null`))
		if idle {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	waitDone(t, ctx, 10*time.Second)
	bars := count(t, ctx, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell.jp-mod-active progress")
	final, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const b = `+jsPanel+`.content.activeCell.node.querySelector("progress"); return b ? b.value + "/" + b.max : "" })()`))
	if bars != 1 {
		t.Errorf("%d progress bars in the cell, want one updated in place", bars)
	}
	if len(seen) < 2 {
		t.Errorf("the bar showed %v while the cell ran: not updated in place", seen)
	}
	if parts := strings.Split(final, "/"); len(parts) != 2 || parts[0] != parts[1] {
		t.Errorf("the bar ended at %q, not complete", final)
	}
}
