//go:build !linux && !windows

package measure

import (
	"errors"
	"runtime"
)

func platformCoreTicks() ([]coreTicks, error) {
	err := errors.New("not implemented on " + runtime.GOOS)
	return nil, &Error{Op: "NewCoreSampler", Err: err,
		Msg: "per-core load is measured on Linux (/proc/stat) and Windows only, not on " + runtime.GOOS + ": use the system's own monitor (Activity Monitor's CPU History on macOS)"}
}
