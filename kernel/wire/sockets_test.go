package wire

import (
	"bytes"
	"context"
	"errors"
	"log"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

const ioTimeout = 5 * time.Second

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// freePorts returns n distinct TCP ports that were free a moment ago.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

func tcpInfo(t *testing.T) ConnectionInfo {
	p := freePorts(t, 5)
	return ConnectionInfo{
		Transport: "tcp", IP: "127.0.0.1", Key: testKey, SignatureScheme: "hmac-sha256",
		ShellPort: p[0], ControlPort: p[1], StdinPort: p[2], IOPubPort: p[3], HBPort: p[4],
	}
}

// listen starts the kernel's sockets and closes them when the test ends.
func listen(t *testing.T, info ConnectionInfo) (*Sockets, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	s, err := Listen(context.Background(), info, log.New(logs, "", 0))
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	t.Cleanup(s.Close)
	return s, logs
}

// client dials a zmq4 client socket to endpoint and closes it when the test ends.
func client(t *testing.T, sock zmq4.Socket, endpoint string) zmq4.Socket {
	t.Helper()
	t.Cleanup(func() { sock.Close() })
	if err := sock.Dial(endpoint); err != nil {
		t.Fatalf("dial %s: %v", endpoint, err)
	}
	return sock
}

func clientOpts() []zmq4.Option {
	return []zmq4.Option{zmq4.WithLogger(log.New(&lockedBuffer{}, "", 0)), zmq4.WithTimeout(ioTimeout)}
}

type recvResult struct {
	m   *Message
	err error
}

// recvChannel calls ch.Recv on another goroutine and waits for it, failing the
// test after ioTimeout. The goroutine ends when the sockets are closed.
func recvChannel(t *testing.T, ch *Channel) (*Message, error) {
	t.Helper()
	done := make(chan recvResult, 1)
	go func() {
		m, err := ch.Recv()
		done <- recvResult{m, err}
	}()
	select {
	case r := <-done:
		return r.m, r.err
	case <-time.After(ioTimeout):
		t.Fatalf("%s: Recv timed out", ch.Name)
		return nil, nil
	}
}

// recvSocket receives on a zmq4 socket, failing the test after timeout.
func recvSocket(t *testing.T, sock zmq4.Socket, timeout time.Duration) (zmq4.Msg, bool) {
	t.Helper()
	type result struct {
		msg zmq4.Msg
		err error
	}
	done := make(chan result, 1)
	go func() {
		m, err := sock.Recv()
		done <- result{m, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("client Recv: %v", r.err)
		}
		return r.msg, true
	case <-time.After(timeout):
		return zmq4.Msg{}, false
	}
}

func executeRequest(t *testing.T, signer Signer, id, code string) [][]byte {
	t.Helper()
	req := &Message{
		Header:  Header{MsgID: id, Session: "client-session", Username: "tester", Date: "2024-01-01T00:00:00Z", MsgType: "execute_request", Version: ProtocolVersion},
		Content: []byte(`{"code":"` + code + `","silent":false}`),
	}
	frames, err := Encode(req, signer)
	if err != nil {
		t.Fatal(err)
	}
	return frames
}

// TestSocketsRequestReply runs a request and its reply through each of the
// three ROUTER channels.
func TestSocketsRequestReply(t *testing.T) {
	info := tcpInfo(t)
	s, _ := listen(t, info)
	signer := mustSigner(t, info.SignatureScheme, info.Key)

	tests := []struct {
		name string
		ch   *Channel
		port int
	}{
		{"shell", s.Shell, info.ShellPort},
		{"control", s.Control, info.ControlPort},
		{"stdin", s.Stdin, info.StdinPort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ch.Name != tt.name {
				t.Errorf("channel name = %q, want %q", tt.ch.Name, tt.name)
			}
			dealer := client(t, zmq4.NewDealer(context.Background(), clientOpts()...), info.Endpoint(tt.port))
			frames := executeRequest(t, signer, "req-"+tt.name, "x := 1")
			if err := dealer.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
				t.Fatal(err)
			}

			req, err := recvChannel(t, tt.ch)
			if err != nil {
				t.Fatalf("Recv: %v", err)
			}
			if req.Header.MsgID != "req-"+tt.name || req.Header.MsgType != "execute_request" {
				t.Errorf("received header %+v", req.Header)
			}
			if string(req.Content) != `{"code":"x := 1","silent":false}` {
				t.Errorf("received content %s", req.Content)
			}
			if len(req.Identities) != 1 || len(req.Identities[0]) == 0 {
				t.Errorf("ROUTER should add one routing identity, got %q", req.Identities)
			}
			// A dealer sends no identities: frames are delimiter,
			// signature, header, parent, metadata, content.
			if !bytes.Equal(req.RawHeader(), frames[2]) {
				t.Errorf("raw header %s, sent %s", req.RawHeader(), frames[2])
			}

			reply, err := NewMessage("execute_reply", req, "kernel-session", map[string]any{"status": "ok", "execution_count": 1})
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.ch.Send(reply); err != nil {
				t.Fatalf("Send: %v", err)
			}
			msg, ok := recvSocket(t, dealer, ioTimeout)
			if !ok {
				t.Fatal("reply never reached the dealer")
			}
			got, err := Decode(msg.Frames, signer)
			if err != nil {
				t.Fatalf("decode reply: %v (frames %q)", err, msg.Frames)
			}
			if len(got.Identities) != 0 {
				t.Errorf("dealer got identities %q; the router should have used them for routing", got.Identities)
			}
			if got.Header.MsgType != "execute_reply" || got.Header.MsgID != reply.Header.MsgID {
				t.Errorf("reply header %+v", got.Header)
			}
			if !bytes.Equal(got.Parent, frames[2]) {
				t.Errorf("reply parent %s, want request header %s", got.Parent, frames[2])
			}
			if p := got.ParentHeader(); p.MsgID != "req-"+tt.name || p.Session != "client-session" {
				t.Errorf("ParentHeader = %+v", p)
			}
		})
	}
}

