package kernel

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"gopar/kernel/history"
	"gopar/kernel/wire"
	"gopar/runtime/display"
)

// dispatchTimeout bounds one fuzz input's round trip: far above what a
// request takes on loopback, so that reaching it means a hang.
const dispatchTimeout = 5 * time.Second

// dispatchTypes are the message types the fuzzer picks from; one selector
// value in len(dispatchTypes)+1 sends the fuzzed name instead. shutdown_request is left out:
// it would stop the kernel that all inputs share.
var dispatchTypes = []string{
	"kernel_info_request", "execute_request", "interrupt_request", "comm_info_request",
	"comm_open", "comm_msg", "comm_close", "is_complete_request", "complete_request",
	"inspect_request", "history_request",
}

// replyTypes are the replies to the requests the kernel serves.
var replyTypes = map[string]string{
	"kernel_info_request": "kernel_info_reply", "execute_request": "execute_reply",
	"interrupt_request": "interrupt_reply", "comm_info_request": "comm_info_reply",
	"is_complete_request": "is_complete_reply", "complete_request": "complete_reply",
	"inspect_request": "inspect_reply", "history_request": "history_reply",
}

// FuzzDispatch sends correctly signed requests with arbitrary content and
// metadata through a real in-process kernel (ZeroMQ sockets on loopback),
// on shell or control, and checks that the kernel answers each one as the
// protocol asks: busy first and idle last on iopub, parented to the
// request, nothing for it after idle, and for a request the kernel serves
// (or any malformed *_request) exactly one reply of the right type, on the
// socket it came in on, with a valid status. Each input ends with a
// kernel_info_request, so an input that leaves the kernel deaf, or that
// draws a stray reply, fails as itself.
func FuzzDispatch(f *testing.F) {
	h := startDispatchHarness(f)

	custom := byte(len(dispatchTypes))
	sel := func(msgType string) byte { return byte(slices.Index(dispatchTypes, msgType)) }
	add := func(msgType, content, metadata string, control bool, burst uint8) {
		f.Add(sel(msgType), "", []byte(content), []byte(metadata), control, burst)
	}
	// A plausible request of every type.
	add("kernel_info_request", `{}`, `{}`, false, 0)
	add("execute_request", `{"code":"v1","silent":false,"store_history":true,"user_expressions":{"a":"x","b":"e"},"allow_stdin":true,"stop_on_error":true}`, `{}`, false, 0)
	add("interrupt_request", `{}`, `{}`, true, 0)
	add("comm_info_request", `{"target_name":"jupyter.widget"}`, `{}`, false, 0)
	add("comm_open", `{"comm_id":"c1","target_name":"t","data":{}}`, `{}`, false, 0)
	add("comm_msg", `{"comm_id":"c1","data":{"x":1}}`, `{}`, false, 0)
	add("comm_close", `{"comm_id":"c1","data":{}}`, `{}`, false, 0)
	add("is_complete_request", `{"code":"func f() {"}`, `{}`, false, 0)
	add("complete_request", `{"code":"fmt.Pr","cursor_pos":6}`, `{}`, false, 0)
	add("inspect_request", `{"code":"fmt.Println","cursor_pos":3,"detail_level":1}`, `{}`, false, 0)
	add("history_request", `{"output":true,"raw":true,"hist_access_type":"tail","n":10}`, `{}`, false, 0)
	add("history_request", `{"hist_access_type":"range","session":-1,"start":1,"stop":5}`, `{}`, false, 0)
	add("history_request", `{"hist_access_type":"search","pattern":"v*","n":3,"unique":true}`, `{}`, true, 0)
	// Cells the fake interpreter fails, shows or finds nothing for; help
	// syntax; a failed cell with requests queued behind it to abort.
	add("execute_request", `{"code":"eName: value"}`, `{}`, false, 2)
	add("execute_request", `{"code":"plain failure","stop_on_error":false}`, `{}`, false, 2)
	add("execute_request", `{"code":"e","silent":true}`, `{}`, true, 1)
	add("execute_request", `{"code":"display me"}`, `{}`, false, 0)
	add("execute_request", `{"code":"fmt.Println??"}`, `{}`, false, 0)
	add("execute_request", `{"code":"?nothing"}`, `{}`, false, 0)
	add("execute_request", `{"code":"v","store_history":false,"user_expressions":{"":""}}`, `{}`, false, 0)
	// Wrong field types, out-of-range numbers, odd text.
	add("execute_request", `{"code":5}`, `{}`, false, 0)
	add("execute_request", `{"code":"v","user_expressions":[1]}`, `{}`, false, 0)
	add("complete_request", `{"code":"héllo","cursor_pos":1e30}`, `{}`, false, 0)
	add("complete_request", `{"code":"x","cursor_pos":-9223372036854775808}`, `{}`, true, 0)
	add("inspect_request", `{"code":"\ud800","cursor_pos":99999999999,"detail_level":-3}`, `{}`, false, 0)
	add("is_complete_request", `{"code":null}`, `{}`, false, 0)
	add("history_request", `{"hist_access_type":"range","session":-9223372036854775808,"start":-1,"stop":-1}`, `{}`, false, 0)
	add("history_request", `{"hist_access_type":"search","pattern":"[","n":-1}`, `{}`, false, 0)
	add("history_request", `{"hist_access_type":"nope"}`, `{}`, false, 0)
	add("history_request", `{"hist_access_type":7}`, `{}`, false, 0)
	add("comm_open", `{"comm_id":{"a":1}}`, `{}`, false, 0)
	// Content or metadata that is no JSON object: the request is malformed.
	add("execute_request", `[]`, `{}`, false, 0)
	add("complete_request", `null`, `{}`, false, 0)
	add("kernel_info_request", `{}`, `not json`, true, 0)
	add("inspect_request", "\xff\xfe", `[1,2]`, false, 1)
	add("comm_msg", `"text"`, `{}`, false, 0)
	add("interrupt_request", `{}`, `null`, true, 0)
	// Types the kernel does not know, well-formed or not.
	f.Add(custom, "foo_request", []byte(`{}`), []byte(`{}`), false, uint8(0))
	f.Add(custom, "foo_request", []byte(`[`), []byte(`{}`), true, uint8(0))
	f.Add(custom, "_request", []byte(`{}`), []byte(`]`), false, uint8(0))
	f.Add(custom, "\xff_request", []byte(`{}`), []byte(`{}`), false, uint8(0))
	f.Add(custom, "shutdown_request", []byte(`{"restart":false}`), []byte(`{}`), true, uint8(0))
	f.Add(custom, "", []byte(`{}`), []byte(`{}`), false, uint8(0))

	f.Fuzz(func(t *testing.T, sel byte, name string, content, metadata []byte, control bool, burst uint8) {
		msgType := fuzzMsgType(sel, name)
		malformed := !isJSONObject(content) || json.Unmarshal(metadata, new(map[string]any)) != nil
		want := expectedReply(msgType, malformed)
		// 1 to 3 copies, sent back to back: a failed cell aborts those
		// queued behind it, which must still be answered.
		var reqs []dispatchRequest
		for range 1 + int(burst)%3 {
			reqs = append(reqs, h.request(msgType, content, metadata, want))
		}
		reqs = append(reqs, h.request("kernel_info_request", []byte(`{}`), []byte(`{}`), "kernel_info_reply"))
		h.roundTrip(t, control, reqs)
	})
}

