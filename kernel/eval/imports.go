package eval

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"maps"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/stdlib"

	"gopar/kernel/eval/preload"
	"gopar/kernel/stdnames"
)

// stdPackages maps the name of each standard library package the
// interpreter has to its import path.
var stdPackages = func() map[string]string {
	var paths []string
	for key := range stdlib.Symbols {
		paths = append(paths, path.Dir(key))
	}
	return stdnames.Resolve(paths)
}()

// autoImport imports the standard library packages that f uses by name
// without importing them, as goimports would, and says so once for each.
func (s *Session) autoImport(ctx context.Context, f *ast.File) error {
	var missing []string
	seen := map[string]bool{}
	unresolved := map[*ast.Ident]bool{}
	for _, id := range f.Unresolved {
		unresolved[id] = true
	}
	for _, is := range f.Imports {
		// The file's own imports are no business of this.
		name := is.Path.Value
		if p, err := strconv.Unquote(name); err == nil {
			name = packageName(p)
		}
		if is.Name != nil {
			name = is.Name.Name
		}
		seen[name] = true
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok || !unresolved[id] || seen[id.Name] || s.imports[id.Name] != "" || s.defined[id.Name] || stdPackages[id.Name] == "" {
			return true
		}
		seen[id.Name] = true
		missing = append(missing, id.Name)
		return true
	})
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	var src strings.Builder
	src.WriteString("package main\nimport (\n")
	for _, name := range missing {
		fmt.Fprintf(&src, "\t%q\n", stdPackages[name])
	}
	src.WriteString(")\n")
	imp, err := parser.ParseFile(s.interp.FileSet(), cellFile, src.String(), 0)
	if err != nil {
		return compileError(err)
	}
	if _, err := s.execute(ctx, imp); err != nil {
		return err
	}
	for _, name := range missing {
		p := stdPackages[name]
		s.imports[name] = p
		s.panics.printf("gopar: imported %q for you; add import %q to keep the cell complete\n", p, p)
	}
	return nil
}

// Packages maps the names cells use without an import line to import
// paths: the standard library's packages and the runtime's short names.
func Packages() map[string]string {
	out := maps.Clone(stdPackages)
	maps.Copy(out, preload.Names)
	return out
}
