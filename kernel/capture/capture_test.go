//go:build unix || windows

// The end-to-end tests run where Start can redirect the standard streams:
// with dup2 on Unix (redirect_unix.go), with SetStdHandle on Windows
// (redirect_windows.go). The writers that bypass os.Stdout differ by
// platform: see rawWrite and dupWrite in rawwrite_*_test.go.

package capture

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// The end-to-end tests redirect file descriptors 1 and 2, which would take
// the test binary's own output with them, so they run in a copy of the test
// binary started by runHelper. The helper reports on the original stderr, as
// one line starting with resultPrefix.

const (
	helperEnv    = "GOPAR_CAPTURE_HELPER"
	resultPrefix = "HELPER-RESULT "
	interval     = 20 * time.Millisecond
)

type delivery struct {
	Stream, Text string
}

type helperResult struct {
	// Deliveries are all the sink calls, in order.
	Deliveries []delivery
	// AtFlush is what each stream had delivered when Flush returned.
	AtFlush map[string]string
	// FlushTook is how long Flush took.
	FlushTook time.Duration
	// Problems are failures the helper saw itself.
	Problems []string
	// Values are scenario specific.
	Values map[string]string
}

// collector is a sink that remembers every delivery.
type collector struct {
	mu         sync.Mutex
	deliveries []delivery
	text       map[string]*strings.Builder
	notify     chan struct{}
}

func newCollector() *collector {
	return &collector{text: map[string]*strings.Builder{"stdout": {}, "stderr": {}}, notify: make(chan struct{}, 1)}
}

func (c *collector) sink(stream, text string) {
	c.mu.Lock()
	c.deliveries = append(c.deliveries, delivery{stream, text})
	c.text[stream].WriteString(text)
	c.mu.Unlock()
	select {
	case c.notify <- struct{}{}:
	default:
	}
}

func (c *collector) snapshot() map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return map[string]string{"stdout": c.text["stdout"].String(), "stderr": c.text["stderr"].String()}
}

func (c *collector) has(stream, s string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Contains(c.text[stream].String(), s)
}

// TestHelperProcess is not a test: it is the body of the helper process.
func TestHelperProcess(t *testing.T) {
	scenario := os.Getenv(helperEnv)
	if scenario == "" {
		t.Skip("helper process for the capture tests")
	}
	c, err := Start(interval)
	if err != nil {
		fmt.Fprintf(os.Stderr, "Start: %v\n", err)
		os.Exit(3)
	}
	col := newCollector()
	c.SetSink(col.sink)
	res := helperResult{Values: map[string]string{}}
	problem := func(format string, args ...any) {
		col.mu.Lock()
		res.Problems = append(res.Problems, fmt.Sprintf(format, args...))
		col.mu.Unlock()
	}
	flush := func() {
		start := time.Now()
		c.Flush(2 * time.Second)
		res.FlushTook = time.Since(start)
		res.AtFlush = col.snapshot()
	}

	switch scenario {
	case "flush":
		helperFlush(c, problem)
		flush()
	case "concurrent-flush":
		helperConcurrentFlush(c, col, problem)
		flush()
	case "utf8":
		helperUTF8()
		flush()
	case "periodic":
		start := time.Now()
		fmt.Print("no flush needed\n")
		fmt.Fprint(os.Stderr, "nor here\n")
		deadline := time.After(10 * interval)
	wait:
		for !col.has("stdout", "no flush needed\n") || !col.has("stderr", "nor here\n") {
			select {
			case <-col.notify:
			case <-deadline:
				break wait
			}
		}
		res.Values["elapsed"] = time.Since(start).String()
		res.AtFlush = col.snapshot()
	case "stop":
		fmt.Print("before flush\n")
		flush()
		fmt.Print("left for stop\n")
		rawWrite(2, []byte("stderr left for stop\n"))
		c.Stop()
		c.Stop() // a second Stop does nothing
		start := time.Now()
		c.Flush(time.Second) // nothing to flush into any more
		res.Values["flush after stop"] = time.Since(start).String()
		fmt.Print("after stop via fmt\n")
		rawWrite(1, []byte("after stop via syscall\n"))
		fmt.Fprint(os.Stderr, "after stop on stderr\n")
	case "trailing-nul":
		fmt.Print("abc\x00")
		flush()
	case "stop-delivers-held":
		fmt.Print("tail\xe2\x82")
		c.Stop()
	default:
		fmt.Fprintf(c.OriginalStderr(), "unknown scenario %q\n", scenario)
		os.Exit(3)
	}

	c.Stop()
	col.mu.Lock()
	res.Deliveries = col.deliveries
	col.mu.Unlock()
	b, err := json.Marshal(res)
	if err != nil {
		panic(err)
	}
	// After Stop, os.Stderr is fd 2 again, but the kernel logs on the
	// original stderr, which is what is used here.
	fmt.Fprintf(c.OriginalStderr(), "%s%s\n", resultPrefix, b)
	os.Exit(0)
}

