package kernel

import (
	"context"
	"fmt"
	"sync"
	"time"

	"gopar/kernel/capture"
	"gopar/runtime/display"
)

// Outputs receives what a cell produces, in the order it is produced: the
// text it prints and the displays it publishes. Calls may come from several
// goroutines (a cell's goroutines display too), one at a time per stream.
type Outputs interface {
	// Stream is text written to "stdout" or "stderr".
	Stream(name, text string)
	// Display is a display_data, or with update an update_display_data,
	// of the display named displayID (empty for an unnamed display).
	Display(b display.Bundle, displayID string, update bool)
	// ClearOutput is clear_output(wait).
	ClearOutput(wait bool)
}

// ExecutorConfig is what an Executor needs.
type ExecutorConfig struct {
	// Capture, when set, is the redirection of the process's stdout and
	// stderr; what it catches goes to the running cell's Outputs.
	Capture *capture.Capture
	// NewInterpreter makes the interpreter, as for a Kernel. Its stdin has
	// no front end behind it: a cell that reads fails with ErrNoStdin, as
	// under nbconvert.
	NewInterpreter func(stdin *Stdin) (Interpreter, error)
}

// Executor runs cells in this process with no front end and no sockets:
// each cell's output goes to the Outputs given with it, as the kernel
// would publish it on iopub. It is what `gopar run` executes notebooks
// with. Output printed after a cell ended goes to the cell that ran last,
// as in the kernel.
type Executor struct {
	interp  Interpreter
	capture *capture.Capture

	mu     sync.Mutex
	out    Outputs
	count  int
	budget *streamBudget
}

// CellError is a failed cell's error, with Jupyter's fields.
type CellError struct {
	EName, EValue string
	Traceback     []string
}

// CellResult is how a cell ended.
type CellResult struct {
	// ExecutionCount is the cell's number, In [n].
	ExecutionCount int
	// Value is the cell's result (execute_result), or nil.
	Value *display.Bundle
	// Err is the cell's error, or nil when it succeeded.
	Err *CellError
}

// NewExecutor starts an interpreter and installs the executor as the
// display publisher and as the capture's sink.
func NewExecutor(cfg ExecutorConfig) (*Executor, error) {
	e := &Executor{capture: cfg.Capture, budget: newStreamBudget()}
	interp, err := cfg.NewInterpreter(newStdin(nil))
	if err != nil {
		return nil, fmt.Errorf("start interpreter: %w", err)
	}
	e.interp = interp
	if cfg.Capture != nil {
		cfg.Capture.SetSink(e.stream)
	}
	display.SetPublisher(executorPublisher{e})
	return e, nil
}

// Execute runs one cell, sending its output to out, and reports how it
// ended. Cancelling ctx interrupts the cell, as an interrupt_request does.
func (e *Executor) Execute(ctx context.Context, code string, out Outputs) CellResult {
	e.mu.Lock()
	e.count++
	n := e.count
	e.out = out
	e.budget.reset()
	e.mu.Unlock()

	res := CellResult{ExecutionCount: n}
	if name, detail, ok := helpRequest(code); ok {
		// The pager's payload has no place in a notebook (nbclient drops
		// it); a name not found is said on stdout, as the kernel does.
		found := false
		if inspector, ok := e.interp.(Inspector); ok {
			_, found = inspector.Inspect(name, len([]rune(name)), detail)
		}
		if !found {
			out.Stream("stdout", fmt.Sprintf("Object `%s` not found.\n", name))
		}
		return res
	}
	value, err := e.interp.Run(ctx, n, code)
	e.flush()
	if err != nil {
		f := errorFields(err)
		res.Err = &CellError{EName: f.EName, EValue: f.EValue, Traceback: f.Traceback}
		return res
	}
	res.Value = value
	return res
}

// flush delivers all captured output so far.
func (e *Executor) flush() {
	if e.capture != nil {
		e.capture.Flush(2 * time.Second)
	}
}

func (e *Executor) current() Outputs {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.out
}

func (e *Executor) stream(name, text string) {
	out := e.current()
	if out == nil {
		return
	}
	e.budget.send(name, text, out.Stream)
}

// executorPublisher hands displays to the running cell's Outputs, after the
// output printed before them.
type executorPublisher struct{ e *Executor }

func (p executorPublisher) Display(b display.Bundle, id string, update bool) error {
	p.e.flush()
	if out := p.e.current(); out != nil {
		out.Display(b, id, update)
	}
	return nil
}

func (p executorPublisher) ClearOutput(wait bool) error {
	p.e.flush()
	if out := p.e.current(); out != nil {
		out.ClearOutput(wait)
	}
	return nil
}

// LanguageInfo is the kernel's language_info, as kernel_info_reply gives
// it (nbclient copies it into an executed notebook's metadata).
func LanguageInfo() map[string]any {
	li := languageInfoOf()
	return map[string]any{
		"name": li.Name, "version": li.Version, "mimetype": li.Mimetype,
		"file_extension": li.FileExtension, "pygments_lexer": li.PygmentsLexer,
		"codemirror_mode": li.CodemirrorMode, "nbconvert_exporter": li.NbconvertExporter,
	}
}
