package delayed

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

type celsius float64

func TestConvert(t *testing.T) {
	var (
		intT     = reflect.TypeFor[int]()
		uint8T   = reflect.TypeFor[uint8]()
		uint64T  = reflect.TypeFor[uint64]()
		float32T = reflect.TypeFor[float32]()
		float64T = reflect.TypeFor[float64]()
		floatsT  = reflect.TypeFor[[]float64]()
		anyT     = reflect.TypeFor[any]()
		errorT   = reflect.TypeFor[error]()
	)
	for _, c := range []struct {
		v    any
		to   reflect.Type
		want any    // the converted value, when err is ""
		err  string // in the error
	}{
		{3, intT, 3, ""},
		{3, float64T, 3.0, ""},
		{3, uint64T, uint64(3), ""},
		{255, uint8T, uint8(255), ""},
		{256, uint8T, nil, "cannot use 256 (int) as uint8: the value does not fit"},
		{-1, uint64T, nil, "cannot use -1 (int) as uint64"},
		{uint64(1 << 63), intT, nil, "as int: the value does not fit"},
		{2.0, intT, 2, ""},
		{2.5, intT, nil, "cannot use 2.5 (float64) as int"},
		{1<<53 + 1, float64T, nil, "the value does not fit"},
		{0.1, float32T, float32(0.1), ""},
		{celsius(20), float64T, 20.0, ""},
		{20.0, reflect.TypeFor[celsius](), celsius(20), ""},
		{time.Duration(5), reflect.TypeFor[int64](), int64(5), ""},
		{"s", anyT, "s", ""},
		{nil, anyT, nil, ""},
		{nil, floatsT, []float64(nil), ""},
		{nil, intT, nil, "cannot use nil as int"},
		{[]any{1, 2.5, nil}, reflect.TypeFor[[]any](), []any{1, 2.5, nil}, ""},
		{[]any{1, 2.5}, floatsT, []float64{1, 2.5}, ""},
		{[]int{1, 2}, floatsT, []float64{1, 2}, ""},
		{[]any{1, "x"}, floatsT, nil, `element 1 of []interface {}: cannot use "x" (string) as float64`},
		{[]any{nil}, floatsT, nil, "element 0 of []interface {}: cannot use nil as float64"},
		{[]float64(nil), reflect.TypeFor[[]int](), []int(nil), ""},
		{"12", intT, nil, `cannot use "12" (string) as int`},
		{65, reflect.TypeFor[string](), nil, "cannot use 65 (int) as string"},
		{3, errorT, nil, "cannot use 3 (int) as error: it does not implement it"},
		{strings.Repeat("x", 100), intT, nil, `cannot use "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...`},
	} {
		got, err := convert(c.v, c.to)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("convert(%#v, %s): error %v, want %q", c.v, c.to, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("convert(%#v, %s): %v", c.v, c.to, err)
			continue
		}
		var v any
		if got.IsValid() && !(got.Kind() == reflect.Interface && got.IsNil()) {
			v = got.Interface()
		}
		if !reflect.DeepEqual(v, c.want) {
			t.Errorf("convert(%#v, %s) = %#v, want %#v", c.v, c.to, v, c.want)
		}
	}
}

func TestConvertible(t *testing.T) {
	for _, c := range []struct {
		from, to reflect.Type
		want     bool
	}{
		{reflect.TypeFor[int](), reflect.TypeFor[float64](), true},
		{reflect.TypeFor[any](), reflect.TypeFor[float64](), true},
		{reflect.TypeFor[[]any](), reflect.TypeFor[[]float64](), true},
		{reflect.TypeFor[[]string](), reflect.TypeFor[[]float64](), false},
		{reflect.TypeFor[string](), reflect.TypeFor[int](), false},
		{reflect.TypeFor[int](), reflect.TypeFor[string](), false},
		{reflect.TypeFor[celsius](), reflect.TypeFor[float64](), true},
		{reflect.TypeFor[*int](), reflect.TypeFor[any](), true},
	} {
		if got := convertible(c.from, c.to); got != c.want {
			t.Errorf("convertible(%s, %s) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}
