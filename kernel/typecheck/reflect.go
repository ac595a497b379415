package typecheck

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"
)

// converter makes go/types types of reflect types, for the packages
// compiled into the kernel, which the checker knows only through the
// interpreter's symbol tables, and for values the kernel hands to cells.
type converter struct {
	// lookup finds an importable package (the standard library) where a
	// named type is declared; nil when the converter is to make it.
	lookup func(path string) *types.Package
	pkgs   map[string]*types.Package
	named  map[reflect.Type]types.Type
}

func newConverter(lookup func(string) *types.Package) *converter {
	return &converter{lookup: lookup, pkgs: map[string]*types.Package{}, named: map[reflect.Type]types.Type{}}
}

// pkg builds the package at path from its symbol table, whose values
// follow yaegi's convention: a function as itself, a variable as a
// pointer to it, a type as a nil pointer to it, a constant as a
// constant.Value.
func (c *converter) pkg(path string, syms map[string]reflect.Value) *types.Package {
	p := c.ownPackage(path)
	for name, v := range syms {
		if strings.HasPrefix(name, "_") || !v.IsValid() {
			continue // the interpreter's interface wrappers
		}
		var obj types.Object
		switch {
		case v.Type() == reflect.TypeFor[constant.Value]():
			cv := v.Interface().(constant.Value)
			obj = types.NewConst(token.NoPos, p, name, untypedOf(cv), cv)
		case v.Kind() == reflect.Func:
			sig, _ := c.typ(v.Type()).(*types.Signature)
			if sig == nil {
				continue
			}
			obj = types.NewFunc(token.NoPos, p, name, sig)
		case v.Kind() == reflect.Pointer && v.IsNil():
			t := c.typ(v.Type().Elem())
			if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == p && n.Obj().Name() == name {
				obj = n.Obj()
			} else {
				obj = types.NewTypeName(token.NoPos, p, name, t)
			}
		case v.Kind() == reflect.Pointer:
			obj = types.NewVar(token.NoPos, p, name, c.typ(v.Type().Elem()))
		default:
			obj = types.NewVar(token.NoPos, p, name, c.typ(v.Type()))
		}
		p.Scope().Insert(obj)
	}
	p.MarkComplete()
	return p
}

// ownPackage is the package the converter makes for path.
func (c *converter) ownPackage(path string) *types.Package {
	if p, ok := c.pkgs[path]; ok {
		return p
	}
	name := path[strings.LastIndex(path, "/")+1:]
	p := types.NewPackage(path, name)
	c.pkgs[path] = p
	return p
}

func untypedOf(v constant.Value) types.Type {
	switch v.Kind() {
	case constant.Bool:
		return types.Typ[types.UntypedBool]
	case constant.String:
		return types.Typ[types.UntypedString]
	case constant.Int:
		return types.Typ[types.UntypedInt]
	case constant.Float:
		return types.Typ[types.UntypedFloat]
	case constant.Complex:
		return types.Typ[types.UntypedComplex]
	}
	return types.Typ[types.Invalid]
}

var basicKinds = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

// typ converts t. A named type is looked up where it is declared when that
// package is importable, else made with its methods.
func (c *converter) typ(t reflect.Type) types.Type {
	if t == nil {
		return types.Typ[types.Invalid]
	}
	if cached, ok := c.named[t]; ok {
		return cached
	}
	if t.Name() != "" {
		return c.namedType(t)
	}
	return c.unnamed(t)
}

func (c *converter) fieldPkg(path string) *types.Package {
	if path == "" {
		return nil
	}
	return c.ownPackage(path)
}

func (c *converter) iface(t reflect.Type) *types.Interface {
	methods := make([]*types.Func, t.NumMethod())
	for i := range methods {
		m := t.Method(i)
		methods[i] = types.NewFunc(token.NoPos, c.fieldPkg(m.PkgPath), m.Name, c.signature(m.Type, nil, false))
	}
	it := types.NewInterfaceType(methods, nil)
	it.Complete()
	return it
}

// signature converts a func type; with recv, its first parameter is the
// receiver, dropped from the parameters.
func (c *converter) signature(t reflect.Type, recv *types.Var, hasRecv bool) *types.Signature {
	var params, results []*types.Var
	for i := 0; i < t.NumIn(); i++ {
		if hasRecv && i == 0 {
			continue
		}
		params = append(params, types.NewParam(token.NoPos, nil, "", c.typ(t.In(i))))
	}
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, nil, "", c.typ(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

// namedType finds or makes the named type t.
func (c *converter) namedType(t reflect.Type) types.Type {
	if t.PkgPath() == "" {
		if k, ok := basicKinds[t.Kind()]; ok && t.Name() == types.Typ[k].Name() {
			return types.Typ[k]
		}
		if t == reflect.TypeFor[error]() {
			return types.Universe.Lookup("error").Type()
		}
		return types.Typ[types.Invalid]
	}
	if p := c.lookup(t.PkgPath()); p != nil {
		if obj, ok := p.Scope().Lookup(t.Name()).(*types.TypeName); ok {
			c.named[t] = obj.Type()
			return obj.Type()
		}
	}
	p := c.ownPackage(t.PkgPath())
	if obj, ok := p.Scope().Lookup(t.Name()).(*types.TypeName); ok {
		if n, ok := obj.Type().(*types.Named); ok {
			c.named[t] = n
			return n
		}
	}
	obj := types.NewTypeName(token.NoPos, p, t.Name(), nil)
	n := types.NewNamed(obj, nil, nil)
	c.named[t] = n
	if t.Kind() == reflect.Interface {
		n.SetUnderlying(c.iface(t))
		return n
	}
	// The underlying type is t's structure without its name: reflect
	// cannot give it directly, so rebuild it from the kind.
	n.SetUnderlying(c.unnamed(t))
	ptr := reflect.PointerTo(t)
	for i := 0; i < ptr.NumMethod(); i++ {
		m := ptr.Method(i)
		_, valueRecv := t.MethodByName(m.Name)
		var rt types.Type = types.NewPointer(n)
		if valueRecv {
			rt = n
		}
		recv := types.NewParam(token.NoPos, p, "", rt)
		n.AddMethod(types.NewFunc(token.NoPos, p, m.Name, c.signature(m.Type, recv, true)))
	}
	return n
}

// unnamed converts t's structure, without its name if it has one.
func (c *converter) unnamed(t reflect.Type) types.Type {
	if k, ok := basicKinds[t.Kind()]; ok {
		return types.Typ[k]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return types.NewPointer(c.typ(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(c.typ(t.Elem()))
	case reflect.Array:
		return types.NewArray(c.typ(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(c.typ(t.Key()), c.typ(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, c.typ(t.Elem()))
	case reflect.Func:
		return c.signature(t, nil, false)
	case reflect.Interface:
		return c.iface(t)
	case reflect.Struct:
		fields := make([]*types.Var, t.NumField())
		tags := make([]string, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fields[i] = types.NewField(token.NoPos, c.fieldPkg(f.PkgPath), f.Name, c.typ(f.Type), f.Anonymous)
			tags[i] = string(f.Tag)
		}
		return types.NewStruct(fields, tags)
	}
	return types.Typ[types.Invalid]
}
