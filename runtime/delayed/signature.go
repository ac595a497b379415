package delayed

import (
	"fmt"
	"reflect"
	"sync"
)

// signature is what calling a function type needs to know, worked out
// once per type.
type signature struct {
	typ      reflect.Type
	numIn    int
	variadic bool
	// numOut counts the results but a last error result, which errLast
	// tells.
	numOut  int
	errLast bool
	// result is the type of the promise's value when it is one result,
	// else nil (unknown until computed: an interface, or a []any).
	result reflect.Type
}

var (
	signatures sync.Map // reflect.Type -> *signature
	errorType  = reflect.TypeFor[error]()
)

// signatureOf is the signature of fv, or why fv cannot be called.
func signatureOf(fv reflect.Value) (*signature, error) {
	if !fv.IsValid() {
		return nil, fmt.Errorf("delayed: the function is nil: give a function and its arguments, as delayed.Call(add, 1, 2)")
	}
	t := fv.Type()
	if t.Kind() != reflect.Func {
		return nil, fmt.Errorf("delayed: %v (%s) is not a function: give a function and its arguments, as delayed.Call(add, 1, 2), or use delayed.Value for a value", short(fv), t)
	}
	if fv.IsNil() {
		return nil, fmt.Errorf("delayed: the function is a nil %s: give one that is set", t)
	}
	if s, ok := signatures.Load(t); ok {
		return s.(*signature), nil
	}
	s := &signature{typ: t, numIn: t.NumIn(), variadic: t.IsVariadic(), numOut: t.NumOut()}
	if s.numOut > 0 && t.Out(s.numOut-1) == errorType {
		s.numOut--
		s.errLast = true
	}
	switch {
	case s.numOut == 1 && t.Out(0).Kind() != reflect.Interface:
		s.result = t.Out(0)
	case s.numOut > 1:
		s.result = anySliceType
	}
	signatures.Store(t, s)
	return s, nil
}

// checkCount says what is wrong with calling with n arguments, as the
// end of a sentence that starts with the function's name.
func (s *signature) checkCount(n int) error {
	switch {
	case s.variadic && n < s.numIn-1:
		return fmt.Errorf("takes at least %s, got %d", plural(s.numIn-1, "argument"), n)
	case !s.variadic && n != s.numIn:
		return fmt.Errorf("takes %s, got %d", plural(s.numIn, "argument"), n)
	}
	return nil
}

// param is the type of argument i, the element type for the arguments of
// a variadic parameter.
func (s *signature) param(i int) reflect.Type {
	if s.variadic && i >= s.numIn-1 {
		return s.typ.In(s.numIn - 1).Elem()
	}
	return s.typ.In(i)
}

// results makes the promise's value of a call's results.
func (s *signature) results(out []reflect.Value) (any, error) {
	if s.errLast {
		if e := out[len(out)-1]; !e.IsNil() {
			return nil, e.Interface().(error)
		}
	}
	switch s.numOut {
	case 0:
		return nil, nil
	case 1:
		return out[0].Interface(), nil
	}
	vs := make([]any, s.numOut)
	for i := range vs {
		vs[i] = out[i].Interface()
	}
	return vs, nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