// TestSocketsDropBadSignature checks that a frame set with a wrong signature
// is never returned, and that the good message after it is.
func TestSocketsDropBadSignature(t *testing.T) {
	info := tcpInfo(t)
	s, logs := listen(t, info)
	signer := mustSigner(t, info.SignatureScheme, info.Key)
	forger := mustSigner(t, info.SignatureScheme, "not-the-key")

	dealer := client(t, zmq4.NewDealer(context.Background(), clientOpts()...), info.Endpoint(info.ShellPort))
	sends := [][][]byte{
		executeRequest(t, forger, "forged", "os.Exit(1)"),
		{[]byte("no delimiter"), []byte("at all")},
		executeRequest(t, signer, "unsigned", "os.Exit(2)"),
		executeRequest(t, signer, "good", "1"),
	}
	sends[2][1] = []byte{} // signature frame emptied
	for _, f := range sends {
		if err := dealer.SendMulti(zmq4.NewMsgFrom(f...)); err != nil {
			t.Fatal(err)
		}
	}
	m, err := recvChannel(t, s.Shell)
	if err != nil {
		t.Fatalf("Recv: %v", err)
	}
	if m.Header.MsgID != "good" {
		t.Errorf("Recv returned %q, want only the good message", m.Header.MsgID)
	}
	logged := logs.String()
	if strings.Count(logged, "shell: dropped message") != 3 {
		t.Errorf("want three dropped messages logged, got:\n%s", logged)
	}
	if !strings.Contains(logged, ErrBadSignature.Error()) {
		t.Errorf("log does not mention the bad signature:\n%s", logged)
	}
}

