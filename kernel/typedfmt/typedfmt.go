// Package typedfmt formats a value as package fmt would, given the static
// Go type the value has in the program, for values whose run-time type has
// lost its name and methods: an interpreter builds the types a notebook
// cell declares with reflect, so `type Point struct{X, Y int}` is an
// unnamed struct at run time, and fmt cannot print `main.Point`, nor find
// a String method of a Point inside a slice.
//
// A Value carries the static type (from go/types) and the methods fmt
// calls (String, Error, GoString), as functions the interpreter supplies;
// it implements fmt.Formatter, so it goes wherever fmt takes an operand.
package typedfmt

import (
	"bytes"
	"cmp"
	"fmt"
	"go/types"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Methods are the methods fmt may call on the values inside a Value, by
// method name and the type they are called on, as Key makes the key.
type Methods map[string]func(any) string

// Key is the key in Methods of method name (String, Error, GoString) of
// the type written typ (as TypeString writes it: "main.Point",
// "*main.Point").
func Key(name, typ string) string { return name + ":" + typ }

// Value is an operand for fmt.
type Value struct {
	v reflect.Value
	t types.Type
	m Methods
}

// New makes an operand of v, whose static type is t.
func New(v any, t types.Type, m Methods) Value {
	return Value{v: unwrap(reflect.ValueOf(v)), t: t, m: m}
}

// unwrap reads the value out of an interpreter's wrapper that shows fmt a
// method (a struct whose first field, IValue, holds the value).
func unwrap(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Struct && v.NumField() > 0 && v.Type().Field(0).Name == "IValue" && v.Type().PkgPath() != "" {
		v = v.Field(0)
		if v.Kind() == reflect.Interface {
			v = v.Elem()
		}
	}
	return v
}

// TypeString writes t as fmt's %T does: package names, not paths, and
// the type arguments of a generic type without spaces (main.Pair[string,int]).
func TypeString(t types.Type) string {
	if sig, ok := t.(*types.Signature); ok {
		t = unnamed(sig) // reflect names no parameters
	}
	s := types.TypeString(t, func(p *types.Package) string { return p.Name() })
	if !strings.Contains(s, ", ") {
		return s
	}
	var b strings.Builder
	var open []byte // the brackets around each position
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '[', '(', '{':
			open = append(open, c)
		case ']', ')', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case ' ':
			if i > 0 && s[i-1] == ',' && len(open) > 0 && open[len(open)-1] == '[' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unnamed is sig without the names of its parameters and results.
func unnamed(sig *types.Signature) *types.Signature {
	strip := func(t *types.Tuple) *types.Tuple {
		vars := make([]*types.Var, t.Len())
		for i := range vars {
			vars[i] = types.NewParam(t.At(i).Pos(), t.At(i).Pkg(), "", t.At(i).Type())
		}
		return types.NewTuple(vars...)
	}
	return types.NewSignatureType(nil, nil, nil, strip(sig.Params()), strip(sig.Results()), sig.Variadic())
}

// Walk calls visit for t and each type in its structure, once each:
// elements, keys, fields, parameters and results, and the underlying
// types of package main's named types (the others are compiled: fmt and
// json know them). Interfaces are not looked into.
func Walk(t types.Type, visit func(types.Type)) {
	seen := map[types.Type]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		t = types.Unalias(t)
		if seen[t] {
			return
		}
		seen[t] = true
		visit(t)
		switch t := t.(type) {
		case *types.Named:
			if IsCellType(t) {
				walk(t.Underlying())
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				walk(t.Field(i).Type())
			}
		case *types.Signature:
			for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
				for i := 0; i < tuple.Len(); i++ {
					walk(tuple.At(i).Type())
				}
			}
		}
	}
	walk(t)
}

// IsCellType tells a named type of package main, a cell's, that the
// interpreter runs: not one MarkCompiled marked.
func IsCellType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" {
		return false
	}
	_, compiled := compiledTypes.Load(n.Origin().Obj())
	return !compiled
}