// fuzzMsgType is the message type an input sends: one of dispatchTypes,
// or the fuzzed name as it will arrive (JSON replaces invalid UTF-8),
// never empty (Decode drops such a header) nor shutdown_request.
func fuzzMsgType(sel byte, name string) string {
	if i := int(sel) % (len(dispatchTypes) + 1); i < len(dispatchTypes) {
		return dispatchTypes[i]
	}
	b, _ := json.Marshal(name)
	_ = json.Unmarshal(b, &name)
	if name == "" || name == "shutdown_request" {
		name = "x" + name
	}
	return name
}

// expectedReply is the reply type the kernel owes a request, "" for none:
// a served request gets its reply; a malformed *_request an error reply;
// anything else (comm messages, unknown types) nothing.
func expectedReply(msgType string, malformed bool) string {
	if malformed {
		if base, ok := strings.CutSuffix(msgType, "_request"); ok {
			return base + "_reply"
		}
		return ""
	}
	return replyTypes[msgType]
}

func isJSONObject(b []byte) bool {
	var v map[string]json.RawMessage
	return json.Unmarshal(b, &v) == nil && v != nil
}

// fuzzInterpreter stands in for yaegi: it never runs code, and answers
// by the code's first byte, so that the fuzzer reaches every branch of
// the kernel's handling of results: e a JupyterError, p a plain error, v
// a value, d display output, anything else no value.
type fuzzInterpreter struct{}

