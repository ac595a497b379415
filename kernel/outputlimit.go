package kernel

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

// Output limit.
//
// A cell that prints without end (a debugging print in a hot loop, 100 MB
// of it) would flood the front end: the notebook grows until the browser
// gives up, and every byte crosses iopub. Like the notebook server's
// iopub_data_rate_limit, but per cell and without losing the beginning,
// the kernel passes on the first outputLimit bytes a cell prints and then
// one note; the rest is read (so the cell never blocks on a full pipe) and
// dropped.

// DefaultOutputLimit is the bytes of stream output a cell may send.
const DefaultOutputLimit = 10 << 20

// outputLimitFromEnv is GOPAR_OUTPUT_LIMIT (bytes; 0 for no limit), else
// DefaultOutputLimit.
func outputLimitFromEnv() int64 {
	if v := os.Getenv("GOPAR_OUTPUT_LIMIT"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
			return n
		}
	}
	return DefaultOutputLimit
}

// streamBudget counts one cell's stream output against the limit.
type streamBudget struct {
	mu    sync.Mutex
	limit int64 // 0: none
	used  int64
	cut   bool
}

func newStreamBudget() *streamBudget { return &streamBudget{limit: outputLimitFromEnv()} }

// reset starts a new cell.
func (b *streamBudget) reset() {
	b.mu.Lock()
	b.used, b.cut = 0, false
	b.mu.Unlock()
}

// take returns the part of text that may be sent, and a note to send on
// stderr the first time the limit cuts output.
func (b *streamBudget) take(text string) (pass, note string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.limit == 0 {
		return text, ""
	}
	if b.cut {
		return "", ""
	}
	left := b.limit - b.used
	if int64(len(text)) <= left {
		b.used += int64(len(text))
		return text, ""
	}
	b.cut = true
	b.used = b.limit
	return text[:left], fmt.Sprintf("\n[gopar: this cell printed more than %s; the rest of its output is not shown. "+
		"Print less, or set GOPAR_OUTPUT_LIMIT (bytes, 0 for no limit) in the kernel's environment]\n", sizeString(b.limit))
}

// send passes text to emit as far as the budget allows, and the note on
// stderr when the limit cuts it.
func (b *streamBudget) send(name, text string, emit func(name, text string)) {
	text, note := b.take(text)
	if text != "" {
		emit(name, text)
	}
	if note != "" {
		emit("stderr", note)
	}
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