// TestSocketsMalformedBody checks that a message with a sound header but a
// bad body comes back with an error, so that it can be answered.
func TestSocketsMalformedBody(t *testing.T) {
	info := tcpInfo(t)
	s, _ := listen(t, info)
	signer := mustSigner(t, info.SignatureScheme, info.Key)
	dealer := client(t, zmq4.NewDealer(context.Background(), clientOpts()...), info.Endpoint(info.ShellPort))
	frames := signedFrames(signer, nil, reqHeader, `{}`, `{}`, `[]`)
	if err := dealer.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	m, err := recvChannel(t, s.Shell)
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("Recv error = %v, want ErrMalformed", err)
	}
	if m == nil || m.Header.MsgID != "req-1" {
		t.Fatalf("Recv message = %+v, want the request", m)
	}
}

func TestHeartbeat(t *testing.T) {
	info := tcpInfo(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Heartbeat(ctx, info, log.New(&lockedBuffer{}, "", 0)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Heartbeat ended with %v", err)
		}
	})
	req := client(t, zmq4.NewReq(context.Background(), clientOpts()...), info.Endpoint(info.HBPort))
	for _, ping := range [][]byte{[]byte("ping"), {}, {0, 1, 2, 0xff}, []byte(strings.Repeat("x", 10000))} {
		if err := req.Send(zmq4.NewMsg(ping)); err != nil {
			t.Fatal(err)
		}
		msg, ok := recvSocket(t, req, ioTimeout)
		if !ok {
			t.Fatal("heartbeat did not answer")
		}
		if len(msg.Frames) != 1 || !bytes.Equal(msg.Frames[0], ping) {
			t.Errorf("heartbeat echoed %q, want %q", msg.Frames, ping)
		}
	}
}

func TestSocketsIOPub(t *testing.T) {
	info := tcpInfo(t)
	s, _ := listen(t, info)
	signer := mustSigner(t, info.SignatureScheme, info.Key)
	sub := zmq4.NewSub(context.Background(), clientOpts()...)
	if err := sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	client(t, sub, info.Endpoint(info.IOPubPort))

	parent := &Message{Identities: [][]byte{[]byte("shell-peer")}, Header: Header{MsgID: "p-1", MsgType: "execute_request"}}
	m, err := NewMessage("status", parent, "kernel-session", map[string]any{"execution_state": "busy"})
	if err != nil {
		t.Fatal(err)
	}

	// PUB drops messages until the subscription has reached it: publish
	// until one arrives.
	received := make(chan zmq4.Msg, 1)
	go func() {
		msg, err := sub.Recv()
		if err == nil {
			received <- msg
		}
	}()
	var msg zmq4.Msg
	deadline := time.After(2 * time.Second)
publish:
	for {
		if err := s.IOPub.Send(m); err != nil {
			t.Fatalf("Send: %v", err)
		}
		select {
		case msg = <-received:
			break publish
		case <-deadline:
			t.Fatal("no message reached the subscriber in 2s")
		case <-time.After(20 * time.Millisecond):
		}
	}

	if len(m.Identities) != 1 || string(m.Identities[0]) != "shell-peer" {
		t.Errorf("Send changed the message's identities to %q", m.Identities)
	}
	got, err := Decode(msg.Frames, signer)
	if err != nil {
		t.Fatalf("decode: %v (frames %q)", err, msg.Frames)
	}
	if len(got.Identities) != 1 || string(got.Identities[0]) != "kernel.status" {
		t.Errorf("topic = %q, want [kernel.status]", got.Identities)
	}
	if got.Header != m.Header {
		t.Errorf("header %+v, want %+v", got.Header, m.Header)
	}
	if got.ParentHeader().MsgID != "p-1" {
		t.Errorf("parent %s", got.Parent)
	}
	if string(got.Content) != `{"execution_state":"busy"}` {
		t.Errorf("content %s", got.Content)
	}
}

