//go:build !linux && !darwin && !windows

package measure

import (
	"errors"
	"runtime"
)

func readRSS() (float64, error) {
	err := errors.New("not implemented on " + runtime.GOOS)
	return 0, &Error{Op: "RSS", Err: err, Msg: "reading resident memory is implemented on Linux, macOS and Windows, not on " + runtime.GOOS}
}
