package bag

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// keyString is a key as errors and layer names show it: a string quoted.
func keyString(key any) string {
	if s, ok := key.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(key)
}

// pluckStep is the step that takes the element key of every item.
func pluckStep(op string, key any) (step, error) {
	if key == nil || !reflect.TypeOf(key).Comparable() {
		return nil, fmt.Errorf("bag: %s: want a key: a map's key, a field's name or an index; got %s", op, describeType(key))
	}
	return func(t *task, p any, _ bool) (any, error) {
		if ms, ok := p.([]map[string]any); ok { // records, as from JSON
			if k, ok := key.(string); ok {
				out := make([]any, len(ms))
				for i, m := range ms {
					v, ok := m[k]
					if !ok {
						return nil, t.itemError(i, m, fmt.Errorf("no key %q", k))
					}
					out[i] = v
				}
				return out, nil
			}
		}
		v := reflect.ValueOf(p)
		elem, err := pluckType(v.Type().Elem(), key)
		if err != nil {
			return nil, fmt.Errorf("bag: %s: %w", op, err)
		}
		out := reflect.MakeSlice(reflect.SliceOf(elem), v.Len(), v.Len())
		for i := range v.Len() {
			if i&(stopEvery-1) == 0 && t.stopped() {
				return nil, errStopped
			}
			x, err := pluck(v.Index(i), key)
			if err != nil {
				return nil, t.itemError(i, v.Index(i).Interface(), err)
			}
			out.Index(i).Set(x)
		}
		return out.Interface(), nil
	}, nil
}

// pluckType is the type of the element key of items of type t; any when
// it depends on each item.
func pluckType(t reflect.Type, key any) (reflect.Type, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Interface:
		return reflect.TypeFor[any](), nil
	case reflect.Map, reflect.Slice, reflect.Array:
		return t.Elem(), nil
	case reflect.Struct:
		f, err := field(t, key)
		return f.Type, err
	}
	return nil, fmt.Errorf("cannot pluck from items of type %s: want maps, structs, slices or arrays", t)
}

// pluck is the element key of x.
func pluck(x reflect.Value, key any) (reflect.Value, error) {
	for x.Kind() == reflect.Interface || x.Kind() == reflect.Pointer {
		if x.IsNil() {
			return x, errors.New("the item is nil")
		}
		x = x.Elem()
	}
	switch x.Kind() {
	case reflect.Map:
		k, ok := convertItem(reflect.ValueOf(key), x.Type().Key())
		if !ok {
			return x, fmt.Errorf("the map's keys are %s, not %s", x.Type().Key(), describe(key))
		}
		v := x.MapIndex(k)
		if !v.IsValid() {
			return x, fmt.Errorf("no key %s", keyString(key))
		}
		return v, nil
	case reflect.Struct:
		f, err := field(x.Type(), key)
		if err != nil {
			return x, err
		}
		return x.FieldByIndex(f.Index), nil
	case reflect.Slice, reflect.Array:
		i, ok := index(key)
		if !ok {
			return x, fmt.Errorf("a slice's elements are numbered by an int, not %s", describe(key))
		}
		if i < 0 || i >= x.Len() {
			return x, fmt.Errorf("no index %d (length %d)", i, x.Len())
		}
		return x.Index(i), nil
	}
	return x, fmt.Errorf("cannot pluck from a %s: want a map, a struct, a slice or an array", x.Type())
}

// field is the exported field of the struct type t that key names, or
// numbers for an int.
func field(t reflect.Type, key any) (reflect.StructField, error) {
	var (
		f  reflect.StructField
		ok bool
	)
	if name, isName := key.(string); isName {
		f, ok = t.FieldByName(name)
	} else if i, isIndex := index(key); isIndex && i >= 0 && i < t.NumField() {
		f, ok = t.Field(i), true
	}
	var names []string
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			names = append(names, t.Field(i).Name)
		}
	}
	switch {
	case !ok:
		return f, fmt.Errorf("%s has no field %s (its fields: %s)", t, keyString(key), strings.Join(names, ", "))
	case !f.IsExported():
		return f, fmt.Errorf("field %s of %s is unexported: only exported fields can be plucked", f.Name, t)
	}
	return f, nil
}

// index is key as an index, when it is an integer.
func index(key any) (int, bool) {
	v := reflect.ValueOf(key)
	switch {
	case v.CanInt():
		return int(v.Int()), true
	case v.CanUint() && v.Uint() <= 1<<62:
		return int(v.Uint()), true
	}
	return 0, false
}
