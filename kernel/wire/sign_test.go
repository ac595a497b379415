package wire

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"hash"
	"testing"
)

const testKey = "secret-key"

// testParts are the four JSON parts the vectors below were computed over.
var testParts = [][]byte{
	[]byte(`{"msg_id":"a","msg_type":"execute_request"}`),
	[]byte(`{}`),
	[]byte(`{}`),
	[]byte(`{"code":"1+1"}`),
}

// Vectors computed once, independently of this package, with
//
//	/usr/bin/python3 -c 'import hmac,hashlib; m=hmac.new(b"secret-key", digestmod=hashlib.sha256); [m.update(p) for p in parts]; print(m.hexdigest())'
//
// over testParts (and likewise for sha512 and sha1).
const (
	vectorSHA256 = "0ce47a85aabaa0215f81480b54efca78921e344898828b66e316b7c308a6477e"
	vectorSHA512 = "7cea9b9eb95a07e0bbedc13611e8c1effa9c3dea69225fb11d7a95992fcdce04675f94a90241b8b8765d0d2afd005438d2daac61a395efc18aee05a6b9d26f54"
	vectorSHA1   = "bc846e569299f8ff9fc9bfda9661fbff90f47160"
)

func referenceHMAC(h func() hash.Hash, key string, parts ...[]byte) string {
	mac := hmac.New(h, []byte(key))
	for _, p := range parts {
		mac.Write(p)
	}
	return hex.EncodeToString(mac.Sum(nil))
}

func mustSigner(t *testing.T, scheme, key string) Signer {
	t.Helper()
	s, err := NewSigner(scheme, key)
	if err != nil {
		t.Fatalf("NewSigner(%q, %q): %v", scheme, key, err)
	}
	return s
}

func TestSignerSchemes(t *testing.T) {
	tests := []struct {
		scheme string
		hash   func() hash.Hash
		vector string
	}{
		{"hmac-sha256", sha256.New, vectorSHA256},
		{"HMAC-SHA256", sha256.New, vectorSHA256},
		{"", sha256.New, vectorSHA256},
		{"hmac-sha512", sha512.New, vectorSHA512},
		{"hmac-sha1", sha1.New, vectorSHA1},
	}
	for _, tt := range tests {
		t.Run(tt.scheme, func(t *testing.T) {
			s := mustSigner(t, tt.scheme, testKey)
			if !s.Enabled() {
				t.Fatal("Enabled() = false with a key")
			}
			got := string(s.Sign(testParts...))
			if want := referenceHMAC(tt.hash, testKey, testParts...); got != want {
				t.Errorf("Sign = %s, crypto/hmac gives %s", got, want)
			}
			if got != tt.vector {
				t.Errorf("Sign = %s, fixed vector is %s", got, tt.vector)
			}
			if err := s.Verify([]byte(tt.vector), testParts...); err != nil {
				t.Errorf("Verify(vector) = %v, want nil", err)
			}
		})
	}
}

func TestSignerPartsAreConcatenated(t *testing.T) {
	// The signature covers the concatenation of the parts, as in Jupyter.
	s := mustSigner(t, "hmac-sha256", testKey)
	a := s.Sign([]byte("ab"), []byte("cd"))
	b := s.Sign([]byte("abcd"))
	if string(a) != string(b) {
		t.Errorf("Sign(ab, cd) = %s, Sign(abcd) = %s; want equal", a, b)
	}
	if other := mustSigner(t, "hmac-sha256", "other-key").Sign([]byte("abcd")); string(other) == string(b) {
		t.Error("signatures with different keys are equal")
	}
}

func TestNewSignerUnknownScheme(t *testing.T) {
	for _, scheme := range []string{"hmac-md5", "sha256", "hmac-sha384", "none"} {
		t.Run(scheme, func(t *testing.T) {
			s, err := NewSigner(scheme, testKey)
			if err == nil {
				t.Fatalf("NewSigner(%q) succeeded", scheme)
			}
			if s.Enabled() {
				t.Error("failed NewSigner returned an enabled Signer")
			}
		})
	}
}

func TestSignerEmptyKey(t *testing.T) {
	// Without a key, nothing is signed or checked, whatever the scheme.
	for _, scheme := range []string{"hmac-sha256", "hmac-sha512", "whatever"} {
		t.Run(scheme, func(t *testing.T) {
			s, err := NewSigner(scheme, "")
			if err != nil {
				t.Fatalf("NewSigner(%q, \"\") = %v, want nil", scheme, err)
			}
			if s.Enabled() {
				t.Error("Enabled() = true without a key")
			}
			if sig := s.Sign(testParts...); sig != nil {
				t.Errorf("Sign = %q, want nil", sig)
			}
			for _, sig := range []string{"", "garbage", vectorSHA256} {
				if err := s.Verify([]byte(sig), testParts...); err != nil {
					t.Errorf("Verify(%q) = %v, want nil", sig, err)
				}
			}
		})
	}
	var zero Signer
	if zero.Enabled() || zero.Sign([]byte("x")) != nil || zero.Verify(nil, []byte("x")) != nil {
		t.Error("zero Signer signs or checks")
	}
}

func TestSignerVerifyRejects(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", testKey)
	good := []byte(vectorSHA256)

	flip := func(i int) []byte {
		b := append([]byte(nil), good...)
		if b[i] == '0' {
			b[i] = '1'
		} else {
			b[i] = '0'
		}
		return b
	}
	tests := []struct {
		name string
		sig  []byte
	}{
		{"missing", nil},
		{"empty", []byte{}},
		{"first hex digit differs", flip(0)},
		{"middle hex digit differs", flip(len(good) / 2)},
		{"last hex digit differs", flip(len(good) - 1)},
		{"truncated", good[:len(good)-1]},
		{"one extra digit", append(append([]byte(nil), good...), '0')},
		{"sha512 signature", []byte(vectorSHA512)},
		{"upper case hex", []byte("0CE47A85AABAA0215F81480B54EFCA78921E344898828B66E316B7C308A6477E")},
		{"raw bytes instead of hex", mustDecodeHex(t, vectorSHA256)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Verify(tt.sig, testParts...)
			if !errors.Is(err, ErrBadSignature) {
				t.Errorf("Verify = %v, want ErrBadSignature", err)
			}
		})
	}

	t.Run("content changed", func(t *testing.T) {
		parts := append([][]byte(nil), testParts...)
		parts[3] = []byte(`{"code":"1+2"}`)
		if err := s.Verify(good, parts...); !errors.Is(err, ErrBadSignature) {
			t.Errorf("Verify = %v, want ErrBadSignature", err)
		}
	})
	t.Run("good", func(t *testing.T) {
		if err := s.Verify(good, testParts...); err != nil {
			t.Errorf("Verify = %v, want nil", err)
		}
	})
}

func mustDecodeHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