func TestSocketsIPC(t *testing.T) {
	info := ConnectionInfo{
		Transport: "ipc", IP: filepath.Join(t.TempDir(), "kernel"), Key: testKey, SignatureScheme: "hmac-sha256",
		ShellPort: 1, ControlPort: 2, StdinPort: 3, IOPubPort: 4, HBPort: 5,
	}
	s, _ := listen(t, info)
	signer := mustSigner(t, info.SignatureScheme, info.Key)
	dealer := client(t, zmq4.NewDealer(context.Background(), clientOpts()...), info.Endpoint(info.ShellPort))
	if err := dealer.SendMulti(zmq4.NewMsgFrom(executeRequest(t, signer, "ipc-1", "1")...)); err != nil {
		t.Fatal(err)
	}
	req, err := recvChannel(t, s.Shell)
	if err != nil {
		t.Fatal(err)
	}
	if req.Header.MsgID != "ipc-1" {
		t.Errorf("got %+v", req.Header)
	}
	reply, err := NewMessage("execute_reply", req, "k", map[string]any{"status": "ok"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell.Send(reply); err != nil {
		t.Fatal(err)
	}
	msg, ok := recvSocket(t, dealer, ioTimeout)
	if !ok {
		t.Fatal("no reply over ipc")
	}
	got, err := Decode(msg.Frames, signer)
	if err != nil {
		t.Fatal(err)
	}
	if got.ParentHeader().MsgID != "ipc-1" {
		t.Errorf("reply parent %s", got.Parent)
	}
}

func TestListenErrors(t *testing.T) {
	occupy := func(t *testing.T, port int) {
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
	}
	tests := []struct {
		name    string
		prepare func(t *testing.T, info *ConnectionInfo)
		mention string
	}{
		{"bad scheme", func(t *testing.T, info *ConnectionInfo) { info.SignatureScheme = "hmac-md5" }, "hmac-md5"},
		{"shell port taken", func(t *testing.T, info *ConnectionInfo) { occupy(t, info.ShellPort) }, "shell"},
		{"iopub port taken", func(t *testing.T, info *ConnectionInfo) { occupy(t, info.IOPubPort) }, "iopub"},
		{"stdin port taken", func(t *testing.T, info *ConnectionInfo) { occupy(t, info.StdinPort) }, "stdin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := tcpInfo(t)
			tt.prepare(t, &info)
			done := make(chan error, 1)
			go func() {
				s, err := Listen(context.Background(), info, log.New(&lockedBuffer{}, "", 0))
				if s != nil {
					s.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Fatal("Listen succeeded")
				}
				if !strings.Contains(err.Error(), tt.mention) {
					t.Errorf("error %q does not mention %q", err, tt.mention)
				}
			case <-time.After(3 * time.Second):
				t.Fatal("Listen did not return within 3s (deadlock in its error path)")
			}
		})
	}
}

func TestHeartbeatPortTaken(t *testing.T) {
	info := tcpInfo(t)
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(info.HBPort)))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	err = Heartbeat(context.Background(), info, log.New(&lockedBuffer{}, "", 0))
	if err == nil || !strings.Contains(err.Error(), "heartbeat") {
		t.Fatalf("Heartbeat on a taken port = %v, want an error naming the heartbeat", err)
	}
}

func TestCloseEndsRecv(t *testing.T) {
	info := tcpInfo(t)
	s, err := Listen(context.Background(), info, log.New(&lockedBuffer{}, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Shell.Recv()
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	closed := make(chan struct{})
	go func() {
		s.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(ioTimeout):
		t.Fatal("Close did not return")
	}
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "shell") {
			t.Errorf("Recv after Close = %v, want an error naming the channel", err)
		}
	case <-time.After(ioTimeout):
		t.Fatal("Recv still blocked after Close")
	}
	// The ports are free again.
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(info.ShellPort)))
	if err != nil {
		t.Errorf("shell port still bound after Close: %v", err)
	} else {
		l.Close()
	}
}