// childEnv makes the test binary TestHelperChild, the other program of the
// "flush" scenario.
const childEnv = "GOPAR_CAPTURE_CHILD"

// TestHelperChild is not a test: it is a program the helper process starts
// with its (redirected) stdout and stderr, which writes a line to each.
func TestHelperChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("child process of the capture helper")
	}
	fmt.Print("child stdout\n")
	fmt.Fprint(os.Stderr, "child stderr\n")
	os.Exit(0)
}

// The writers a cell's output can come through.
var writers = []struct {
	name  string
	write func(fd int, s string)
}{
	{"fmt", func(fd int, s string) {
		if fd == 1 {
			fmt.Print(s)
		} else {
			fmt.Fprint(os.Stderr, s)
		}
	}},
	{"os.File", func(fd int, s string) {
		f := os.Stdout
		if fd == 2 {
			f = os.Stderr
		}
		f.Write([]byte(s))
	}},
	// Straight to the descriptor (Unix) or standard handle (Windows),
	// past os.Stdout, as C code or a syscall would write.
	{"syscall", func(fd int, s string) { rawWrite(fd, []byte(s)) }},
	// A descriptor or handle of its own, as code that knows nothing of
	// os.Stdout might make.
	{"dup", dupWrite},
}

const (
	numberedLines = 10000
	goroutines    = 8
	perGoroutine  = 500
)

func numbered(stream string, i int) string { return fmt.Sprintf("%s line %05d\n", stream, i) }

func helperFlush(c *Capture, problem func(string, ...any)) {
	// In sequence, through every writer, on both streams.
	for i := range numberedLines {
		writers[i%len(writers)].write(1, numbered("out", i))
		if i%10 == 0 {
			writers[i%len(writers)].write(2, numbered("err", i))
		}
	}
	// One write larger than the pipe buffer and the batching threshold.
	big := strings.Repeat("0123456789abcdef", 20*1024) + "\n"
	writers[0].write(1, big)

	// From several goroutines at once.
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			w := writers[g%len(writers)]
			for i := range perGoroutine {
				w.write(1+g%2, fmt.Sprintf("g%d %03d\n", g, i))
			}
		})
	}
	wg.Wait()

	// From another program, which inherits the descriptors: this test
	// binary again, as TestHelperChild (no shell, so that it runs on
	// Windows too).
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		problem("child process: %v", err)
	}
	fmt.Print("last line\n")
	fmt.Fprint(os.Stderr, "last error line\n")
}

// helperConcurrentFlush has goroutines that each write and flush in turn,
// checking after every Flush that their own line has been delivered.
func helperConcurrentFlush(c *Capture, col *collector, problem func(string, ...any)) {
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			fd, stream := 1+g%2, []string{"stdout", "stderr"}[g%2]
			for i := range 30 {
				line := fmt.Sprintf("flusher %d %02d\n", g, i)
				writers[(g+i)%len(writers)].write(fd, line)
				start := time.Now()
				c.Flush(2 * time.Second)
				if took := time.Since(start); took > time.Second {
					problem("Flush took %v", took)
				}
				if !col.has(stream, line) {
					problem("%q not delivered when Flush returned", line)
				}
			}
		})
	}
	wg.Wait()
}

// helperUTF8 writes multi-byte runes cut across writes, waiting between the
// pieces so that periodic deliveries happen in the middle of a rune.
func helperUTF8() {
	pieces := [][]byte{
		[]byte("caf"), {0xc3}, {0xa9}, // é
		[]byte(" 10"), {0xe2}, {0x82}, {0xac}, // €
		[]byte(" "), {0xf0, 0x9f}, {0x98, 0x80}, // 😀
		[]byte(" "), {0xf0}, {0x9f, 0x98, 0x80}, // 😀
		[]byte("\n"),
	}
	for _, p := range pieces {
		rawWrite(1, p)
		rawWrite(2, p)
		time.Sleep(2 * interval)
	}
	// And a rune cut just before a Flush, completed after it.
	rawWrite(1, []byte("x\xe2\x82"))
}

