//go:build unix

package capture

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// redirect points fd at w and returns a file for what fd was before.
func redirect(fd int, w *os.File) (*os.File, error) {
	saved, err := unix.Dup(fd)
	if err != nil {
		return nil, fmt.Errorf("dup fd %d: %w", fd, err)
	}
	unix.CloseOnExec(saved)
	if err := unix.Dup2(int(w.Fd()), fd); err != nil {
		unix.Close(saved)
		return nil, fmt.Errorf("dup2 onto fd %d: %w", fd, err)
	}
	return os.NewFile(uintptr(saved), fmt.Sprintf("/dev/fd/%d", saved)), nil
}

func restore(fd int, orig *os.File) error {
	return unix.Dup2(int(orig.Fd()), fd)
}
