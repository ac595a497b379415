package wire

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
)

// signedFrames builds frames the way a client would, signing the four JSON
// parts with signer.
func signedFrames(signer Signer, ids [][]byte, header, parent, metadata, content string, buffers ...[]byte) [][]byte {
	frames := append([][]byte(nil), ids...)
	frames = append(frames, []byte("<IDS|MSG>"),
		signer.Sign([]byte(header), []byte(parent), []byte(metadata), []byte(content)),
		[]byte(header), []byte(parent), []byte(metadata), []byte(content))
	return append(frames, buffers...)
}

const reqHeader = `{"msg_id":"req-1","session":"s-1","username":"alice","date":"2024-01-02T03:04:05.000000Z","msg_type":"execute_request","version":"5.3"}`

func TestDecodeEncodeRoundTrip(t *testing.T) {
	signer := mustSigner(t, "hmac-sha256", testKey)
	tests := []struct {
		name    string
		ids     [][]byte
		buffers [][]byte
		meta    string
	}{
		{"no identities", nil, nil, `{}`},
		{"one identity", [][]byte{[]byte("client-1")}, nil, `{}`},
		{"two identities and buffers", [][]byte{[]byte("a"), {0, 1, 2, 0xff}}, [][]byte{[]byte("buf0"), {}, {0xde, 0xad}}, `{"k":"v"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := `{"code":"fmt.Println(1)","silent":false}`
			parent := `{"msg_id":"p"}`
			frames := signedFrames(signer, tt.ids, reqHeader, parent, tt.meta, content, tt.buffers...)
			m, err := Decode(frames, signer)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if len(m.Identities) != len(tt.ids) {
				t.Fatalf("Identities = %q, want %q", m.Identities, tt.ids)
			}
			for i := range tt.ids {
				if !bytes.Equal(m.Identities[i], tt.ids[i]) {
					t.Errorf("Identities[%d] = %q, want %q", i, m.Identities[i], tt.ids[i])
				}
			}
			want := Header{MsgID: "req-1", Session: "s-1", Username: "alice", Date: "2024-01-02T03:04:05.000000Z", MsgType: "execute_request", Version: "5.3"}
			if m.Header != want {
				t.Errorf("Header = %+v, want %+v", m.Header, want)
			}
			if string(m.RawHeader()) != reqHeader {
				t.Errorf("RawHeader = %s, want %s", m.RawHeader(), reqHeader)
			}
			if string(m.Parent) != parent {
				t.Errorf("Parent = %s, want %s", m.Parent, parent)
			}
			if string(m.Content) != content {
				t.Errorf("Content = %s, want %s", m.Content, content)
			}
			if len(m.Buffers) != len(tt.buffers) {
				t.Fatalf("Buffers = %q, want %q", m.Buffers, tt.buffers)
			}
			for i := range tt.buffers {
				if !bytes.Equal(m.Buffers[i], tt.buffers[i]) {
					t.Errorf("Buffers[%d] = %q, want %q", i, m.Buffers[i], tt.buffers[i])
				}
			}

			again, err := Encode(m, signer)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			m2, err := Decode(again, signer)
			if err != nil {
				t.Fatalf("Decode(Encode(m)): %v", err)
			}
			if !reflect.DeepEqual(normalise(m), normalise(m2)) {
				t.Errorf("round trip changed the message:\n got %+v\nwant %+v", m2, m)
			}
			if tt.meta == `{}` && !bytes.Equal(again[len(tt.ids)+4], []byte(`{}`)) {
				t.Errorf("empty metadata encoded as %s, want {}", again[len(tt.ids)+4])
			}
		})
	}
}

// normalise makes nil and empty slices compare equal.
func normalise(m *Message) *Message {
	c := *m
	fix := func(s [][]byte) [][]byte {
		out := [][]byte{}
		for _, b := range s {
			out = append(out, append([]byte{}, b...))
		}
		return out
	}
	c.Identities = fix(c.Identities)
	c.Buffers = fix(c.Buffers)
	if len(c.Metadata) == 0 {
		c.Metadata = nil
	}
	return &c
}

func TestEncodeLayout(t *testing.T) {
	signer := mustSigner(t, "hmac-sha256", testKey)
	m := &Message{
		Identities: [][]byte{[]byte("id")},
		Header:     Header{MsgID: "x", MsgType: "status"},
		Content:    json.RawMessage(`{"execution_state":"idle"}`),
		Buffers:    [][]byte{[]byte("b")},
	}
	frames, err := Encode(m, signer)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 1+6+1 {
		t.Fatalf("got %d frames, want 8: %q", len(frames), frames)
	}
	if string(frames[0]) != "id" || string(frames[1]) != "<IDS|MSG>" || string(frames[7]) != "b" {
		t.Errorf("unexpected layout %q", frames)
	}
	// Parent, metadata and content default to {}.
	if string(frames[4]) != "{}" || string(frames[5]) != "{}" {
		t.Errorf("parent, metadata = %s, %s; want {}, {}", frames[4], frames[5])
	}
	if want := referenceHMAC(sha256.New, testKey, frames[3], frames[4], frames[5], frames[6]); string(frames[2]) != want {
		t.Errorf("signature = %s, want %s", frames[2], want)
	}
	var h Header
	if err := json.Unmarshal(frames[3], &h); err != nil || h != m.Header {
		t.Errorf("header frame %s decodes to %+v, %v", frames[3], h, err)
	}

	// Empty content is sent as {}.
	frames, err = Encode(&Message{Header: Header{MsgID: "y", MsgType: "t"}}, Signer{})
	if err != nil {
		t.Fatal(err)
	}
	if string(frames[5]) != "{}" || len(frames[1]) != 0 {
		t.Errorf("content = %s, signature = %q; want {} and empty", frames[5], frames[1])
	}

	// Metadata that cannot be marshalled is an error.
	if _, err := Encode(&Message{Header: Header{MsgID: "z", MsgType: "t"}, Metadata: map[string]any{"f": func() {}}}, signer); err == nil {
		t.Error("Encode with unmarshallable metadata succeeded")
	}
}

func TestDecodeParentEchoedByteForByte(t *testing.T) {
	signer := mustSigner(t, "hmac-sha256", testKey)
	// Odd spacing, key order and escapes that a re-marshal would change.
	header := "{ \"msg_type\" : \"kernel_info_request\",\n \"msg_id\":\"\\u0041b\", \"extra\": [1, 2 ] ,\"date\":\"2024-01-01T00:00:00Z\"}"
	m, err := Decode(signedFrames(signer, [][]byte{[]byte("peer")}, header, `{}`, `{}`, `{}`), signer)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgID != "Ab" {
		t.Errorf("MsgID = %q, want Ab", m.Header.MsgID)
	}
	reply, err := NewMessage("kernel_info_reply", m, "kernel-session", map[string]any{"status": "ok"})
	if err != nil {
		t.Fatal(err)
	}
	frames, err := Encode(reply, signer)
	if err != nil {
		t.Fatal(err)
	}
	if string(frames[0]) != "peer" {
		t.Errorf("reply routed to %q, want peer", frames[0])
	}
	if string(frames[4]) != header {
		t.Errorf("parent frame = %q, want header echoed byte for byte %q", frames[4], header)
	}
	back, err := Decode(frames, signer)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.ParentHeader(); got.MsgID != "Ab" || got.MsgType != "kernel_info_request" {
		t.Errorf("ParentHeader = %+v", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	signer := mustSigner(t, "hmac-sha256", testKey)
	ids := [][]byte{[]byte("peer")}
	good := signedFrames(signer, ids, reqHeader, `{}`, `{}`, `{}`)

	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"no frames", nil, ErrMalformed},
		{"no delimiter", [][]byte{[]byte("peer"), []byte("sig"), []byte(reqHeader), []byte("{}"), []byte("{}"), []byte("{}")}, ErrMalformed},
		{"delimiter only", [][]byte{[]byte("<IDS|MSG>")}, ErrMalformed},
		{"four frames after delimiter", good[:len(good)-1], ErrMalformed},
		{"wrong signature", func() [][]byte {
			f := clone(good)
			f[2] = mustSigner(t, "hmac-sha256", "wrong").Sign(f[3], f[4], f[5], f[6])
			return f
		}(), ErrBadSignature},
		{"missing signature", func() [][]byte { f := clone(good); f[2] = nil; return f }(), ErrBadSignature},
		{"content tampered", func() [][]byte { f := clone(good); f[6] = []byte(`{"code":"rm -rf"}`); return f }(), ErrBadSignature},
		{"header not JSON", signedFrames(signer, ids, `{not json`, `{}`, `{}`, `{}`), ErrMalformed},
		{"header is array", signedFrames(signer, ids, `[]`, `{}`, `{}`, `{}`), ErrMalformed},
		{"missing msg_type", signedFrames(signer, ids, `{"msg_id":"x"}`, `{}`, `{}`, `{}`), ErrMalformed},
		{"missing msg_id", signedFrames(signer, ids, `{"msg_type":"execute_request"}`, `{}`, `{}`, `{}`), ErrMalformed},
		{"empty header", signedFrames(signer, ids, `{}`, `{}`, `{}`, `{}`), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(tt.frames, signer)
			if !errors.Is(err, tt.want) {
				t.Errorf("Decode error = %v, want %v", err, tt.want)
			}
			if m != nil {
				t.Errorf("Decode returned message %+v with error %v, want nil", m, err)
			}
		})
	}
}

func clone(frames [][]byte) [][]byte {
	out := make([][]byte, len(frames))
	for i, f := range frames {
		out[i] = append([]byte(nil), f...)
	}
	return out
}

func TestDecodeBadBodyReturnsMessage(t *testing.T) {
	signer := mustSigner(t, "hmac-sha256", testKey)
	ids := [][]byte{[]byte("peer")}
	tests := []struct {
		name                      string
		parent, metadata, content string
	}{
		{"content empty array", `{}`, `{}`, `[]`},
		{"content string", `{}`, `{}`, `"x"`},
		{"content garbage", `{}`, `{}`, `garbage{`},
		{"content null", `{}`, `{}`, `null`},
		{"content number", `{}`, `{}`, `42`},
		{"content empty", `{}`, `{}`, ``},
		{"metadata garbage", `{}`, `garbage`, `{}`},
		{"metadata array", `{}`, `[1]`, `{}`},
		{"metadata string", `{}`, `"m"`, `{}`},
		{"parent garbage", `nope`, `{}`, `{}`},
		{"parent array", `[]`, `{}`, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Decode(signedFrames(signer, ids, reqHeader, tt.parent, tt.metadata, tt.content), signer)
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("Decode error = %v, want ErrMalformed", err)
			}
			if errors.Is(err, ErrBadSignature) {
				t.Errorf("error %v also claims a bad signature", err)
			}
			if m == nil {
				t.Fatal("Decode returned no message; a sound header must come back so the request can be answered")
			}
			if m.Header.MsgID != "req-1" || m.Header.MsgType != "execute_request" {
				t.Errorf("Header = %+v", m.Header)
			}
			if len(m.Identities) != 1 || string(m.Identities[0]) != "peer" {
				t.Errorf("Identities = %q, want [peer]", m.Identities)
			}
			if string(m.RawHeader()) != reqHeader {
				t.Errorf("RawHeader = %s", m.RawHeader())
			}
			// A reply to it must still be routable and carry its parent.
			reply, err := NewMessage("execute_reply", m, "k", map[string]any{"status": "error"})
			if err != nil {
				t.Fatal(err)
			}
			if string(reply.Parent) != reqHeader || len(reply.Identities) != 1 {
				t.Errorf("reply parent %s, identities %q", reply.Parent, reply.Identities)
			}
		})
	}
}

func TestDecodeUnsignedWhenKeyEmpty(t *testing.T) {
	frames := signedFrames(Signer{}, [][]byte{[]byte("p")}, reqHeader, `{}`, `{}`, `{"a":1}`)
	frames[2] = []byte("anything at all")
	m, err := Decode(frames, Signer{})
	if err != nil {
		t.Fatalf("Decode with empty key: %v", err)
	}
	if string(m.Content) != `{"a":1}` {
		t.Errorf("Content = %s", m.Content)
	}
}

func TestNewMessage(t *testing.T) {
	signer := mustSigner(t, "hmac-sha256", testKey)
	req, err := Decode(signedFrames(signer, [][]byte{[]byte("r1"), []byte("r2")}, reqHeader, `{}`, `{}`, `{}`), signer)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		parent   *Message
		content  any
		wantBody string
		wantUser string
	}{
		{"no parent", nil, map[string]any{"execution_state": "busy"}, `{"execution_state":"busy"}`, "kernel"},
		{"with parent", req, struct {
			Status string `json:"status"`
		}{"ok"}, `{"status":"ok"}`, "alice"},
		{"parent without username", &Message{Header: Header{MsgID: "m", MsgType: "t"}}, nil, `null`, "kernel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now().Add(-time.Second)
			m, err := NewMessage("some_type", tt.parent, "sess", tt.content)
			if err != nil {
				t.Fatal(err)
			}
			h := m.Header
			if h.MsgType != "some_type" || h.Session != "sess" || h.Version != ProtocolVersion || h.Username != tt.wantUser {
				t.Errorf("Header = %+v", h)
			}
			if _, err := uuid.Parse(h.MsgID); err != nil {
				t.Errorf("msg_id %q is not a UUID: %v", h.MsgID, err)
			}
			d, err := time.Parse(time.RFC3339, h.Date)
			if err != nil {
				t.Errorf("date %q does not parse as RFC3339: %v", h.Date, err)
			} else if d.Before(before) || d.After(time.Now().Add(time.Second)) {
				t.Errorf("date %v is not now", d)
			}
			if string(m.Content) != tt.wantBody {
				t.Errorf("Content = %s, want %s", m.Content, tt.wantBody)
			}
			if tt.parent == nil {
				if string(m.Parent) != "{}" || m.Identities != nil {
					t.Errorf("Parent = %s, Identities = %q; want {} and none", m.Parent, m.Identities)
				}
				return
			}
			if string(m.Parent) != string(tt.parent.RawHeader()) {
				t.Errorf("Parent = %s, want %s", m.Parent, tt.parent.RawHeader())
			}
			if !reflect.DeepEqual(m.Identities, tt.parent.Identities) {
				t.Errorf("Identities = %q, want %q", m.Identities, tt.parent.Identities)
			}
		})
	}

	// Every message gets a fresh id.
	seen := map[string]bool{}
	for i := range 100 {
		m, err := NewMessage("t", nil, "s", nil)
		if err != nil {
			t.Fatal(err)
		}
		if seen[m.Header.MsgID] {
			t.Fatalf("msg_id %s repeated after %d messages", m.Header.MsgID, i)
		}
		seen[m.Header.MsgID] = true
	}

	if _, err := NewMessage("t", nil, "s", make(chan int)); err == nil {
		t.Error("NewMessage with unmarshallable content succeeded")
	}
}

func TestRawHeaderOfNewMessage(t *testing.T) {
	m, err := NewMessage("status", nil, "s", nil)
	if err != nil {
		t.Fatal(err)
	}
	var h Header
	if err := json.Unmarshal(m.RawHeader(), &h); err != nil {
		t.Fatal(err)
	}
	if h != m.Header {
		t.Errorf("RawHeader decodes to %+v, want %+v", h, m.Header)
	}
	var fields map[string]any
	_ = json.Unmarshal(m.RawHeader(), &fields)
	for _, k := range []string{"msg_id", "session", "username", "date", "msg_type", "version"} {
		if _, ok := fields[k]; !ok {
			t.Errorf("header lacks %s: %s", k, m.RawHeader())
		}
	}
}

func TestParentHeader(t *testing.T) {
	tests := []struct {
		parent string
		want   Header
	}{
		{`{}`, Header{}},
		{`{"msg_id":"a","msg_type":"b"}`, Header{MsgID: "a", MsgType: "b"}},
		{`garbage`, Header{}},
		{``, Header{}},
	}
	for _, tt := range tests {
		m := &Message{Parent: json.RawMessage(tt.parent)}
		if got := m.ParentHeader(); got != tt.want {
			t.Errorf("ParentHeader(%q) = %+v, want %+v", tt.parent, got, tt.want)
		}
	}
}
