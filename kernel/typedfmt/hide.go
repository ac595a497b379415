package typedfmt

import (
	"go/types"
	"reflect"
	"strings"
)

// HideUnexported returns a copy of v, whose static type is t, in which
// the fields t declares unexported are hidden from encoding/json and
// encoding/xml. An interpreter that builds a cell's struct types with
// reflect must export every field (it names `secret` Xsecret), so json
// would write them; the copy's struct types tag them `json:"-" xml:"-"`.
// A value with no such field is returned as it is.
func HideUnexported(v any, t types.Type) any {
	rv := unwrap(reflect.ValueOf(v))
	if !rv.IsValid() {
		return v
	}
	h := hider{types: map[reflect.Type]reflect.Type{}}
	rt := h.hiddenType(rv.Type(), t, 0)
	if rt == rv.Type() {
		return v
	}
	return h.copyTo(rv, rt, t).Interface()
}

// maxDepth bounds the types followed, for recursive types.
const maxDepth = 32

type hider struct{ types map[reflect.Type]reflect.Type }

// hiddenType is rt with the fields that t declares unexported tagged
// away; rt itself when there are none.
func (h hider) hiddenType(rt reflect.Type, t types.Type, depth int) reflect.Type {
	if depth > maxDepth {
		return rt
	}
	if out, ok := h.types[rt]; ok {
		return out
	}
	out := rt
	switch u := t.Underlying().(type) {
	case *types.Struct:
		if rt.Kind() != reflect.Struct || rt.NumField() != u.NumFields() {
			return rt
		}
		fields := make([]reflect.StructField, rt.NumField())
		changed := false
		for i := range fields {
			f := rt.Field(i)
			sf := u.Field(i)
			f.Type = h.hiddenType(f.Type, sf.Type(), depth+1)
			if !sf.Exported() && f.PkgPath == "" {
				f.Tag = `json:"-" xml:"-"`
			}
			changed = changed || f.Type != rt.Field(i).Type || f.Tag != rt.Field(i).Tag
			fields[i] = f
		}
		if changed {
			out = reflect.StructOf(fields)
		}
	case *types.Pointer:
		if rt.Kind() == reflect.Pointer {
			if e := h.hiddenType(rt.Elem(), u.Elem(), depth+1); e != rt.Elem() {
				out = reflect.PointerTo(e)
			}
		}
	case *types.Slice:
		if rt.Kind() == reflect.Slice {
			if e := h.hiddenType(rt.Elem(), u.Elem(), depth+1); e != rt.Elem() {
				out = reflect.SliceOf(e)
			}
		}
	case *types.Array:
		if rt.Kind() == reflect.Array {
			if e := h.hiddenType(rt.Elem(), u.Elem(), depth+1); e != rt.Elem() {
				out = reflect.ArrayOf(rt.Len(), e)
			}
		}
	case *types.Map:
		if rt.Kind() == reflect.Map {
			if e := h.hiddenType(rt.Elem(), u.Elem(), depth+1); e != rt.Elem() {
				out = reflect.MapOf(rt.Key(), e)
			}
		}
	}
	h.types[rt] = out
	return out
}

// copyTo copies v into a value of type rt, made by hiddenType from v's
// type and t.
func (h hider) copyTo(v reflect.Value, rt reflect.Type, t types.Type) reflect.Value {
	if v.Type() == rt {
		return v
	}
	out := reflect.New(rt).Elem()
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < rt.NumField(); i++ {
			out.Field(i).Set(h.copyTo(v.Field(i), rt.Field(i).Type, u.Field(i).Type()))
		}
	case *types.Pointer:
		if !v.IsNil() {
			p := reflect.New(rt.Elem())
			p.Elem().Set(h.copyTo(v.Elem(), rt.Elem(), u.Elem()))
			out.Set(p)
		}
	case *types.Slice:
		if !v.IsNil() {
			out.Set(reflect.MakeSlice(rt, v.Len(), v.Len()))
			for i := 0; i < v.Len(); i++ {
				out.Index(i).Set(h.copyTo(v.Index(i), rt.Elem(), u.Elem()))
			}
		}
	case *types.Array:
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(h.copyTo(v.Index(i), rt.Elem(), u.Elem()))
		}
	case *types.Map:
		if !v.IsNil() {
			out.Set(reflect.MakeMapWithSize(rt, v.Len()))
			for it := v.MapRange(); it.Next(); {
				out.SetMapIndex(it.Key(), h.copyTo(it.Value(), rt.Elem(), u.Elem()))
			}
		}
	}
	return out
}

// HasUnexported tells whether t's structure holds a struct of package
// main with unexported fields, which HideUnexported hides.
func HasUnexported(t types.Type) bool {
	found := false
	Walk(t, func(t types.Type) {
		if st, ok := t.(*types.Struct); ok {
			for i := 0; i < st.NumFields(); i++ {
				f := st.Field(i)
				found = found || !f.Exported() && f.Pkg() != nil && f.Pkg().Path() == "main" && !strings.HasPrefix(f.Name(), "_")
			}
		}
	})
	return found
}
