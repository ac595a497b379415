//go:build !(cgo && linux)

package jit

// release is a no-op where there is no cheap way to tell which of a
// plugin's pages are clean copies of its file.
func release(lib string) {}