// compiledTypes are the cells' types that are compiled, by the checker's
// object: their values keep their names and methods at run time, as other
// compiled types' do. Objects are the checker's own, so sessions in one
// process do not mix.
var compiledTypes sync.Map

// MarkCompiled tells that the cell type obj is compiled.
func MarkCompiled(obj *types.TypeName) { compiledTypes.Store(obj, true) }

// Involves tells whether t's structure (not counting interfaces) holds a
// named type of package main, whose values lose their name at run time.
func Involves(t types.Type) bool {
	found := false
	Walk(t, func(t types.Type) { found = found || IsCellType(t) })
	return found
}

// Format implements fmt.Formatter.
func (x Value) Format(st fmt.State, verb rune) {
	p := &printer{st: st, m: x.m, verb: verb, sharp: st.Flag('#') && verb == 'v', plus: st.Flag('+') && verb == 'v'}
	p.directive = fmt.FormatString(st, verb)
	if verb == 'T' {
		fmt.Fprintf(st, strings.Replace(p.directive, "T", "s", 1), TypeString(x.t))
		return
	}
	var b bytes.Buffer
	p.w = &b
	p.print(x.v, x.t, 0)
	_, _ = st.Write(b.Bytes())
}

type printer struct {
	st          fmt.State
	w           *bytes.Buffer
	m           Methods
	verb        rune
	directive   string // the verb with its flags, width and precision
	sharp, plus bool
}

// leaf prints a value fmt can print itself.
func (p *printer) leaf(v reflect.Value) {
	if !v.IsValid() {
		p.w.WriteString("<nil>")
		return
	}
	if !v.CanInterface() {
		fmt.Fprintf(p.w, p.directive, fmt.Sprint(v))
		return
	}
	fmt.Fprintf(p.w, p.directive, v.Interface())
}

// method calls a method of v of static type t that fmt would call, and
// reports whether there was one.
func (p *printer) method(v reflect.Value, t types.Type) bool {
	if p.verb == 'p' || !v.IsValid() || !v.CanInterface() {
		return false
	}
	name := TypeString(t)
	call := func(m func(any) string) (s string, panicked any) {
		defer func() { panicked = recover() }()
		return m(v.Interface()), nil
	}
	use := func(method string) bool {
		m := p.m[Key(method, name)]
		if m == nil {
			return false
		}
		if v.Kind() == reflect.Pointer && v.IsNil() {
			p.w.WriteString("<nil>")
			return true
		}
		s, panicked := call(m)
		if panicked != nil {
			fmt.Fprintf(p.w, "%%!%c(PANIC=%s method: %v)", p.verb, method, panicked)
			return true
		}
		if method == "GoString" {
			p.w.WriteString(s)
		} else {
			fmt.Fprintf(p.w, p.directive, s)
		}
		return true
	}
	if p.sharp {
		return use("GoString")
	}
	switch p.verb {
	case 'v', 's', 'x', 'X', 'q':
		return use("Error") || use("String")
	}
	return false
}

// print prints v, of static type t, at depth (0 for the operand itself).
func (p *printer) print(v reflect.Value, t types.Type, depth int) {
	if !Involves(t) {
		p.leaf(v)
		return
	}
	if p.method(v, t) {
		return
	}
	if !v.IsValid() {
		p.w.WriteString("<nil>")
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		p.pointer(v, t, u, depth)
	case *types.Struct:
		p.structure(v, t, u, depth)
	case *types.Slice:
		if p.sharp && v.IsNil() {
			p.w.WriteString(TypeString(t) + "(nil)")
			return
		}
		p.list(v, t, u.Elem(), depth)
	case *types.Array:
		p.list(v, t, u.Elem(), depth)
	case *types.Map:
		p.mapping(v, t, u, depth)
	default:
		p.leaf(v)
	}
}

