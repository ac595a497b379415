// Package memguard keeps a cell from taking the kernel down by asking for
// more memory than it can have. Go cannot recover from running out of
// memory (the runtime's "out of memory" is fatal, and the system's OOM
// killer ends the process), so the kernel checks before it is too late:
//
//   - allocations whose size a cell computes (make, new of large arrays,
//     strings.Repeat) are checked against Room before they are made, and
//     refused with an *Error (Check);
//   - memory that grows step by step (a loop appending forever) is
//     watched while a cell runs, and the cell is stopped once the kernel
//     holds more than its Limit (Watch).
//
// The limit is $GOPAR_MEMORY_LIMIT ("8GiB", "512MiB", "2G", or bytes), or
// else 90% of the machine's memory, or of its cgroup's limit where the
// kernel runs in one. Go's garbage collector is told the same limit, so
// that it works harder before the kernel gets there.
package memguard

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopar/runtime/internal/sysmem"
)

const (
	// share is the part of the machine's memory the kernel may use by
	// default: the rest is for the system and the other processes.
	share = 0.9
	// margin is kept free below the limit and the system's available
	// memory, for the kernel's own work.
	margin = 128 << 20
	// watchEvery is how often Watch samples the kernel's memory.
	watchEvery = 20 * time.Millisecond
	// grownBy is how much the kernel's memory must have grown during a
	// cell before Watch stops it: a cell that starts above the limit
	// (data kept from earlier cells) can still run, and free it.
	grownBy = 64 << 20
)

// EnvVar names the environment variable that sets the limit.
const EnvVar = "GOPAR_MEMORY_LIMIT"

var limit = sync.OnceValues(func() (uint64, string) {
	if v := os.Getenv(EnvVar); v != "" {
		if n, err := ParseSize(v); err == nil && n > 0 {
			return n, EnvVar + "=" + v
		}
		fmt.Fprintf(os.Stderr, "gopar: ignoring %s=%q: give a size such as 8GiB, 512MiB or 2G\n", EnvVar, v)
	}
	if total, ok := sysmem.Total(); ok {
		return uint64(total * share), fmt.Sprintf("%.0f%% of the machine's %s; %s changes it", share*100, Size(total), EnvVar)
	}
	return math.MaxUint64, "no limit: the machine's memory is unknown; " + EnvVar + " sets one"
})

// Limit is how much memory the kernel may hold, and where that figure
// comes from, in words.
func Limit() (bytes uint64, from string) { return limit() }

// Install tells Go's garbage collector the limit, so that it collects
// more often as the kernel nears it. The kernel calls it once.
func Install() {
	if n, _ := Limit(); n != math.MaxUint64 {
		debug.SetMemoryLimit(int64(n))
	}
}

// ParseSize reads a size in bytes: a number with an optional unit, B,
// KB, MB, GB, TB (powers of 1000), KiB, MiB, GiB, TiB (of 1024), or K, M,
// G, T (as the Gi forms, as GOMEMLIMIT and Docker read them).
func ParseSize(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("size %q: not a non-negative number with a unit", s)
	}
	scale := map[string]float64{
		"": 1, "b": 1,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
	}[strings.ToLower(unit)]
	if scale == 0 {
		return 0, fmt.Errorf("size %q: unknown unit %q (use KiB, MiB, GiB, or KB, MB, GB)", s, unit)
	}
	return uint64(f * scale), nil
}

var samples = []metrics.Sample{
	{Name: "/memory/classes/total:bytes"},
	{Name: "/memory/classes/heap/released:bytes"},
	{Name: "/memory/classes/heap/free:bytes"},
}

// usage is the memory the Go runtime holds from the system (what counts
// against the limit), and of it what the heap holds free for reuse.
func usage() (held, free float64) {
	s := append([]metrics.Sample(nil), samples...)
	metrics.Read(s)
	for _, x := range s {
		if x.Value.Kind() != metrics.KindUint64 {
			return 0, 0
		}
	}
	return float64(s[0].Value.Uint64() - s[1].Value.Uint64()), float64(s[2].Value.Uint64())
}

// Room is how many bytes an allocation can take now: the least of what
// the limit leaves and what the system can still give, counting the heap's
// free memory, which the allocation reuses, less a margin.
func Room() float64 {
	held, free := usage()
	room := math.Inf(1)
	if n, _ := Limit(); n != math.MaxUint64 {
		room = float64(n) - held + free
	}
	if avail, ok := sysmem.Available(); ok {
		room = min(room, avail+free)
	}
	return room - margin
}

// Error is a request for memory the kernel cannot have.
type Error struct {
	// What asked: "make([]int64, 100000000000)", or how the memory grew.
	What string
	// Bytes asked for, or held when Watch stopped the cell.
	Bytes float64
	// Room there was (Check), or the limit (Watch).
	Room float64
	// Growth: Watch stopped a cell whose memory grew past the limit.
	Growth bool
}

func (e *Error) Error() string {
	_, from := Limit()
	if e.Growth {
		return fmt.Sprintf("the kernel's memory grew to %s while the cell ran, past its limit of %s (%s): the cell was stopped. "+
			"Its variables are kept; free large values you no longer need (set them to nil), or work in chunks",
			Size(e.Bytes), Size(e.Room), from)
	}
	return fmt.Sprintf("%s asks for %s, but the kernel can have %s more (its limit: %s). "+
		"Ask for less, free large values you no longer need (set them to nil), or work in chunks (da arrays)",
		e.What, Size(e.Bytes), Size(max(0, e.Room)), from)
}

// Check returns an *Error when bytes cannot be had, after collecting
// garbage and returning free memory to the system if that could make
// room; what words the request for the error.
func Check(what string, bytes float64) error {
	if bytes <= Room() {
		return nil
	}
	debug.FreeOSMemory()
	if room := Room(); bytes > room {
		return &Error{What: what, Bytes: bytes, Room: room}
	}
	return nil
}

// Watch stops the running cell, through cancel, once the kernel's
// memory has grown past the limit (or the system's available memory has
// nearly run out) since Watch started, until ctx ends. The cause given to
// cancel is an *Error.
func Watch(ctx context.Context, cancel context.CancelCauseFunc) {
	n, _ := Limit()
	watch(ctx, cancel, n)
}

func watch(ctx context.Context, cancel context.CancelCauseFunc, n uint64) {
	start, _ := usage()
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		held, _ := usage()
		if held < start+grownBy {
			continue
		}
		over := n != math.MaxUint64 && held > float64(n)
		if avail, ok := sysmem.Available(); ok && avail < 2*margin {
			over = true
		}
		if over {
			lim := float64(n)
			if n == math.MaxUint64 {
				lim = held
			}
			cancel(&Error{What: "memory growth", Bytes: held, Room: lim, Growth: true})
			// What the stopped cell made goes back to the system soon.
			go debug.FreeOSMemory()
			return
		}
	}
}

// Size words a size in bytes in GiB, or MiB below one GiB.
func Size(b float64) string {
	if b < 1<<30 {
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", b/(1<<30))
}
