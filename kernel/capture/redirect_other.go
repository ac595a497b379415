//go:build !unix && !windows

package capture

import (
	"errors"
	"os"
)

var errUnsupported = errors.New("redirecting standard output is not supported on this platform")

func redirect(fd int, w *os.File) (*os.File, error) { return nil, errUnsupported }

func restore(fd int, orig *os.File) error { return errUnsupported }
