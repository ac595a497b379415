package jit

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"go/token"

	"gopar/kernel/stdnames"
)

// Types that cells declare are compiled into a package of their own, at an
// import path named by its content, rather than into a plugin's main
// package: every later plugin imports that package, and the Go runtime
// then gives all of them one copy of each type, so a value made by one
// plugin has the same type in the next, and in the interpreter. The
// compiler is told the package is named main (see mainname), so that %T
// prints main.T as go run does.

// typesDir is the directory, in the module sources, of the packages of
// cell types; their import paths start with the module path and it.
const typesDir = "celltypes"

// typesExport names the map through which a types plugin hands out its
// types, each as a nil pointer to it.
const typesExport = "GoparTypes"

//go:embed mainname/main.go
var mainnameSource []byte

// TypeProgram is type declarations of cells, with their methods.
type TypeProgram struct {
	// Names are the types to hand out.
	Names []string
	// Decls are the declarations, types and methods, in the compiler's
	// text; Name and Signature are unused.
	Decls []Source
	// Uses are packages of types built before that Decls name, without a
	// qualifier: the package declares an alias of each.
	Uses []TypeRef
	// Vars are the session's variables that methods use, each through a
	// pointer VarPrefix+Name that the caller sets after loading.
	Vars []Var
}

// TypeRef names types of a built package.
type TypeRef struct {
	Path  string // import path
	Alias string // the name sources import it under
	Names []string
}

// TypePackage is a built and loaded TypeProgram.
type TypePackage struct {
	TypeRef
	// Types are the run-time types, by name.
	Types map[string]reflect.Type
	// Pointers are the package's pointers to the variables of Vars, by
	// name, each a reflect.Value of type **T, as Built.Pointers.
	Pointers map[string]reflect.Value
	Cached   bool
	Elapsed  time.Duration
}

