package measure

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// readRSS asks ps, as macOS has no /proc and its task_info needs cgo: a
// few milliseconds a sample, well inside memory_profiler's 0.1 s interval.
func readRSS() (float64, error) {
	out, err := exec.Command("/bin/ps", "-o", "rss=", "-p", strconv.Itoa(os.Getpid())).Output()
	if err != nil {
		return 0, &Error{Op: "RSS", Err: err, Msg: "cannot run /bin/ps to read resident memory: " + err.Error()}
	}
	kib, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		return 0, &Error{Op: "RSS", Err: err, Msg: fmt.Sprintf("unexpected output of ps -o rss: %q", out)}
	}
	return kib / 1024, nil
}
