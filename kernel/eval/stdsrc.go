package eval

import (
	"embed"
	"fmt"
	"go/parser"
	"path"
	"strings"
)

// stdSources are generic functions of the standard library, written for the
// interpreter, which lacks them or cannot instantiate its own (slices.Sort,
// slices.Max, ...). Each file adds to the package it names.
//
//go:embed stdsrc/*.go.txt
var stdSources embed.FS

// loadStdSources compiles stdSources into the interpreter.
func (s *Session) loadStdSources() error {
	entries, err := stdSources.ReadDir("stdsrc")
	if err != nil {
		return err
	}
	for _, e := range entries {
		src, err := stdSources.ReadFile(path.Join("stdsrc", e.Name()))
		if err != nil {
			return err
		}
		// A file name of its own: the interpreter scopes imports by it.
		name := "gopar_" + strings.TrimSuffix(e.Name(), ".txt")
		f, err := parser.ParseFile(s.interp.FileSet(), name, src, 0)
		if err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
		if _, err := s.compile(f); err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
	}
	return nil
}
