package eval

import (
	"context"
	"go/parser"
	"go/token"
	"strings"

	"gopar/kernel/jit"
	"gopar/kernel/modules"
)

// PackageImporter loads packages of Go modules for cells: fetched,
// built and cached by the go command. *jit.Compiler is one.
type PackageImporter interface {
	Import(ctx context.Context, path string) (*jit.Package, error)
}

// importModules loads the packages of Go modules that the cell's import
// lines name and the session has not loaded yet, before the checker and
// the interpreter see the cell.
func (s *Session) importModules(ctx context.Context, n int, code string) error {
	paths := cellImports(code)
	for _, path := range paths {
		if !modules.External(path) || s.moduleSymbols[path] {
			continue
		}
		if s.modules == nil {
			return &Error{Name: "ImportError", Value: "this kernel cannot import packages of Go modules such as " + path,
				Traceback: []string{"ImportError: package " + path + " is not available: this kernel was started without module support"}}
		}
		pkg, err := s.modules.Import(ctx, path)
		if err != nil {
			return err
		}
		if err := s.interp.Use(pkg.Symbols); err != nil {
			return &Error{Name: "ImportError", Value: "the interpreter refused the symbols of " + path + ": " + err.Error()}
		}
		if imp := importer(); imp != nil {
			imp.AddSources(pkg.Dirs)
		}
		s.moduleSymbols[path] = true
		for p := range pkg.Dirs {
			s.modulePackages[p] = true
		}
	}
	return nil
}

// cellImports are the paths a cell's import lines name. Statements may
// follow the imports, so only the lines up to the first other
// declaration are read, as a file's imports.
func cellImports(code string) []string {
	if !strings.Contains(code, "import") {
		return nil // most cells: no second split
	}
	var paths []string
	for _, p := range splitCell(code).pieces {
		if !p.decl {
			continue
		}
		src := p.source(0)
		if !strings.Contains(src, "import") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
		if err != nil {
			continue // the cell's own run reports it
		}
		for _, is := range f.Imports {
			paths = append(paths, strings.Trim(is.Path.Value, "\"`"))
		}
	}
	return paths
}