func (p *printer) pointer(v reflect.Value, t types.Type, u *types.Pointer, depth int) {
	if v.IsNil() {
		if p.sharp {
			p.w.WriteString("(" + TypeString(t) + ")(nil)")
			return
		}
		p.w.WriteString("<nil>")
		return
	}
	if depth == 0 {
		switch u.Elem().Underlying().(type) {
		case *types.Struct, *types.Slice, *types.Array, *types.Map:
			p.w.WriteByte('&')
			p.print(v.Elem(), u.Elem(), depth+1)
			return
		}
	}
	if p.sharp {
		fmt.Fprintf(p.w, "(%s)(0x%x)", TypeString(t), v.Pointer())
		return
	}
	fmt.Fprintf(p.w, "0x%x", v.Pointer())
}

func (p *printer) structure(v reflect.Value, t types.Type, u *types.Struct, depth int) {
	if p.sharp {
		p.w.WriteString(TypeString(t))
	}
	p.w.WriteByte('{')
	for i := 0; i < u.NumFields() && i < v.NumField(); i++ {
		if i > 0 {
			if p.sharp {
				p.w.WriteString(", ")
			} else {
				p.w.WriteByte(' ')
			}
		}
		if p.sharp || p.plus {
			p.w.WriteString(u.Field(i).Name() + ":")
		}
		p.field(v.Field(i), u.Field(i).Type(), depth)
	}
	p.w.WriteByte('}')
}

// field prints an element of a composite: an interface holds its value,
// printed by fmt, with no static type to go by.
func (p *printer) field(v reflect.Value, t types.Type, depth int) {
	if _, isIface := t.Underlying().(*types.Interface); isIface {
		if v.IsNil() {
			if p.sharp {
				p.w.WriteString(TypeString(t) + "(nil)")
				return
			}
			p.w.WriteString("<nil>")
			return
		}
		p.leaf(unwrap(v.Elem()))
		return
	}
	p.print(v, t, depth+1)
}

func (p *printer) list(v reflect.Value, t, elem types.Type, depth int) {
	open, sep, end := "[", " ", "]"
	if p.sharp {
		open, sep, end = TypeString(t)+"{", ", ", "}"
	}
	p.w.WriteString(open)
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			p.w.WriteString(sep)
		}
		p.field(v.Index(i), elem, depth)
	}
	p.w.WriteString(end)
}

func (p *printer) mapping(v reflect.Value, t types.Type, u *types.Map, depth int) {
	if p.sharp && v.IsNil() {
		p.w.WriteString(TypeString(t) + "(nil)")
		return
	}
	open, sep, end := "map[", " ", "]"
	if p.sharp {
		open, sep, end = TypeString(t)+"{", ", ", "}"
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, compare)
	p.w.WriteString(open)
	for i, k := range keys {
		if i > 0 {
			p.w.WriteString(sep)
		}
		p.field(k, u.Key(), depth)
		p.w.WriteByte(':')
		p.field(v.MapIndex(k), u.Elem(), depth)
	}
	p.w.WriteString(end)
}

// compare orders map keys as fmt does: numbers, strings and booleans by
// value, pointers and channels by address, structs and arrays field by
// field.
func compare(a, b reflect.Value) int {
	if a.Kind() == reflect.Interface {
		a, b = a.Elem(), b.Elem()
		if !a.IsValid() || !b.IsValid() {
			return cmp.Compare(boolInt(a.IsValid()), boolInt(b.IsValid()))
		}
		if a.Type() != b.Type() {
			return strings.Compare(a.Type().String(), b.Type().String())
		}
	}
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(a.Uint(), b.Uint())
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(a.Float(), b.Float())
	case reflect.String:
		return strings.Compare(a.String(), b.String())
	case reflect.Bool:
		return cmp.Compare(boolInt(a.Bool()), boolInt(b.Bool()))
	case reflect.Pointer, reflect.Chan, reflect.UnsafePointer:
		return cmp.Compare(a.Pointer(), b.Pointer())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if c := compare(a.Field(i), b.Field(i)); c != 0 {
				return c
			}
		}
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if c := compare(a.Index(i), b.Index(i)); c != 0 {
				return c
			}
		}
	}
	return strings.Compare(strconv.Quote(fmt.Sprint(a)), strconv.Quote(fmt.Sprint(b)))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
