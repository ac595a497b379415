package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"gopar/kernel/capture"
	"gopar/kernel/eval"
	"gopar/kernel/history"
	"gopar/kernel/wire"
	"gopar/runtime/display"
)

// Version is gopar's version, reported in kernel_info.
var Version = "0.1.0"

// Config is what a kernel needs to start.
type Config struct {
	Connection wire.ConnectionInfo
	// Logger receives the kernel's own messages; they never reach a notebook.
	Logger *log.Logger
	// Capture, when set, is the redirection of the process's stdout and
	// stderr; the kernel routes what it catches to the running request.
	Capture *capture.Capture
	// NewInterpreter makes the interpreter; stdin is what cells read.
	NewInterpreter func(stdin *Stdin) (Interpreter, error)
	// History, when set, keeps the cells run, for history_request.
	History *history.Store
}

// Kernel serves one Jupyter session.
type Kernel struct {
	cfg     Config
	log     *log.Logger
	sockets *wire.Sockets
	session string
	interp  Interpreter
	stdin   *Stdin
	queue   chan request
	budget  *streamBudget // the running cell's share of stream output

	mu      sync.Mutex
	parent  *wire.Message      // the request whose output this is; kept after it ends, for late output
	quiet   bool               // a silent request runs: its output is not broadcast
	cancel  context.CancelFunc // interrupts the running cell, if any
	count   int                // execution_count
	stopped chan struct{}
	stop    sync.Once
	restart bool
}

// request is a shell message as received, with its decoding error if any.
type request struct {
	msg *wire.Message
	err error
}

// New binds the sockets and starts the interpreter.
func New(ctx context.Context, cfg Config) (*Kernel, error) {
	if cfg.Logger == nil {
		cfg.Logger = log.New(os.Stderr, "gopar: ", log.LstdFlags)
	}
	k := &Kernel{cfg: cfg, log: cfg.Logger, session: uuid.NewString(), queue: make(chan request, 4096), stopped: make(chan struct{}), budget: newStreamBudget()}
	sockets, err := wire.Listen(ctx, cfg.Connection, cfg.Logger)
	if err != nil {
		return nil, err
	}
	k.sockets = sockets
	k.stdin = newStdin(k)
	if k.interp, err = cfg.NewInterpreter(k.stdin); err != nil {
		sockets.Close()
		return nil, fmt.Errorf("start interpreter: %w", err)
	}
	if cfg.Capture != nil {
		cfg.Capture.SetSink(k.publishStream)
	}
	display.SetPublisher(publisher{k})
	return k, nil
}

// Serve answers requests until a shutdown_request or ctx ends. It reports
// whether the front end asked for a restart.
func (k *Kernel) Serve(ctx context.Context) (restart bool, err error) {
	defer k.sockets.Close()
	k.publish("status", nil, map[string]string{"execution_state": "starting"})

	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer signal.Stop(sigint)
	go func() {
		for range sigint {
			k.interrupt()
		}
	}()

	go k.receive(k.sockets.Shell, k.queue)
	go k.serveControl()
	go k.stdin.receive()
	go k.serveShell()

	select {
	case <-ctx.Done():
		k.interrupt()
		return false, ctx.Err()
	case <-k.stopped:
		return k.restart, nil
	}
}

// receive moves a channel's messages into a queue, so that the kernel can
// tell which requests were already waiting when a cell failed.
func (k *Kernel) receive(ch *wire.Channel, queue chan<- request) {
	for {
		m, err := ch.Recv()
		if m == nil {
			k.logClosed(err)
			return
		}
		queue <- request{m, err}
	}
}

// logClosed logs why a channel stopped, unless the kernel closed it.
func (k *Kernel) logClosed(err error) {
	if !errors.Is(err, context.Canceled) {
		k.log.Printf("%v", err)
	}
}

func (k *Kernel) serveShell() {
	for r := range k.queue {
		for _, q := range k.handle(k.sockets.Shell, r) {
			k.abort(q)
		}
	}
}

