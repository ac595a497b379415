package ipynb

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gopar/internal/fuzzcheck"
)

// FuzzParse: no file crashes Parse; a notebook it accepts writes out and
// reads back the same, and writing that again changes nothing.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.ipynb")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}`))
	f.Add([]byte(`{"nbformat": 3}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var nb *Notebook
		var err error
		fuzzcheck.Allocs(t, len(b), func() { nb, err = Parse(b) })
		if err != nil {
			return
		}
		out, err := nb.Marshal()
		if err != nil {
			return // a value JSON cannot hold (say, NaN) is refused, not crashed on
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("a written notebook does not parse: %v\n%s", err, out)
		}
		out2, err := again.Marshal()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("writing is not stable (%v):\n%s\n---\n%s", err, out, out2)
		}
	})
}
