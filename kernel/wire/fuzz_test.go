package wire

import (
	"bytes"
	"crypto/hmac"
	"encoding/json"
	"testing"

	"gopar/internal/fuzzcheck"
)

// frameSep joins frames into one fuzz input: the fuzzer mutates frame
// contents and boundaries alike.
var frameSep = []byte("\x00|\x00")

func fuzzSigner(t testing.TB) Signer {
	s, err := NewSigner("hmac-sha256", "fuzz-key")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// FuzzDecode: no input crashes Decode, and nothing it accepts is unsigned:
// a message it returns carries a signature that verifies; a message it
// returns without error encodes and decodes back to itself.
func FuzzDecode(f *testing.F) {
	signer := fuzzSigner(f)
	for _, c := range []map[string]any{{"code": "1+1", "silent": false}, {}, {"text": "ü\x00"}} {
		m, err := NewMessage("execute_request", nil, "session", c)
		if err != nil {
			f.Fatal(err)
		}
		m.Identities = [][]byte{[]byte("peer")}
		frames, err := Encode(m, signer)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bytes.Join(frames, frameSep))
	}
	f.Add([]byte("<IDS|MSG>"))
	f.Add(bytes.Join([][]byte{delimiter, []byte("00"), []byte("{}"), []byte("{}"), []byte("{}"), []byte("{}")}, frameSep))
	f.Fuzz(func(t *testing.T, data []byte) {
		frames := bytes.Split(data, frameSep)
		var m *Message
		var err error
		fuzzcheck.Allocs(t, len(data), func() { m, err = Decode(frames, signer) })
		if m == nil {
			return
		}
		i := 0
		for !bytes.Equal(frames[i], delimiter) {
			i++
		}
		rest := frames[i+1:]
		want := signer.Sign(rest[1], rest[2], rest[3], rest[4])
		if !hmac.Equal(rest[0], want) {
			t.Fatalf("Decode accepted a message whose signature %q is not %q", rest[0], want)
		}
		if err != nil {
			return
		}
		again, err := Encode(m, signer)
		if err != nil {
			t.Fatalf("Encode of a decoded message: %v", err)
		}
		m2, err := Decode(again, signer)
		if err != nil {
			t.Fatalf("a re-encoded message does not decode: %v", err)
		}
		if m2.Header != m.Header || !jsonEqual(m2.Content, m.Content) || !jsonEqual(m2.Parent, m.Parent) {
			t.Fatalf("round trip changed the message: %+v != %+v", m2, m)
		}
	})
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// FuzzVerify: a signature verifies exactly when it is the message's HMAC.
func FuzzVerify(f *testing.F) {
	signer := fuzzSigner(f)
	f.Add([]byte("deadbeef"), []byte(`{"msg_type":"execute_request"}`), []byte("{}"))
	f.Add(signer.Sign([]byte("a"), []byte("b")), []byte("a"), []byte("b"))
	f.Add([]byte(""), []byte(""), []byte(""))
	f.Fuzz(func(t *testing.T, sig, header, content []byte) {
		err := signer.Verify(sig, header, content)
		if ok := hmac.Equal(sig, signer.Sign(header, content)); ok != (err == nil) {
			t.Fatalf("Verify(%q) = %v, but the signature matches: %v", sig, err, ok)
		}
	})
}
