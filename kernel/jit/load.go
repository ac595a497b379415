//go:build cgo && (linux || darwin || freebsd)

package jit

import (
	"fmt"
	"plugin"
	"reflect"
	"regexp"
)

// pluginExt is the file name extension of plugins.
const pluginExt = ".so"

// pluginSupport tells whether this process can load plugins.
func pluginSupport() error { return nil }

// differentPackage finds the package a plugin disagrees with the process on.
var differentPackage = regexp.MustCompile(`different version of package (\S+)`)

// undefinedSymbol finds the symbol the dynamic loader found nowhere.
var undefinedSymbol = regexp.MustCompile(`undefined symbol: (\S+)`)

// lookup opens the plugin lib and looks up one symbol.
func lookup(lib, name string) (plugin.Symbol, error) {
	p, err := open(lib)
	if err != nil {
		return nil, err
	}
	sym, err := p.Lookup(name)
	if err != nil {
		return nil, errorf("", "cannot find %s in the compiled code: %v", name, err)
	}
	release(lib)
	return sym, nil
}

// open opens the plugin lib, with an error that says what to do.
func open(lib string) (*plugin.Plugin, error) {
	p, err := plugin.Open(lib)
	if err != nil {
		if m := differentPackage.FindStringSubmatch(err.Error()); m != nil {
			return nil, errorf("the kernel must be built with -trimpath from the sources it carries (make build), by the Go toolchain on PATH; rebuild it and restart the kernel",
				"the jitted code was compiled against a different version of package %s than this kernel holds", m[1])
		}
		if m := undefinedSymbol.FindStringSubmatch(err.Error()); m != nil {
			// A plugin may leave symbols to the loader, which finds none:
			// C code that declares a function no C code defines.
			l := fmt.Sprintf("C function or variable %s: declared, but no cell's C code defines it", m[1])
			return nil, &Error{Name: "CompileError", Value: l, Lines: []string{l}, Detail: cDetail(l)}
		}
		return nil, errorf("", "%%%%jit cannot load the compiled code: %v", err)
	}
	return p, nil
}

// load opens the plugin lib and looks up the functions fns and the
// variables vars: each a pointer to the plugin's variable, itself a
// pointer.
func load(lib string, fns []decl, vars []Var) ([]Func, map[string]reflect.Value, error) {
	p, err := open(lib)
	if err != nil {
		return nil, nil, err
	}
	out := make([]Func, 0, len(fns))
	for _, d := range fns {
		sym, err := p.Lookup(exportPrefix + d.fn)
		if err != nil {
			return nil, nil, errorf("", "%%%%jit cannot find %s in the compiled code: %v", d.fn, err)
		}
		v := reflect.ValueOf(sym)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Func {
			return nil, nil, errorf("", "%%%%jit found %s of type %s in the compiled code, not a function", d.fn, v.Type())
		}
		out = append(out, Func{Name: d.fn, Value: v.Elem().Interface(), Signature: d.sig})
	}
	ptrs := map[string]reflect.Value{}
	for _, v := range vars {
		sym, err := p.Lookup(VarPrefix + v.Name)
		if err != nil {
			return nil, nil, errorf("", "cannot find variable %s in the compiled code: %v", v.Name, err)
		}
		ptrs[v.Name] = reflect.ValueOf(sym)
	}
	release(lib)
	return out, ptrs, nil
}