// BuildTypes compiles p into a package of its own and loads its types.
// The same program gives the same package, also in another process.
func (c *Compiler) BuildTypes(ctx context.Context, p TypeProgram) (*TypePackage, error) {
	start := time.Now()
	if err := pluginSupport(); err != nil {
		return nil, err
	}
	tc, err := c.toolchain(ctx)
	if err != nil {
		return nil, err
	}
	if err := tc.mainnameTool(ctx); err != nil {
		return nil, err
	}
	src := typesSource(p)
	key := tc.key(map[string]string{"types.go": src})
	ref := TypeRef{Path: tc.modPath + "/" + typesDir + "/t" + key, Alias: "__gopar_ct_" + key[:12], Names: p.Names}
	if err := tc.writeTypes(key, src); err != nil {
		return nil, errorf("", "cannot write the package of cell types: %v", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package main\n\nimport %s %q\n\n// The types, for the kernel to look up.\nvar %s = map[string]any{\n", ref.Alias, ref.Path, typesExport)
	for _, name := range p.Names {
		fmt.Fprintf(&b, "\t%q: (*%s.%s)(nil),\n", name, ref.Alias, exported(name))
	}
	fmt.Fprintf(&b, "\t\"GoparComposites\": (*%s.GoparComposites)(nil),\n", ref.Alias)
	fmt.Fprintf(&b, "\t%q: (*%s.%s)(nil),\n}\n", typesVars, ref.Alias, typesVars)
	lib, cached, err := tc.plugin(ctx, map[string]string{"types.go": b.String()})
	if err != nil {
		return nil, err
	}
	sym, err := lookup(lib, typesExport)
	if err != nil {
		return nil, err
	}
	m, ok := sym.(*map[string]any)
	if !ok {
		return nil, errorf("", "the compiled types are a %T, not a map", sym)
	}
	out := &TypePackage{TypeRef: ref, Types: map[string]reflect.Type{}, Pointers: map[string]reflect.Value{}, Cached: cached}
	if len(p.Vars) > 0 {
		vars, ok := (*m)[typesVars]
		if !ok {
			return nil, errorf("", "cannot find the variables of the compiled types")
		}
		ptrs, ok := reflect.New(reflect.TypeOf(vars).Elem()).Elem().Interface().(interface{ Pointers() map[string]any })
		if !ok {
			return nil, errorf("", "the variables of the compiled types are a %T", vars)
		}
		for name, ptr := range ptrs.Pointers() {
			out.Pointers[name] = reflect.ValueOf(ptr)
		}
	}
	for _, name := range p.Names {
		v, ok := (*m)[name]
		if !ok {
			return nil, errorf("", "cannot find type %s in the compiled code", name)
		}
		out.Types[name] = reflect.TypeOf(v).Elem()
	}
	out.Elapsed = time.Since(start)
	return out, nil
}

// typesSource writes a TypeProgram as its package's one file. The package
// clause says celltypes, for the go command; the compiler reads main.
func typesSource(p TypeProgram) string {
	var b strings.Builder
	b.WriteString("package celltypes\n\n")
	imports := map[string]string{}
	for _, d := range p.Decls {
		maps.Copy(imports, d.Imports)
	}
	for _, v := range p.Vars {
		maps.Copy(imports, v.Imports)
	}
	for _, u := range p.Uses {
		imports[u.Alias] = u.Path
	}
	// Positions from here on are the cells' own, or this file's under a
	// fixed name: the package's export data must not depend on where a
	// build copied it.
	b.WriteString("//line celltypes.go:3\n")
	for _, name := range slices.Sorted(maps.Keys(imports)) {
		if stdnames.Name(imports[name]) == name {
			fmt.Fprintf(&b, "import %q\n", imports[name])
		} else {
			fmt.Fprintf(&b, "import %s %q\n", name, imports[name])
		}
	}
	for _, u := range p.Uses {
		for _, name := range u.Names {
			fmt.Fprintf(&b, "\ntype %s = %s.%s\n", name, u.Alias, exported(name))
		}
	}
	// Exported names for the types, which cells may name in lower case,
	// for the plugins that import the package.
	b.WriteString("\n")
	for _, name := range p.Names {
		if name != exported(name) {
			fmt.Fprintf(&b, "type %s = %s\n", exported(name), name)
		}
	}
	// The unnamed types most often made of cell types, built here first:
	// the interpreter's reflect finds them in the plugin that loads the
	// package, and later plugins link to them, so that a []T is one type
	// everywhere (one made by reflect before a plugin had it would differ
	// from the plugin's).
	// A type, as an exported variable or function of a package the
	// compiler takes for main would be a symbol of the plugin.
	b.WriteString("\ntype GoparComposites struct {\n")
	field := 0
	for _, name := range p.Names {
		if strings.HasPrefix(name, WrapperPrefix) {
			continue
		}
		for _, c := range []string{"[]%s", "*%s", "[]*%s", "[][]%s", "map[string]%s", "map[string]*%s", "map[int]%s", "map[string][]%s", "chan %s", "func(%s) bool", "func(%[1]s, %[1]s) int", "func(%[1]s, %[1]s) bool"} {
			fmt.Fprintf(&b, "\tF%d %s\n", field, fmt.Sprintf(c, name))
			field++
		}
	}
	b.WriteString("}\n")
	// The session's variables that methods use, set after loading,
	// unexported: an exported variable of a package the compiler takes
	// for main would be a symbol of the plugin. The caller reaches them
	// through a method of typesVars.
	fmt.Fprintf(&b, "\ntype %s struct{}\n\nfunc (%s) Pointers() map[string]any {\n\treturn map[string]any{\n", typesVars, typesVars)
	for _, v := range p.Vars {
		fmt.Fprintf(&b, "\t\t%q: &%s,\n", v.Name, TypesVarPrefix+v.Name)
	}
	b.WriteString("\t}\n}\n")
	if len(p.Vars) > 0 {
		b.WriteString("\nvar (\n")
		for _, v := range p.Vars {
			fmt.Fprintf(&b, "\t%s *%s\n", TypesVarPrefix+v.Name, v.Type)
		}
		b.WriteString(")\n")
	}
	for _, d := range p.Decls {
		fmt.Fprintf(&b, "\n//line %s:%d:%d\n%s\n", cellName(d.Cell), d.Line, d.Col, d.Text)
	}
	return b.String()
}

// TypesVarPrefix names the pointer through which the methods in a package
// of cell types reach a session variable, as VarPrefix does in a program.
const TypesVarPrefix = "goparVar_"

// typesVars is the type whose method Pointers hands out a package's
// pointers to session variables.
const typesVars = "GoparVars"

// WrapperPrefix begins the name of a type that TypeProgram.Decls declare
// for the caller's own use, not a cell's (an interface's wrapper): no
// composite types are made of it.
const WrapperPrefix = "GoparWrap"

// exported is the name under which a type package exports a type: its
// own when exported, else with a prefix.
func exported(name string) string {
	if token.IsExported(name) {
		return name
	}
	return "GoparT_" + name
}

// writeTypes puts a package of cell types in the module sources, unless it
// is there. Later plugins compile against it, so it stays.
func (t *toolchain) writeTypes(key, src string) error {
	root := filepath.Join(t.srcDir, typesDir)
	dir := filepath.Join(root, "t"+key)
	if _, err := os.Stat(filepath.Join(dir, "types.go")); err == nil {
		return nil
	}
	if err := os.Mkdir(root, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	tmp, err := os.MkdirTemp(root, "tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, "types.go"), []byte(src), 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, "types.go")); statErr == nil {
			return nil // another kernel wrote it meanwhile
		}
		return err
	}
	return nil
}

// mainnameTool builds the wrapper that makes the compiler name packages
// of cell types main, once per its source; every build passes it to
// -toolexec from then on, so that a package of cell types compiled again
// (the build cache emptied) comes out the same.
func (t *toolchain) mainnameTool(ctx context.Context) error {
	if t.toolexec != "" {
		return nil
	}
	sum := sha256.Sum256(mainnameSource)
	hash := hex.EncodeToString(sum[:])[:16]
	exe := filepath.Join(t.cacheDir, "tools", "mainname-"+hash)
	if _, err := os.Stat(exe); err != nil {
		if err := os.MkdirAll(filepath.Join(t.cacheDir, "tools"), 0o700); err != nil {
			return errorf("", "cannot make the tools directory: %v", err)
		}
		dir, err := os.MkdirTemp(filepath.Join(t.cacheDir, "tools"), "src-")
		if err != nil {
			return errorf("", "cannot write the mainname tool: %v", err)
		}
		defer os.RemoveAll(dir)
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module mainname\n\ngo 1.22\n"), 0o600); err != nil {
			return errorf("", "cannot write the mainname tool: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), mainnameSource, 0o600); err != nil {
			return errorf("", "cannot write the mainname tool: %v", err)
		}
		tmp := filepath.Join(dir, "mainname")
		if _, err := t.run(ctx, dir, "build", "-o", tmp, "."); err != nil {
			return errorf("", "cannot build the mainname tool: %v", err)
		}
		if err := os.Rename(tmp, exe); err != nil {
			return errorf("", "cannot store the mainname tool: %v", err)
		}
	}
	t.toolexec = exe
	t.env = append(t.env, mainnamePrefixEnv+"="+t.modPath+"/"+typesDir+"/")
	return nil
}

// mainnamePrefixEnv is mainname's PrefixEnv.
const mainnamePrefixEnv = "GOPAR_MAINNAME"

// modulePath reads the module path from go.mod's text.
func modulePath(gomod []byte) string {
	for line := range strings.Lines(string(gomod)) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