func (k *Kernel) serveControl() {
	for {
		m, err := k.sockets.Control.Recv()
		if m == nil {
			k.logClosed(err)
			return
		}
		k.handle(k.sockets.Control, request{m, err})
	}
}

// handle answers one request on the channel it came from, framed by busy
// and idle. After a failed cell with stop_on_error, it returns the requests
// that were waiting behind it, to be aborted.
func (k *Kernel) handle(ch *wire.Channel, r request) (aborted []request) {
	m := r.msg
	k.publish("status", m, map[string]string{"execution_state": "busy"})
	defer k.publish("status", m, map[string]string{"execution_state": "idle"})
	if r.err != nil {
		k.log.Printf("%s: bad %s: %v", ch.Name, m.Header.MsgType, r.err)
		if reply, ok := strings.CutSuffix(m.Header.MsgType, "_request"); ok {
			k.reply(ch, m, reply+"_reply", errorContent{Status: "error", EName: "BadRequest",
				EValue: r.err.Error(), Traceback: []string{"the kernel could not read this request: " + r.err.Error()}})
		}
		return
	}
	switch m.Header.MsgType {
	case "kernel_info_request":
		k.reply(ch, m, "kernel_info_reply", k.kernelInfo())
	case "execute_request":
		return k.execute(ch, m)
	case "interrupt_request":
		k.interrupt()
		k.reply(ch, m, "interrupt_reply", map[string]string{"status": "ok"})
	case "shutdown_request":
		k.shutdown(ch, m)
	case "comm_info_request":
		k.reply(ch, m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
	case "comm_open":
		// No comm targets exist: close at once, as the protocol asks.
		var c struct {
			CommID string `json:"comm_id"`
		}
		_ = json.Unmarshal(m.Content, &c)
		k.publish("comm_close", m, map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
	case "comm_msg", "comm_close":
		// Nothing to do: no comm is ever open.
	case "is_complete_request":
		k.isComplete(ch, m)
	case "complete_request":
		k.complete(ch, m)
	case "inspect_request":
		k.inspect(ch, m)
	case "history_request":
		k.history(ch, m)
	default:
		k.log.Printf("%s: ignored message of unknown type %q", ch.Name, m.Header.MsgType)
	}
	return nil
}

func (k *Kernel) kernelInfo() kernelInfoReply {
	name := k.cfg.Connection.KernelName
	if name == "" {
		name = "gopar"
	}
	return kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       wire.ProtocolVersion,
		Implementation:        "gopar",
		ImplementationVersion: Version,
		LanguageInfo:          languageInfoOf(),
		Banner:                fmt.Sprintf("gopar %s: Go %s interpreted by yaegi, with gopar's parallel runtime preloaded", Version, eval.LanguageVersion),
		HelpLinks: []helpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "gopar README", URL: "/kernelspecs/" + name + "/README.md"},
		},
	}
}

func languageInfoOf() languageInfo {
	return languageInfo{
		Name: "go", Version: eval.LanguageVersion, Mimetype: "text/x-go", FileExtension: ".go",
		PygmentsLexer: "go", CodemirrorMode: "go", NbconvertExporter: "script",
	}
}