type fuzzError struct{ name, value string }

func (e fuzzError) Error() string { return e.name + ": " + e.value }

// JupyterError gives no traceback for a one-byte cell, which the kernel
// must turn into a list.
func (e fuzzError) JupyterError() (string, string, []string) {
	if e.value == "" {
		return e.name, e.value, nil
	}
	return e.name, e.value, []string{e.Error()}
}

func (fuzzInterpreter) Run(_ context.Context, _ int, code string) (*display.Bundle, error) {
	if code == "" {
		return nil, nil
	}
	switch code[0] {
	case 'e':
		name, value, _ := strings.Cut(code[1:], ":")
		return nil, fuzzError{name, value}
	case 'p':
		return nil, errors.New(code)
	case 'v':
		return &display.Bundle{Data: map[string]any{"text/plain": code, "text/html": "<b>" + code + "</b>"}}, nil
	case 'd':
		// Through the publisher the kernel installed, as cells do.
		if err := display.Show(code); err != nil {
			return nil, err
		}
		return nil, display.ClearOutput(len(code)%2 == 0)
	}
	return nil, nil
}

func (fuzzInterpreter) Evaluate(_ context.Context, expr string) (display.Bundle, error) {
	if strings.HasPrefix(expr, "e") {
		return display.Bundle{}, fuzzError{"EvalError", expr}
	}
	return display.Text(expr), nil
}

func (fuzzInterpreter) Complete(code string, cursor int) Completion {
	c := Completion{Start: cursor, End: cursor}
	if code != "" {
		c.Matches = []CompletionMatch{{Text: code, Type: "variable", Signature: "func()"}}
		c.Start = cursor - len(code) // may be negative: the kernel passes it on
	}
	return c
}

func (fuzzInterpreter) Inspect(code string, cursor, detail int) (map[string]any, bool) {
	if code == "" || code[0] == 'n' {
		return nil, false
	}
	return map[string]any{"text/plain": fmt.Sprintf("%s at %d, detail %d", code, cursor, detail)}, true
}

func (fuzzInterpreter) IsComplete(code string) (status, indent string) {
	switch {
	case strings.HasSuffix(code, "{"):
		return "incomplete", "\t"
	case strings.HasPrefix(code, ")"):
		return "invalid", ""
	}
	return "complete", ""
}

// dispatchHarness is one kernel serving on loopback and a front end's
// sockets to it, shared by all fuzz inputs of a process.
type dispatchHarness struct {
	signer          wire.Signer
	shell, control  zmq4.Socket
	shellIn         chan received
	controlIn       chan received
	iopubIn         chan received
	served          chan struct{} // closed when Serve returns
	logs            *logTail
	seq             int
	finished        map[string]bool // requests whose idle was seen
	finishedInOrder []string
}

type received struct {
	m   *wire.Message
	err error
}

// dispatchRequest is one request of an input and what it is owed.
type dispatchRequest struct {
	id, msgType string
	frames      [][]byte
	wantReply   string // "" when the request gets no reply
}