// runHelper runs a scenario in the helper process and returns its result and
// what it wrote to its real stdout and, besides the result, its real stderr.
func runHelper(t *testing.T, scenario string) (res helperResult, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	// Under the race detector, a process waits a second before exiting
	// unless told otherwise.
	cmd.Env = append(os.Environ(), helperEnv+"="+scenario, "GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=50")
	var outBuf, errBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outBuf, &errBuf
	if err := cmd.Run(); err != nil {
		t.Fatalf("helper %s: %v\nstdout:\n%s\nstderr:\n%s", scenario, err, limit(outBuf.String()), limit(errBuf.String()))
	}
	found := false
	sc := bufio.NewScanner(bytes.NewReader(errBuf.Bytes()))
	sc.Buffer(nil, 64<<20)
	var other []string
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, resultPrefix); ok {
			if err := json.Unmarshal([]byte(rest), &res); err != nil {
				t.Fatalf("helper %s: bad result: %v", scenario, err)
			}
			found = true
		} else {
			other = append(other, line+"\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("helper %s reported nothing; stderr:\n%s", scenario, limit(errBuf.String()))
	}
	for _, p := range res.Problems {
		t.Errorf("helper %s: %s", scenario, p)
	}
	return res, outBuf.String(), strings.Join(other, "")
}

func limit(s string) string {
	if len(s) > 2000 {
		return s[:1000] + "\n...\n" + s[len(s)-1000:]
	}
	return s
}

// checkDeliveries checks properties every delivery must have.
func checkDeliveries(t *testing.T, ds []delivery) {
	t.Helper()
	for i, d := range ds {
		if d.Stream != "stdout" && d.Stream != "stderr" {
			t.Errorf("delivery %d on stream %q", i, d.Stream)
		}
		if d.Text == "" {
			t.Errorf("delivery %d is empty", i)
		}
		if strings.Contains(d.Text, "gopar-flush") || strings.ContainsRune(d.Text, 0) {
			t.Errorf("delivery %d contains (part of) a flush marker: %q", i, limit(d.Text))
		}
		if !utf8.ValidString(d.Text) {
			t.Errorf("delivery %d is not valid UTF-8: %q", i, limit(d.Text))
		}
	}
}

func joined(ds []delivery, stream string) string {
	var b strings.Builder
	for _, d := range ds {
		if d.Stream == stream {
			b.WriteString(d.Text)
		}
	}
	return b.String()
}

func TestCaptureFlushDeliversEverything(t *testing.T) {
	res, stdout, stderr := runHelper(t, "flush")
	checkDeliveries(t, res.Deliveries)
	if stdout != "" || stderr != "" {
		t.Errorf("captured output leaked to the real stdout %q or stderr %q", limit(stdout), limit(stderr))
	}
	if res.FlushTook > time.Second {
		t.Errorf("Flush took %v, want well under its 2s timeout", res.FlushTook)
	}

	for _, stream := range []string{"stdout", "stderr"} {
		t.Run(stream, func(t *testing.T) {
			got := res.AtFlush[stream]
			if all := joined(res.Deliveries, stream); all != got {
				t.Errorf("more was delivered after Flush returned: %q", limit(strings.TrimPrefix(all, got)))
			}
			// The sequential part comes first, exactly.
			var want strings.Builder
			for i := range numberedLines {
				if stream == "stdout" {
					want.WriteString(numbered("out", i))
				} else if i%10 == 0 {
					want.WriteString(numbered("err", i))
				}
			}
			if stream == "stdout" {
				want.WriteString(strings.Repeat("0123456789abcdef", 20*1024) + "\n")
			}
			rest, ok := strings.CutPrefix(got, want.String())
			if !ok {
				t.Fatalf("sequential output lost or out of order:\n%s", firstDifference(got, want.String()))
			}

			// Then the goroutines' lines, in order per goroutine.
			lines := strings.SplitAfter(rest, "\n")
			next := map[int]int{}
			i := 0
			for ; i < len(lines); i++ {
				var g, n int
				if _, err := fmt.Sscanf(lines[i], "g%d %d\n", &g, &n); err != nil {
					break
				}
				if want := 1 + g%2; (stream == "stdout") != (want == 1) {
					t.Errorf("line %q of goroutine %d on %s", lines[i], g, stream)
				}
				if n != next[g] {
					t.Errorf("goroutine %d: got line %d, want %d", g, n, next[g])
				}
				next[g] = n + 1
			}
			for g := range goroutines {
				if (stream == "stdout") == (g%2 == 0) && next[g] != perGoroutine {
					t.Errorf("goroutine %d: %d lines delivered, want %d", g, next[g], perGoroutine)
				}
			}

			// Then the child process, then the last line.
			tail := strings.Join(lines[i:], "")
			wantTail := map[string]string{
				"stdout": "child stdout\nlast line\n",
				"stderr": "child stderr\nlast error line\n",
			}[stream]
			if tail != wantTail {
				t.Errorf("end of %s = %q, want %q", stream, limit(tail), wantTail)
			}
		})
	}
}

func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-40)
	return fmt.Sprintf("at byte %d (of %d, want %d):\n got %q\nwant %q",
		i, len(got), len(want), got[from:min(len(got), i+40)], want[from:min(len(want), i+40)])
}

