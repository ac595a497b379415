package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gopar/ipynb"
	"gopar/kernel"
	"gopar/kernel/capture"
	"gopar/runtime/display"
	"gopar/runtime/memguard"
)

const runUsage = `Usage: gopar run [flags] NOTEBOOK...

Executes each notebook in this process, with no Jupyter and no Python, as
jupyter nbconvert --to notebook --execute does, and writes it with its
outputs: NAME.nbconvert.ipynb next to NOTEBOOK, or NAME.ipynb in the
--output-dir. Each notebook runs in a fresh interpreter, in its own
directory. Progress goes to stderr.

Flags:
  --output-dir DIR   write the executed notebooks (and pages) into DIR
  --allow-errors     run every cell even after one fails (the run still
                     succeeds); a cell tagged raises-exception may always fail
  --html             also write NAME.html, a self-contained page
  -p NAME VALUE      set a parameter, as papermill does (repeatable): a cell
                     tagged injected-parameters, assigning the values, goes
                     after the cell tagged parameters. Numbers and true/false
                     stay Go literals, anything else becomes a Go string.

Cells tagged skip-execution are not run. A failing cell stops the run
(exit status 1) after writing the notebook up to it; Ctrl-C interrupts the
running cell and does the same.
`

// runOptions are gopar run's flags.
type runOptions struct {
	outputDir   string
	allowErrors bool
	html        bool
	params      []ipynb.Parameter
	notebooks   []string
}

// parseRunArgs reads gopar run's arguments. Flags and notebooks may come in
// any order; a flag may be written with one or two dashes, and
// --output-dir=DIR works too.
func parseRunArgs(args []string, out io.Writer) (runOptions, error) {
	var o runOptions
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			o.notebooks = append(o.notebooks, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			o.notebooks = append(o.notebooks, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		need := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("flag %s needs a value", a)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "h", "help":
			fmt.Fprint(out, runUsage)
			return o, flag.ErrHelp
		case "output-dir", "o":
			v, err := need()
			if err != nil {
				return o, err
			}
			o.outputDir = v
		case "allow-errors":
			o.allowErrors = true
		case "html":
			o.html = true
		case "p", "parameters":
			if hasValue || i+2 >= len(args) {
				return o, fmt.Errorf("%s needs a name and a value: -p NAME VALUE", a)
			}
			o.params = append(o.params, ipynb.Parameter{Name: args[i+1], Value: args[i+2]})
			i += 2
		default:
			return o, fmt.Errorf("unknown flag %s\n\n%s", a, runUsage)
		}
	}
	if len(o.notebooks) == 0 {
		return o, fmt.Errorf("no notebook given\n\n%s", runUsage)
	}
	return o, nil
}

// runJob is one notebook to run, read and checked before any runs.
type runJob struct {
	input, output, page string
	nb                  *ipynb.Notebook
}

func runRun(args []string) error {
	opts, err := parseRunArgs(args, os.Stdout)
	if err != nil {
		return err
	}
	jobs, err := prepareRun(opts)
	if err != nil {
		return err
	}
	memguard.Install()

	progress := io.Writer(os.Stderr)
	out, err := capture.Start(50 * time.Millisecond)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gopar run: cells' output will not be recorded: %v\n", err)
		out = nil
	} else {
		defer out.Stop()
		progress = out.OriginalStderr()
	}

	r := &runner{opts: opts, capture: out, progress: progress}
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer signal.Stop(sigint)
	go func() {
		for range sigint {
			if r.interrupted.Swap(true) {
				fmt.Fprintln(progress, "\ngopar run: interrupted twice, exiting without writing")
				os.Exit(130)
			}
			fmt.Fprintln(progress, "\ngopar run: interrupting the running cell (Ctrl-C again to exit at once)")
			r.cancelCell()
		}
	}()

	for _, job := range jobs {
		if err := r.run(job); err != nil {
			return err
		}
	}
	return nil
}