func startDispatchHarness(f *testing.F) *dispatchHarness {
	ports := freeTCPPorts(f, 5)
	info := wire.ConnectionInfo{
		Transport: "tcp", IP: "127.0.0.1", Key: "fuzz-dispatch-key", SignatureScheme: "hmac-sha256",
		ShellPort: ports[0], ControlPort: ports[1], StdinPort: ports[2], IOPubPort: ports[3], HBPort: ports[4],
	}
	signer, err := wire.NewSigner(info.SignatureScheme, info.Key)
	if err != nil {
		f.Fatalf("signer: %v", err)
	}
	h := &dispatchHarness{signer: signer, logs: &logTail{}, served: make(chan struct{}), finished: map[string]bool{}}

	store, err := history.Open(context.Background(), filepath.Join(f.TempDir(), "history.sqlite"))
	if err != nil {
		f.Fatalf("open history: %v", err)
	}
	f.Cleanup(func() { store.Close() })

	ctx, cancel := context.WithCancel(context.Background())
	k, err := New(ctx, Config{
		Connection:     info,
		Logger:         log.New(h.logs, "", 0),
		NewInterpreter: func(*Stdin) (Interpreter, error) { return fuzzInterpreter{}, nil },
		History:        store,
	})
	if err != nil {
		cancel()
		f.Fatalf("start kernel: %v", err)
	}
	go func() {
		defer close(h.served)
		k.Serve(ctx)
	}()
	f.Cleanup(func() {
		cancel()
		select {
		case <-h.served:
		case <-time.After(dispatchTimeout):
			f.Errorf("kernel did not stop within %v of its context ending", dispatchTimeout)
		}
		display.SetPublisher(nil)
	})

	opts := []zmq4.Option{zmq4.WithLogger(log.New(&logTail{}, "", 0))}
	dial := func(sock zmq4.Socket, port int) zmq4.Socket {
		f.Cleanup(func() { sock.Close() })
		if err := sock.Dial(info.Endpoint(port)); err != nil {
			f.Fatalf("dial %s: %v", info.Endpoint(port), err)
		}
		return sock
	}
	h.shell = dial(zmq4.NewDealer(ctx, opts...), info.ShellPort)
	h.control = dial(zmq4.NewDealer(ctx, opts...), info.ControlPort)
	iopub := dial(zmq4.NewSub(ctx, opts...), info.IOPubPort)
	if err := iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		f.Fatalf("subscribe to iopub: %v", err)
	}
	h.shellIn, h.controlIn, h.iopubIn = h.read(h.shell), h.read(h.control), h.read(iopub)
	h.warmUp(f)
	return h
}

// read decodes what a client socket receives, until it is closed.
func (h *dispatchHarness) read(sock zmq4.Socket) chan received {
	out := make(chan received, 1024)
	go func() {
		defer close(out)
		for {
			msg, err := sock.Recv()
			if err != nil {
				return
			}
			m, err := wire.Decode(msg.Frames, h.signer)
			out <- received{m, err}
		}
	}()
	return out
}

// warmUp waits until iopub carries the kernel's messages: a SUB socket
// misses what is published before its subscription reaches the PUB, so
// kernel_info_requests go out until one's idle comes back. Replies and
// iopub messages of the earlier tries are not checked.
func (h *dispatchHarness) warmUp(f *testing.F) {
	deadline := time.After(10 * time.Second)
tries:
	for try := 0; ; try++ {
		r := h.request("kernel_info_request", []byte(`{}`), []byte(`{}`), "kernel_info_reply")
		if err := h.shell.SendMulti(zmq4.NewMsgFrom(r.frames...)); err != nil {
			f.Fatalf("warm-up send: %v", err)
		}
		replied, idle, expired := false, false, false
		wait := time.After(250 * time.Millisecond)
		for !replied || !idle {
			if replied && expired {
				continue tries // the idle was published before the subscription took
			}
			select {
			case got, ok := <-h.shellIn:
				if !ok {
					f.Fatal("shell socket closed during warm-up")
				}
				replied = replied || (got.m != nil && got.m.ParentHeader().MsgID == r.id)
			case got, ok := <-h.iopubIn:
				if !ok {
					f.Fatal("iopub socket closed during warm-up")
				}
				idle = idle || (got.m != nil && got.m.ParentHeader().MsgID == r.id && executionState(got.m) == "idle")
			case <-wait:
				// Still wait for the reply, so that no stale one is left.
				expired, wait = true, nil
			case <-deadline:
				f.Fatalf("no kernel_info_reply with its idle on iopub within 10s (%d tries); kernel log:\n%s", try+1, h.logs)
			}
		}
		return
	}
}

