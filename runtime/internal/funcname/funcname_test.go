package funcname

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func double(x int) int { return 2 * x }

func TestOfAndBase(t *testing.T) {
	var nilFunc func()
	made := reflect.MakeFunc(reflect.TypeOf(double), func(in []reflect.Value) []reflect.Value { return in }).Interface()
	for _, c := range []struct {
		name     string
		fn       any
		of, base string
	}{
		{"standard library", strings.ToUpper, "strings.ToUpper", "ToUpper"},
		{"this package", double, "funcname.double", "double"},
		{"method value", strings.NewReplacer().Replace, "strings.(*Replacer).Replace", "Replace"},
		{"method expression", (*strings.Replacer).Replace, "strings.(*Replacer).Replace", "Replace"},
		{"generic instance", slices.Max[[]int], "slices.Max[...]", "Max"},
		{"literal", func() {}, "", ""},
		{"made by reflect", made, "", ""},
		{"nil function", nilFunc, "", ""},
		{"not a function", 42, "", ""},
		{"nil", nil, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Of(reflect.ValueOf(c.fn)); got != c.of {
				t.Errorf("Of = %q, want %q", got, c.of)
			}
			if got := Base(c.fn); got != c.base {
				t.Errorf("Base = %q, want %q", got, c.base)
			}
		})
	}
}

func TestShort(t *testing.T) {
	for _, c := range []struct{ full, want string }{
		{"gopar/runtime/pi.Loop", "pi.Loop"},
		{"strings.ToUpper", "strings.ToUpper"},
		{"strings.(*Replacer).Replace-fm", "strings.(*Replacer).Replace"},
		{"main.add", "add"},
		{"main.(*Point).Move", "(*Point).Move"},
		{"gopar/jitcell/p66b23c2adec7bb752df938aa-1374802960.calcPi", "calcPi"},
		{"gopar/runtime/delayed.TestNames.func1", ""},
		{"gopar/runtime/delayed.TestNames.func1.2", ""},
		{"main.main.func3", ""},
		{"example.com/m.functional", "m.functional"},
		{"", ""},
	} {
		if got := Short(c.full); got != c.want {
			t.Errorf("Short(%q) = %q, want %q", c.full, got, c.want)
		}
	}
}

func TestAnonymous(t *testing.T) {
	for _, c := range []struct {
		part string
		want bool
	}{
		{"func1", true},
		{"func12", true},
		{"2", true},
		{"func", false},
		{"functional", false},
		{"add", false},
		{"", false},
	} {
		if got := anonymous(c.part); got != c.want {
			t.Errorf("anonymous(%q) = %v, want %v", c.part, got, c.want)
		}
	}
}
