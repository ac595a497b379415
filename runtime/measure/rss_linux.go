package measure

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

func readRSS() (float64, error) {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, &Error{Op: "RSS", Err: err,
			Msg: "cannot read /proc/self/statm (" + err.Error() + "): resident memory is read from /proc, which this system lacks or hides"}
	}
	fields := bytes.Fields(data)
	var pages uint64
	if len(fields) >= 2 {
		pages, err = strconv.ParseUint(string(fields[1]), 10, 64)
	}
	if len(fields) < 2 || err != nil {
		return 0, &Error{Op: "RSS", Err: err, Msg: fmt.Sprintf("unexpected /proc/self/statm: %q", data)}
	}
	return float64(pages) * float64(os.Getpagesize()) / MiB, nil
}