// execute runs a cell, as execute_request asks. When the cell fails with
// stop_on_error, it returns the requests queued behind it.
func (k *Kernel) execute(ch *wire.Channel, m *wire.Message) (aborted []request) {
	var req executeRequest
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.mu.Lock()
		count := k.count // control's loop may run this while shell runs a cell
		k.mu.Unlock()
		k.reply(ch, m, "execute_reply", executeReply{Status: "error", ExecutionCount: count,
			errorContent: errorContent{EName: "BadRequest", EValue: err.Error(), Traceback: []string{err.Error()}}})
		return nil
	}
	store := orTrue(req.StoreHistory) && !req.Silent
	k.mu.Lock()
	if store {
		k.count++
	}
	n := k.count
	ctx, cancel := context.WithCancel(context.Background())
	k.cancel = cancel
	k.quiet = req.Silent
	if !req.Silent {
		k.parent = m
		k.budget.reset()
	}
	k.mu.Unlock()
	defer func() {
		k.mu.Lock()
		k.cancel = nil
		k.quiet = false
		k.mu.Unlock()
		cancel()
	}()
	if !req.Silent {
		k.publish("execute_input", m, map[string]any{"code": req.Code, "execution_count": n})
	}
	if store {
		k.recordInput(n, req.Code)
	}
	reply := executeReply{Status: "ok", ExecutionCount: n, UserExpressions: map[string]any{}, Payload: []any{}}
	if name, detail, ok := helpRequest(req.Code); ok {
		reply.Payload = k.help(m, name, detail, req.Silent)
		k.reply(ch, m, "execute_reply", reply)
		return nil
	}
	k.stdin.begin(ctx, m, orTrue(req.AllowStdin))
	result, err := k.interp.Run(ctx, n, req.Code)
	k.stdin.end()
	k.flush()

	if err != nil {
		e := errorFields(err)
		if !req.Silent {
			k.publish("error", m, e)
		}
		reply.Status, reply.errorContent = "error", e
		reply.UserExpressions = nil
	} else {
		if result != nil && !req.Silent {
			c := bundleContent(*result)
			c.ExecutionCount = &n
			k.publish("execute_result", m, c)
		}
		if result != nil && store {
			k.recordOutput(n, result.Data)
		}
		for name, expr := range req.UserExpressions {
			reply.UserExpressions[name] = k.userExpression(ctx, expr)
		}
		k.flush()
	}
	if err != nil && orTrue(req.StopOnError) && ch == k.sockets.Shell {
		// Taken before the reply: a client may send its next cell once it
		// has the reply, and that one must run.
		aborted = k.takeQueued()
	}
	k.reply(ch, m, "execute_reply", reply)
	return aborted
}

func (k *Kernel) userExpression(ctx context.Context, expr string) any {
	b, err := k.interp.Evaluate(ctx, expr)
	if err != nil {
		e := errorFields(err)
		e.Status = "error"
		return e
	}
	c := bundleContent(b)
	return map[string]any{"status": "ok", "data": c.Data, "metadata": c.Metadata}
}

// JupyterError is an error that knows its fields in Jupyter's error
// message; other errors show as their text.
type JupyterError interface {
	JupyterError() (ename, evalue string, traceback []string)
}

// errorFields turns an error into Jupyter's error fields.
func errorFields(err error) errorContent {
	var e JupyterError
	if errors.As(err, &e) {
		name, value, tb := e.JupyterError()
		if len(tb) == 0 {
			// Front ends join the traceback's lines: it must be a list.
			tb = []string{name + ": " + value}
		}
		return errorContent{EName: name, EValue: value, Traceback: colored(tb)}
	}
	return errorContent{EName: "Error", EValue: err.Error(), Traceback: colored([]string{err.Error()})}
}

// Tracebacks are colored as IPython colors its own, with ANSI codes that
// front ends render and nbconvert's text forms strip, so that an error
// stands out from output: the headline in bold red, the cell lines of
// frames in green. Whole lines are wrapped, so their text stays whole.
const (
	ansiHeadline = "\x1b[1;31m"
	ansiFrame    = "\x1b[32m"
	ansiReset    = "\x1b[0m"
)

// frameLine matches a frame's line of a traceback: "    In [3], line 2, in f".
var frameLine = regexp.MustCompile(`^\s+In \[\d*\]`)

// colored returns tb with its headline and frame lines colored.
func colored(tb []string) []string {
	out := make([]string, len(tb))
	for i, line := range tb {
		switch {
		case line == "" || strings.Contains(line, "\x1b["):
			out[i] = line
		case i == 0:
			out[i] = ansiHeadline + line + ansiReset
		case frameLine.MatchString(line):
			out[i] = ansiFrame + line + ansiReset
		default:
			out[i] = line
		}
	}
	return out
}