// prepareRun reads every notebook, injects parameters and works out where
// each one goes, so that a bad argument fails before anything runs.
func prepareRun(opts runOptions) ([]runJob, error) {
	var outDir string
	if opts.outputDir != "" {
		var err error
		if outDir, err = filepath.Abs(opts.outputDir); err != nil {
			return nil, err
		}
	}
	var jobs []runJob
	seen := map[string]string{}
	for _, in := range opts.notebooks {
		abs, err := filepath.Abs(in)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(abs)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("%s: no such file", in)
		case err != nil:
			return nil, err
		case st.IsDir():
			return nil, fmt.Errorf("%s is a directory, not a notebook", in)
		}
		nb, err := ipynb.Read(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in, unwrapPath(err, abs))
		}
		if len(opts.params) > 0 {
			if _, err := ipynb.InjectParameters(nb, opts.params); err != nil {
				return nil, fmt.Errorf("%s: %w", in, err)
			}
		}
		output, page := outputPaths(abs, outDir)
		if other, ok := seen[output]; ok {
			return nil, fmt.Errorf("%s and %s would both be written to %s", other, in, output)
		}
		seen[output] = in
		jobs = append(jobs, runJob{input: abs, output: output, page: page, nb: nb})
	}
	if outDir != "" {
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return nil, fmt.Errorf("--output-dir: %w", err)
		}
	}
	return jobs, nil
}

// unwrapPath drops the absolute path ipynb.Read puts before its errors,
// since the caller names the file as the user wrote it.
func unwrapPath(err error, abs string) error {
	msg, ok := strings.CutPrefix(err.Error(), abs+": ")
	if !ok {
		return err
	}
	return errors.New(msg)
}

// outputPaths follows nbconvert: NAME.nbconvert.ipynb next to the input
// without an output directory, NAME.ipynb in it otherwise, except that an
// output directory that is the input's own gets NAME.nbconvert.ipynb too,
// so that the input is never overwritten. The page is NAME.html beside
// the executed notebook.
func outputPaths(input, outDir string) (nbPath, pagePath string) {
	dir := filepath.Dir(input)
	name := strings.TrimSuffix(filepath.Base(input), filepath.Ext(input))
	if outDir == "" || outDir == dir {
		return filepath.Join(dir, name+".nbconvert.ipynb"), filepath.Join(dir, name+".html")
	}
	return filepath.Join(outDir, name+".ipynb"), filepath.Join(outDir, name+".html")
}

// runner runs notebooks one after another.
type runner struct {
	opts        runOptions
	capture     *capture.Capture
	progress    io.Writer
	interrupted atomic.Bool

	mu     sync.Mutex
	cancel context.CancelFunc
}

func (r *runner) cancelCell() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel != nil {
		r.cancel()
	}
}

