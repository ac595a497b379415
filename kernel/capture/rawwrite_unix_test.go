//go:build unix

package capture

import (
	"os"
	"syscall"
)

// rawWrite writes p to file descriptor fd (1 or 2) with write(2), past
// os.Stdout and os.Stderr.
func rawWrite(fd int, p []byte) { syscall.Write(fd, p) }

// dupWrite writes s through a descriptor of its own, a dup of fd.
func dupWrite(fd int, s string) {
	d, err := syscall.Dup(fd)
	if err != nil {
		panic(err)
	}
	f := os.NewFile(uintptr(d), "dup")
	f.WriteString(s)
	f.Close()
}
