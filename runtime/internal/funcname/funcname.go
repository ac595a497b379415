// Package funcname gives the short, readable name of a function value, as
// Python gives a function's __name__: "strings.ToUpper" or "ToUpper"
// rather than the linker's full name, the name a notebook cell gave its
// function rather than that of the package the kernel compiled the cell
// into, and none for a function literal.
//
// The names come from runtime.FuncForPC. A function of a cell that the
// interpreter runs reaches compiled code as a function made by
// reflect.MakeFunc, which has no name of its own.
package funcname

import (
	"reflect"
	"runtime"
	"strings"
)

// cellPackages is where the kernel compiles the functions of notebook
// cells (package kernel/jit), each build a package of its own:
// "gopar/jitcell/p66b23c2adec7bb752df938aa-1374802960".
const cellPackages = "gopar/jitcell/"

// Of is the name of fn shortened as [Short] does, or "" when fn is not a
// function, is nil or was made by reflect.MakeFunc.
func Of(fn reflect.Value) string {
	return Short(fullName(fn))
}

// Base is the function's own name alone, without its package or
// receiver: "ToUpper" for strings.ToUpper, "Replace" for the method value
// r.Replace, "Map" for an instance of a generic Map; "" when fn is not a
// function, is nil, was made by reflect.MakeFunc or is a function literal.
func Base(fn any) string {
	name := fullName(reflect.ValueOf(fn))
	if name == "" {
		return ""
	}
	name = strings.TrimSuffix(name, "-fm") // a method value
	name = name[strings.LastIndexByte(name, '/')+1:]
	if i := strings.IndexByte(name, '['); i > 0 { // a generic function's instance
		name = name[:i]
	}
	parts := strings.Split(name, ".")
	for _, part := range parts[1:] {
		if anonymous(part) {
			return ""
		}
	}
	return parts[len(parts)-1]
}

// Short shortens a function's full name, as runtime.FuncForPC gives it:
// to its package's name and its own ("pi.Loop", "strings.ToUpper"); to
// its own alone for one of package main or of a notebook cell ("add",
// "(*Point).Move"); to "" for a function literal, which has none.
func Short(full string) string {
	own := strings.HasPrefix(full, "main.") || strings.HasPrefix(full, cellPackages)
	name := full[strings.LastIndexByte(full, '/')+1:]
	if own {
		name = name[strings.IndexByte(name, '.')+1:]
	}
	for _, part := range strings.Split(name, ".") {
		if anonymous(part) {
			return ""
		}
	}
	return strings.TrimSuffix(name, "-fm") // a method value
}

// fullName is the name runtime.FuncForPC gives fn's code, or "" when fn
// is not a function, is nil or was made by reflect.MakeFunc.
func fullName(fn reflect.Value) string {
	if !fn.IsValid() || fn.Kind() != reflect.Func || fn.IsNil() {
		return ""
	}
	f := runtime.FuncForPC(fn.Pointer())
	if f == nil || strings.HasPrefix(f.Name(), "reflect.") {
		return ""
	}
	return f.Name()
}

// anonymous tells whether part of a function's name is one the compiler
// gives a function literal: "func1", or "2" for one inside another.
func anonymous(part string) bool {
	digits := strings.TrimPrefix(part, "func")
	if digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