// takeQueued empties the queue of requests already waiting.
func (k *Kernel) takeQueued() []request {
	// Requests sent together with the failed one may still be in flight.
	time.Sleep(2 * time.Millisecond)
	var queued []request
	for {
		select {
		case r := <-k.queue:
			queued = append(queued, r)
		default:
			return queued
		}
	}
}

// abort answers a request that was queued behind a failed cell: an
// execute_request gets "aborted" without running, as ipykernel does; any
// other request is served as usual.
func (k *Kernel) abort(r request) {
	if r.err != nil || r.msg.Header.MsgType != "execute_request" {
		k.handle(k.sockets.Shell, r)
		return
	}
	k.publish("status", r.msg, map[string]string{"execution_state": "busy"})
	k.mu.Lock()
	n := k.count
	k.mu.Unlock()
	k.reply(k.sockets.Shell, r.msg, "execute_reply", map[string]any{"status": "aborted", "execution_count": n})
	k.publish("status", r.msg, map[string]string{"execution_state": "idle"})
}

// interrupt stops the running cell, if there is one.
func (k *Kernel) interrupt() {
	k.mu.Lock()
	cancel := k.cancel
	k.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

func (k *Kernel) shutdown(ch *wire.Channel, m *wire.Message) {
	var req struct {
		Restart bool `json:"restart"`
	}
	_ = json.Unmarshal(m.Content, &req)
	k.interrupt()
	k.reply(ch, m, "shutdown_reply", map[string]any{"status": "ok", "restart": req.Restart})
	k.stop.Do(func() {
		k.restart = req.Restart
		k.flush()
		close(k.stopped)
	})
}

// flush delivers all captured output so far.
func (k *Kernel) flush() {
	if k.cfg.Capture != nil {
		k.cfg.Capture.Flush(2 * time.Second)
	}
}

// outputParent is the request that output belongs to now, or nil when
// output is not to be broadcast.
func (k *Kernel) outputParent() *wire.Message {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.quiet {
		return nil
	}
	return k.parent
}

func (k *Kernel) publishStream(name, text string) {
	parent := k.outputParent()
	if parent == nil {
		return
	}
	k.budget.send(name, text, func(name, text string) {
		k.publish("stream", parent, map[string]string{"name": name, "text": text})
	})
}

func (k *Kernel) publish(msgType string, parent *wire.Message, content any) {
	m, err := wire.NewMessage(msgType, parent, k.session, content)
	if err == nil {
		err = k.sockets.IOPub.Send(m)
	}
	if err != nil {
		k.log.Printf("publish %s: %v", msgType, err)
	}
}

func (k *Kernel) reply(ch *wire.Channel, parent *wire.Message, msgType string, content any) {
	m, err := wire.NewMessage(msgType, parent, k.session, content)
	if err == nil {
		err = ch.Send(m)
	}
	if err != nil {
		k.log.Printf("reply %s: %v", msgType, err)
	}
}

// publisher shows display output on iopub, after the output printed before it.
type publisher struct{ k *Kernel }

func (p publisher) Display(b display.Bundle, id string, update bool) error {
	p.k.flush()
	c := bundleContent(b)
	msgType := "display_data"
	if update {
		msgType = "update_display_data"
	}
	if id != "" {
		c.Transient = map[string]any{"display_id": id}
	}
	if parent := p.k.outputParent(); parent != nil {
		p.k.publish(msgType, parent, c)
	}
	return nil
}

func (p publisher) ClearOutput(wait bool) error {
	p.k.flush()
	if parent := p.k.outputParent(); parent != nil {
		p.k.publish("clear_output", parent, map[string]bool{"wait": wait})
	}
	return nil
}