// request makes a signed request with the given content and metadata
// bytes, which need not be JSON: the signature makes it reach dispatch.
func (h *dispatchHarness) request(msgType string, content, metadata []byte, wantReply string) dispatchRequest {
	h.seq++
	id := fmt.Sprintf("fuzz-%d", h.seq)
	header, err := json.Marshal(wire.Header{MsgID: id, Session: "fuzz-client", Username: "fuzzer",
		Date: "2024-01-01T00:00:00.000000Z", MsgType: msgType, Version: wire.ProtocolVersion})
	if err != nil {
		panic(fmt.Sprintf("encode header: %v", err)) // a struct of strings always encodes
	}
	parent := []byte("{}")
	frames := [][]byte{[]byte("<IDS|MSG>"), h.signer.Sign(header, parent, metadata, content), header, parent, metadata, content}
	return dispatchRequest{id: id, msgType: msgType, frames: frames, wantReply: wantReply}
}

// requestState is what has come back for one request so far.
type requestState struct {
	dispatchRequest
	busy, idle, replied bool
}

// roundTrip sends reqs back to back on shell or control and waits until
// each has its idle and its reply, checking everything that comes back.
func (h *dispatchHarness) roundTrip(t *testing.T, control bool, reqs []dispatchRequest) {
	t.Helper()
	sock, replies, chName := h.shell, h.shellIn, "shell"
	if control {
		sock, replies, chName = h.control, h.controlIn, "control"
	}
	states := map[string]*requestState{}
	for _, r := range reqs {
		states[r.id] = &requestState{dispatchRequest: r}
		if err := sock.SendMulti(zmq4.NewMsgFrom(r.frames...)); err != nil {
			t.Fatalf("send %s %s on %s: %v", r.msgType, r.id, chName, err)
		}
	}
	fail := func(format string, args ...any) {
		t.Helper()
		var pending []string
		for _, r := range reqs {
			s := states[r.id]
			pending = append(pending, fmt.Sprintf("%s %s (busy %v, idle %v, reply %q: %v)", r.id, r.msgType, s.busy, s.idle, s.wantReply, s.replied))
		}
		t.Fatalf("%s: %s\nrequests: %s\nkernel log (tail):\n%s", chName, fmt.Sprintf(format, args...), strings.Join(pending, "; "), h.logs)
	}
	done := func() bool {
		for _, s := range states {
			if !s.idle || (s.wantReply != "" && !s.replied) {
				return false
			}
		}
		return true
	}
	timeout := time.After(dispatchTimeout)
	for !done() {
		select {
		case got, ok := <-replies:
			if !ok {
				fail("socket closed")
			}
			if got.err != nil {
				fail("the kernel sent a reply that does not decode: %v", got.err)
			}
			h.checkReply(fail, states, got.m)
		case got, ok := <-h.iopubIn:
			if !ok {
				fail("iopub socket closed")
			}
			if got.err != nil {
				fail("the kernel published a message that does not decode: %v", got.err)
			}
			h.checkIOPub(fail, states, got.m)
		case <-h.served:
			fail("the kernel stopped serving")
		case <-timeout:
			fail("no answer within %v", dispatchTimeout)
		}
	}
}

