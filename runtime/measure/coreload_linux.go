package measure

import (
	"fmt"
	"os"
)

// procStat is where Linux counts each core's time; tests point it elsewhere.
var procStat = "/proc/stat"

func platformCoreTicks() ([]coreTicks, error) {
	data, err := os.ReadFile(procStat)
	if err != nil {
		return nil, &Error{Op: "NewCoreSampler", Err: err,
			Msg: fmt.Sprintf("cannot read %s (%v): per-core load is read from /proc, which this system lacks or hides", procStat, err)}
	}
	ticks, err := parseProcStat(data)
	if err != nil {
		return nil, &Error{Op: "NewCoreSampler", Err: err, Msg: fmt.Sprintf("unexpected %s: %v", procStat, err)}
	}
	return ticks, nil
}
