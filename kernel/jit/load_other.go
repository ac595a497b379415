//go:build !(cgo && (linux || darwin || freebsd))

package jit

import (
	"reflect"
	"runtime"
)

const pluginExt = ".so"

// pluginSupport tells why this process cannot load plugins.
func pluginSupport() error {
	if runtime.GOOS == "windows" {
		return errorf("on Windows, write the hot loop with the runtime's compiled packages (np, da, calcpi), or run gopar under WSL, where %%jit works",
			"%%%%jit needs Go plugins, which Go does not support on Windows")
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" || runtime.GOOS == "freebsd" {
		return errorf("rebuild gopar with cgo (a C compiler installed, CGO_ENABLED=1: make build), then restart the kernel",
			"this kernel was built without cgo, and Go loads plugins only with cgo")
	}
	return errorf("write the hot loop with the runtime's compiled packages (np, da, calcpi)",
		"%%%%jit needs Go plugins, which Go does not support on %s", runtime.GOOS)
}

func load(lib string, fns []decl, vars []Var) ([]Func, map[string]reflect.Value, error) {
	return nil, nil, pluginSupport()
}

func lookup(lib, name string) (any, error) { return nil, pluginSupport() }