func (h *dispatchHarness) checkReply(fail func(string, ...any), states map[string]*requestState, m *wire.Message) {
	parent := m.ParentHeader().MsgID
	s, ok := states[parent]
	switch {
	case !ok:
		fail("%s parented to %q, no request of this input", m.Header.MsgType, parent)
	case s.wantReply == "":
		fail("%s to %s, which gets no reply", m.Header.MsgType, s.msgType)
	case s.replied:
		fail("a second reply, %s, to %s", m.Header.MsgType, parent)
	case m.Header.MsgType != s.wantReply:
		fail("%s to %s, want %s", m.Header.MsgType, s.msgType, s.wantReply)
	}
	s.replied = true
	var c map[string]any
	if err := json.Unmarshal(m.Content, &c); err != nil {
		fail("%s content %q is no JSON object: %v", m.Header.MsgType, m.Content, err)
	}
	status, _ := c["status"].(string)
	valid := []string{"ok", "error", "aborted"}
	if m.Header.MsgType == "is_complete_reply" {
		// Its status is the completeness, or error for a bad request.
		valid = []string{"complete", "incomplete", "invalid", "unknown", "error"}
	}
	if !slices.Contains(valid, status) {
		fail("%s status %q, want one of %v: %s", m.Header.MsgType, status, valid, m.Content)
	}
	if status == "error" {
		_, okName := c["ename"].(string)
		_, okValue := c["evalue"].(string)
		tb, okTB := c["traceback"].([]any)
		if !okName || !okValue || !okTB || len(tb) == 0 {
			fail("%s error lacks ename, evalue or a traceback list: %s", m.Header.MsgType, m.Content)
		}
	}
}

func (h *dispatchHarness) checkIOPub(fail func(string, ...any), states map[string]*requestState, m *wire.Message) {
	parent := m.ParentHeader().MsgID
	if h.finished[parent] {
		fail("iopub %s for %s after its idle", m.Header.MsgType, parent)
	}
	s, ok := states[parent]
	if !ok {
		return // the starting status, or warm-up traffic
	}
	state := executionState(m)
	switch {
	case !s.busy && state != "busy":
		fail("iopub %s for %s before its busy", m.Header.MsgType, parent)
	case s.busy && state == "busy":
		fail("a second busy for %s", parent)
	case state == "busy":
		s.busy = true
	case state == "idle":
		s.idle = true
		h.finish(parent)
	}
}

// finish remembers that a request's idle came, for a while: output for it
// after that breaks the promise that idle comes last.
func (h *dispatchHarness) finish(id string) {
	h.finished[id] = true
	h.finishedInOrder = append(h.finishedInOrder, id)
	if len(h.finishedInOrder) > 10000 {
		for _, old := range h.finishedInOrder[:5000] {
			delete(h.finished, old)
		}
		h.finishedInOrder = slices.Delete(h.finishedInOrder, 0, 5000)
	}
}

// executionState is a status message's execution_state, "" for others.
func executionState(m *wire.Message) string {
	if m.Header.MsgType != "status" {
		return ""
	}
	var c struct {
		State string `json:"execution_state"`
	}
	_ = json.Unmarshal(m.Content, &c)
	return c.State
}

// freeTCPPorts returns n distinct loopback ports that were free a moment ago.
func freeTCPPorts(tb testing.TB, n int) []int {
	tb.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatalf("find a free port: %v", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// logTail keeps the last 16 KiB of a log written from several goroutines:
// a long fuzzing run logs every ignored message.
type logTail struct {
	mu  sync.Mutex
	buf []byte
}

const logTailSize = 16 << 10

func (l *logTail) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	if len(l.buf) > 2*logTailSize {
		l.buf = append(l.buf[:0], l.buf[len(l.buf)-logTailSize:]...)
	}
	return len(p), nil
}

func (l *logTail) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buf
	if len(b) > logTailSize {
		b = b[len(b)-logTailSize:]
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	return string(b)
}