// run executes one notebook and writes it, also when a cell failed.
func (r *runner) run(job runJob) (err error) {
	rel, outRel, pageRel := relPath(job.input), relPath(job.output), relPath(job.page)
	fmt.Fprintf(r.progress, "gopar run: %s\n", rel)
	start := time.Now()

	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	if err := os.Chdir(filepath.Dir(job.input)); err != nil {
		return err
	}
	defer os.Chdir(cwd)

	nb := job.nb
	// The notebook's recorded module versions are the ones its cells get,
	// and the ones they used are recorded again.
	var in *interpreter
	newPinned := func(stdin *kernel.Stdin) (kernel.Interpreter, error) {
		var err error
		in, err = newInterpreterPinned(stdin, func() map[string]string { return recordedModules(nb) })
		return in, err
	}
	ex, err := kernel.NewExecutor(kernel.ExecutorConfig{Capture: r.capture, NewInterpreter: newPinned})
	if err != nil {
		return err
	}
	nb.Metadata["language_info"] = kernel.LanguageInfo()
	rec := ipynb.NewRecorder(nb)

	var todo []int
	for i, c := range nb.Cells {
		if c.Type == ipynb.Code && strings.TrimSpace(c.Source) != "" && !c.HasTag("skip-execution") {
			todo = append(todo, i)
		}
	}
	var failure error
	ran := 0
	for k, i := range todo {
		if r.interrupted.Load() {
			break
		}
		c := nb.Cells[i]
		fmt.Fprintf(r.progress, "[%d/%d] cell %d%s ... ", k+1, len(todo), i+1, firstLine(c.Source))
		res, elapsed := r.cell(ex, rec, i, c)
		ran++
		fmt.Fprintf(r.progress, "%.2f s", elapsed.Seconds())
		if res.Err == nil {
			fmt.Fprintln(r.progress)
			continue
		}
		fmt.Fprintf(r.progress, "  %s: %s\n", res.Err.EName, oneLine(res.Err.EValue))
		if r.interrupted.Load() {
			failure = fmt.Errorf("%s: interrupted in cell %d (In [%d])", rel, i+1, res.ExecutionCount)
			break
		}
		if r.opts.allowErrors || c.HasTag("raises-exception") {
			continue
		}
		for _, l := range strings.Split(ansiCodes.ReplaceAllString(strings.Join(res.Err.Traceback, "\n"), ""), "\n") {
			fmt.Fprintln(r.progress, strings.TrimRight("    "+l, " "))
		}
		failure = fmt.Errorf("%s: cell %d (In [%d]) failed: %s: %s (--allow-errors runs on)", rel, i+1, res.ExecutionCount, res.Err.EName, oneLine(res.Err.EValue))
		break
	}
	if failure == nil && r.interrupted.Load() {
		failure = fmt.Errorf("%s: interrupted", rel)
	}

	rec.Close()
	nb.CoalesceStreams()
	if in != nil {
		recordModules(nb, in.modules.Chosen())
	}
	if err := nb.Write(job.output); err != nil {
		return errors.Join(failure, fmt.Errorf("write %s: %w", job.output, err))
	}
	written := []string{outRel}
	if r.opts.html {
		title := strings.TrimSuffix(filepath.Base(job.input), filepath.Ext(job.input))
		page, err := nb.HTML(title)
		if err == nil {
			err = os.WriteFile(job.page, page, 0o644)
		}
		if err != nil {
			return errors.Join(failure, fmt.Errorf("write %s: %w", job.page, err))
		}
		written = append(written, pageRel)
	}
	fmt.Fprintf(r.progress, "gopar run: %d of %d cells run in %.2f s; wrote %s\n", ran, len(todo), time.Since(start).Seconds(), strings.Join(written, " and "))
	return failure
}

// cell runs cell i, recording its outputs and nbclient's timing metadata.
func (r *runner) cell(ex *kernel.Executor, rec *ipynb.Recorder, i int, c *ipynb.Cell) (kernel.CellResult, time.Duration) {
	timing := map[string]any{}
	c.Metadata["execution"] = timing
	stamp := func(key string) { timing[key] = time.Now().UTC().Format("2006-01-02T15:04:05.000000Z") }

	ctx, cancel := context.WithCancel(context.Background())
	r.mu.Lock()
	r.cancel = cancel
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.cancel = nil
		r.mu.Unlock()
		cancel()
	}()
	if r.interrupted.Load() {
		cancel()
	}

	stamp("iopub.status.busy")
	rec.Begin(i)
	stamp("iopub.execute_input")
	t0 := time.Now()
	res := ex.Execute(ctx, c.Source, recorderOutputs{rec})
	elapsed := time.Since(t0)
	n := res.ExecutionCount
	c.ExecutionCount = &n
	if res.Value != nil {
		rec.Result(n, res.Value.Data, res.Value.Metadata)
	}
	if res.Err != nil {
		rec.Error(res.Err.EName, res.Err.EValue, res.Err.Traceback)
	}
	stamp("shell.execute_reply")
	stamp("iopub.status.idle")
	return res, elapsed
}

// recorderOutputs hands the executor's outputs to the notebook's recorder.
type recorderOutputs struct{ rec *ipynb.Recorder }

func (o recorderOutputs) Stream(name, text string) { o.rec.Stream(name, text) }

func (o recorderOutputs) Display(b display.Bundle, id string, update bool) {
	o.rec.Display(b.Data, b.Metadata, id, update)
}

func (o recorderOutputs) ClearOutput(wait bool) { o.rec.ClearOutput(wait) }

// firstLine is a short quote of a cell's first line, for progress.
func firstLine(src string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(src), "\n")
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > 40 {
		line = string(r[:39]) + "…"
	}
	return ": " + line
}

func oneLine(s string) string {
	line, rest, _ := strings.Cut(s, "\n")
	if rest != "" {
		line += " …"
	}
	return line
}

// relPath names a file relative to the working directory when it is
// inside it.
func relPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// ansiCodes are the color codes of tracebacks, which the progress lines
// leave out.
var ansiCodes = regexp.MustCompile("\x1b\\[[0-9;]*m")