func TestCaptureConcurrentFlush(t *testing.T) {
	res, stdout, stderr := runHelper(t, "concurrent-flush")
	checkDeliveries(t, res.Deliveries)
	if stdout != "" || stderr != "" {
		t.Errorf("captured output leaked to the real stdout %q or stderr %q", limit(stdout), limit(stderr))
	}
	for g := range goroutines {
		stream := []string{"stdout", "stderr"}[g%2]
		var want strings.Builder
		for i := range 30 {
			fmt.Fprintf(&want, "flusher %d %02d\n", g, i)
		}
		var got strings.Builder
		for _, line := range strings.SplitAfter(res.AtFlush[stream], "\n") {
			if strings.HasPrefix(line, fmt.Sprintf("flusher %d ", g)) {
				got.WriteString(line)
			}
		}
		if got.String() != want.String() {
			t.Errorf("goroutine %d on %s:\n got %q\nwant %q", g, stream, got.String(), want.String())
		}
	}
}

func TestCaptureUTF8SplitAcrossWrites(t *testing.T) {
	res, _, _ := runHelper(t, "utf8")
	checkDeliveries(t, res.Deliveries)
	const want = "café 10€ 😀 😀\n"
	if got := res.AtFlush["stderr"]; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	// The rune cut before Flush waits; the rest is there.
	if got := res.AtFlush["stdout"]; got != want+"x" {
		t.Errorf("stdout at Flush = %q, want %q", got, want+"x")
	}
	// Periodic deliveries happened while runes were incomplete, so the
	// text came in several pieces, none with a broken rune.
	if n := len(res.Deliveries); n < 4 {
		t.Errorf("only %d deliveries; the periodic ones did not happen", n)
	}
}

func TestCapturePeriodicDelivery(t *testing.T) {
	res, _, _ := runHelper(t, "periodic")
	checkDeliveries(t, res.Deliveries)
	if got := res.AtFlush["stdout"]; got != "no flush needed\n" {
		t.Errorf("stdout within 10 intervals (%s) = %q, want it delivered without Flush", res.Values["elapsed"], got)
	}
	if got := res.AtFlush["stderr"]; got != "nor here\n" {
		t.Errorf("stderr within 10 intervals (%s) = %q, want it delivered without Flush", res.Values["elapsed"], got)
	}
}

func TestCaptureStopRestores(t *testing.T) {
	res, stdout, stderr := runHelper(t, "stop")
	checkDeliveries(t, res.Deliveries)
	if got := res.AtFlush["stdout"]; got != "before flush\n" {
		t.Errorf("stdout at Flush = %q", got)
	}
	// Stop delivers what was written before it.
	if got := joined(res.Deliveries, "stdout"); got != "before flush\nleft for stop\n" {
		t.Errorf("stdout delivered = %q, want what was written before Stop", got)
	}
	if got := joined(res.Deliveries, "stderr"); got != "stderr left for stop\n" {
		t.Errorf("stderr delivered = %q, want what was written before Stop", got)
	}
	// After Stop, fd 1 is the real stdout again.
	if want := "after stop via fmt\nafter stop via syscall\n"; stdout != want {
		t.Errorf("helper's real stdout = %q, want %q", stdout, want)
	}
	if want := "after stop on stderr\n"; stderr != want {
		t.Errorf("helper's real stderr = %q, want %q", stderr, want)
	}
	if d, err := time.ParseDuration(res.Values["flush after stop"]); err != nil || d > 500*time.Millisecond {
		t.Errorf("Flush after Stop took %s, want it to return at once", res.Values["flush after stop"])
	}
}

// TestCaptureFlushDeliversTrailingNUL shows that text ending in a byte that
// starts the flush marker is not delivered by Flush, although it was written
// before the call: heldBack keeps "\x00" back as a possible marker prefix even
// after the marker Flush wrote has been found behind it.
func TestCaptureFlushDeliversTrailingNUL(t *testing.T) {
	res, _, _ := runHelper(t, "trailing-nul")
	if got, want := res.AtFlush["stdout"], "abc\x00"; got != want {
		t.Errorf("stdout at Flush = %q, want %q", got, want)
	}
	if got, want := joined(res.Deliveries, "stdout"), "abc\x00"; got != want {
		t.Errorf("stdout delivered by the time Stop returned = %q, want %q", got, want)
	}
}

// TestCaptureStopDeliversHeldBytes shows that Stop, which says it "delivers
// what is left", drops bytes held back as an incomplete UTF-8 sequence.
func TestCaptureStopDeliversHeldBytes(t *testing.T) {
	res, _, _ := runHelper(t, "stop-delivers-held")
	got := joined(res.Deliveries, "stdout")
	if !strings.HasPrefix(got, "tail") || len(got) == len("tail") {
		t.Errorf("stdout delivered by Stop = %q, want %q followed by the two bytes (or a replacement character)", got, "tail")
	}
}
