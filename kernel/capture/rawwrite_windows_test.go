//go:build windows

package capture

import (
	"os"

	"golang.org/x/sys/windows"
)

// stdHandleOf is the current standard handle that fd 1 or 2 stands for,
// what GetStdHandle gives C code and child processes.
func stdHandleOf(fd int) windows.Handle {
	which, err := stdHandle(fd)
	if err != nil {
		panic(err)
	}
	h, err := windows.GetStdHandle(which)
	if err != nil {
		panic(err)
	}
	return h
}

// rawWrite writes p to the standard handle of fd (1 or 2) with WriteFile,
// past os.Stdout and os.Stderr.
func rawWrite(fd int, p []byte) {
	var n uint32
	windows.WriteFile(stdHandleOf(fd), p, &n, nil)
}

// dupWrite writes s through a handle of its own, a duplicate of fd's
// standard handle.
func dupWrite(fd int, s string) {
	self := windows.CurrentProcess()
	var d windows.Handle
	if err := windows.DuplicateHandle(self, stdHandleOf(fd), self, &d, 0, false, windows.DUPLICATE_SAME_ACCESS); err != nil {
		panic(err)
	}
	f := os.NewFile(uintptr(d), "dup")
	f.WriteString(s)
	f.Close()
}
