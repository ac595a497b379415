package goast

import (
	"go/parser"
	"testing"
)

func TestReceiverName(t *testing.T) {
	for src, want := range map[string]string{
		"T": "T", "*T": "T", "T[K]": "T", "*T[K, V]": "T", "(*T)": "T", "[]T": "", "pkg.T": "",
	} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := ReceiverName(e); got != want {
			t.Errorf("ReceiverName(%s) = %q, want %q", src, got, want)
		}
	}
}
