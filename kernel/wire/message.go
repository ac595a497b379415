package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// ProtocolVersion is the version of the Jupyter messaging protocol spoken.
const ProtocolVersion = "5.3"

// delimiter separates routing identities from the message proper.
var delimiter = []byte("<IDS|MSG>")

// ErrMalformed reports frames that do not form a Jupyter message.
var ErrMalformed = errors.New("malformed message")

// Header is a message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message.
type Message struct {
	// Identities route a reply back to the peer a request came from.
	Identities [][]byte
	Header     Header
	// Parent is the raw header of the request this message answers,
	// echoed byte for byte; "{}" when there is none.
	Parent   json.RawMessage
	Metadata map[string]any
	// Content is raw JSON: requests are decoded by whoever handles them.
	Content json.RawMessage
	Buffers [][]byte

	// rawHeader is the header as received, which replies echo as their parent.
	rawHeader json.RawMessage
}

// RawHeader returns the header as it arrived, or as it will be sent.
func (m *Message) RawHeader() json.RawMessage {
	if m.rawHeader != nil {
		return m.rawHeader
	}
	b, _ := json.Marshal(m.Header)
	return b
}

// ParentHeader decodes the parent header.
func (m *Message) ParentHeader() Header {
	var h Header
	_ = json.Unmarshal(m.Parent, &h)
	return h
}

// Decode turns received frames into a Message, verifying the signature
// before anything else is parsed. When the header is sound but another part
// is not, Decode returns the message together with the error, so that the
// request can still be answered.
func Decode(frames [][]byte, signer Signer) (*Message, error) {
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], delimiter) {
		i++
	}
	if i == len(frames) {
		return nil, fmt.Errorf("%w: no <IDS|MSG> delimiter in %d frames", ErrMalformed, len(frames))
	}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return nil, fmt.Errorf("%w: %d frames after the delimiter, want at least 5", ErrMalformed, len(rest))
	}
	sig, header, parent, metadata, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if err := signer.Verify(sig, header, parent, metadata, content); err != nil {
		return nil, err
	}
	m := &Message{Identities: frames[:i], Buffers: rest[5:]}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrMalformed, err)
	}
	if m.Header.MsgType == "" || m.Header.MsgID == "" {
		return nil, fmt.Errorf("%w: header lacks msg_type or msg_id", ErrMalformed)
	}
	m.rawHeader = append(json.RawMessage(nil), header...)
	if !isObject(parent) {
		return m, fmt.Errorf("%w: parent_header is not a JSON object", ErrMalformed)
	}
	m.Parent = append(json.RawMessage(nil), parent...)
	m.Content = json.RawMessage("{}")
	if err := json.Unmarshal(metadata, &m.Metadata); err != nil {
		return m, fmt.Errorf("%w: metadata: %v", ErrMalformed, err)
	}
	if !isObject(content) {
		return m, fmt.Errorf("%w: content is not a JSON object", ErrMalformed)
	}
	m.Content = append(json.RawMessage(nil), content...)
	return m, nil
}

func isObject(b []byte) bool {
	var v map[string]json.RawMessage
	return json.Unmarshal(b, &v) == nil && v != nil
}

// Encode turns a Message into frames, signing it.
func Encode(m *Message, signer Signer) ([][]byte, error) {
	header := m.RawHeader()
	parent := m.Parent
	if len(parent) == 0 {
		parent = json.RawMessage("{}")
	}
	metadata := []byte("{}")
	if len(m.Metadata) > 0 {
		b, err := json.Marshal(m.Metadata)
		if err != nil {
			return nil, fmt.Errorf("encode metadata: %w", err)
		}
		metadata = b
	}
	content := m.Content
	if len(content) == 0 {
		content = json.RawMessage("{}")
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter, signer.Sign(header, parent, metadata, content), header, parent, metadata, content)
	return append(frames, m.Buffers...), nil
}

// NewMessage makes a message of type msgType with the given content, as a
// child of parent (which may be nil). Identities are copied from the parent
// so that a reply finds its way back.
func NewMessage(msgType string, parent *Message, session string, content any) (*Message, error) {
	c, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("encode %s content: %w", msgType, err)
	}
	m := &Message{
		Header: Header{
			MsgID:    uuid.NewString(),
			Session:  session,
			Username: "kernel",
			Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
			MsgType:  msgType,
			Version:  ProtocolVersion,
		},
		Parent:  json.RawMessage("{}"),
		Content: c,
	}
	if parent != nil {
		m.Parent = parent.RawHeader()
		m.Identities = parent.Identities
		if parent.Header.Username != "" {
			m.Header.Username = parent.Header.Username
		}
	}
	return m, nil
}
