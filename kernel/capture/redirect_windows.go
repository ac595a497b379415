//go:build windows

package capture

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// Windows has no dup2 for the C runtime's descriptors that matters here:
// a process's standard output is the handle GetStdHandle gives, which
// child processes inherit, and Go code writes through os.Stdout, a file
// made from that handle at start-up. Both are pointed at w.

// stdHandle is the standard handle that fd 1 or 2 stands for.
func stdHandle(fd int) (uint32, error) {
	switch fd {
	case 1:
		return windows.STD_OUTPUT_HANDLE, nil
	case 2:
		return windows.STD_ERROR_HANDLE, nil
	}
	return 0, fmt.Errorf("fd %d is not standard output or error", fd)
}

// stdFile is the *os.File variable for fd 1 or 2.
func stdFile(fd int) **os.File {
	if fd == 1 {
		return &os.Stdout
	}
	return &os.Stderr
}

// redirect points fd at w and returns the file fd was before.
func redirect(fd int, w *os.File) (*os.File, error) {
	h, err := stdHandle(fd)
	if err != nil {
		return nil, err
	}
	if err := windows.SetStdHandle(h, windows.Handle(w.Fd())); err != nil {
		return nil, fmt.Errorf("SetStdHandle for fd %d: %w", fd, err)
	}
	v := stdFile(fd)
	orig := *v
	*v = w
	return orig, nil
}

func restore(fd int, orig *os.File) error {
	h, err := stdHandle(fd)
	if err != nil {
		return err
	}
	*stdFile(fd) = orig
	return windows.SetStdHandle(h, windows.Handle(orig.Fd()))
}
