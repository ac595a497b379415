package wire

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// ErrBadSignature reports a message whose signature does not match its content.
var ErrBadSignature = errors.New("invalid message signature")

// Signer signs and verifies messages with the connection file's key. The
// zero Signer (empty key) neither signs nor checks, as the protocol says.
type Signer struct {
	newHash func() hash.Hash
	key     []byte
}

// NewSigner returns a Signer for a scheme such as "hmac-sha256".
func NewSigner(scheme, key string) (Signer, error) {
	if key == "" {
		return Signer{}, nil
	}
	var h func() hash.Hash
	switch strings.ToLower(scheme) {
	case "hmac-sha256", "":
		h = sha256.New
	case "hmac-sha512":
		h = sha512.New
	case "hmac-sha1":
		h = sha1.New
	default:
		return Signer{}, fmt.Errorf("unsupported signature scheme %q (want hmac-sha256, hmac-sha512 or hmac-sha1)", scheme)
	}
	return Signer{newHash: h, key: []byte(key)}, nil
}

// Enabled reports whether messages are signed.
func (s Signer) Enabled() bool { return s.newHash != nil }

// Sign returns the hex signature of the four JSON parts of a message.
func (s Signer) Sign(parts ...[]byte) []byte {
	if !s.Enabled() {
		return nil
	}
	mac := hmac.New(s.newHash, s.key)
	for _, p := range parts {
		mac.Write(p)
	}
	sum := mac.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Verify checks a hex signature in constant time.
func (s Signer) Verify(signature []byte, parts ...[]byte) error {
	if !s.Enabled() {
		return nil
	}
	if len(signature) == 0 {
		return fmt.Errorf("%w: signature missing", ErrBadSignature)
	}
	if !hmac.Equal(s.Sign(parts...), signature) {
		return ErrBadSignature
	}
	return nil
}
