package eval

// The conformance corpus: small Go programs under testdata/conformance, each
// pasted into a notebook the way a person would (imports, then one cell per
// top-level declaration, then the body of main) and run in a fresh Session.
// What the cells print must be exactly what the compiled program prints.
//
// Each program's cells run in a child process (this test binary again, see
// TestConformanceChild), so that a program that crashes or wedges the
// interpreter fails alone instead of taking the other programs with it.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"gopar/internal/corpus"
	"gopar/kernel/jit"
)

// knownUnsupported lists the programs the interpreter cannot run yet, each
// with a part of the error a user gets for it. For those the test checks
// that running the cells fails with that error, not that the output matches.
var knownUnsupported = map[string]string{}

// knownFailing lists the programs whose cells do not yet give what go run
// gives, each with why. The test checks that they still fail, so that one
// that comes right is taken off the list (and off the README's Go support
// section); every other program must match go run.
var knownFailing = map[string]string{
	"051_panic_recover.go": "an index out of range panics with the message of package reflect",
	"077_shadowing.go":     "a top-level variable used, then declared again, in one cell: the earlier use reads the new one",
	"096_generic_tree.go":  "mutually recursive generic types overflow the interpreter's stack",
}

const (
	conformanceDir = "testdata/conformance"
	// cellTimeout bounds one cell; a program that hangs fails instead.
	cellTimeout = 30 * time.Second
	// childTimeout bounds the whole child process of one program.
	childTimeout = 90 * time.Second
	// Environment of the child process.
	childFileEnv   = "GOPAR_CONFORMANCE_FILE"
	childReportEnv = "GOPAR_CONFORMANCE_REPORT"
)

// childReport is what the child process tells about running a program's
// cells.
type childReport struct {
	Cells      int    // how many cells the program was split into
	FailedCell int    // the number of the cell that failed; 0 if none, -1 if New did
	CellSource string // that cell's code
	// The error of that cell: an *Error's Name, Value and Traceback, or the
	// text of another error in ErrValue.
	ErrName   string
	ErrValue  string
	Traceback []string
	Hung      bool   // Run did not return even after its context ended
	Stdout    string // what the cells printed
	Stderr    string
	// SplitError says why the program could not be split into cells.
	SplitError string
	// Running is the cell being run when the report was written: the child
	// writes a report before each cell, so that a crash can be placed.
	Running int
	Done    bool // the final report
}

func (r *childReport) errorText() string {
	return strings.Join(append([]string{r.ErrName, r.ErrValue}, r.Traceback...), "\n")
}

func TestConformance(t *testing.T) {
	if !builtTrimmed() {
		t.Skip("the corpus runs as in a kernel, with native code, which needs this test built as the kernel is: go test -trimpath (make unit)")
	}
	files, err := filepath.Glob(filepath.Join(conformanceDir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	if len(files) == 0 {
		t.Fatalf("no programs in %s", conformanceDir)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the programs: %v", err)
	}
	for _, known := range []map[string]string{knownUnsupported, knownFailing} {
		for name := range known {
			if !slices.Contains(files, filepath.Join(conformanceDir, name)) {
				t.Errorf("%s is listed as known, but is not in %s", name, conformanceDir)
			}
		}
	}
	builds := &buildCache{goTool: goTool, dir: t.TempDir()}
	// The runtime compiled for plugins once, before the programs build
	// their cells' code at once, as gopar install does.
	if c := nativeCompiler(); c != nil {
		if err := c.Warm(context.Background(), []string{"gopar/runtime/native", "fmt"}); err != nil {
			t.Logf("native code is not available, the cells run interpreted: %v", err)
		}
	}
	var mu sync.Mutex
	var summary []string // one line per failing program
	ran := 0
	t.Cleanup(func() {
		// Runs once every parallel subtest is done.
		if len(summary) > 0 {
			slices.Sort(summary)
			t.Logf("%d of %d programs failed:\n%s", len(summary), ran, strings.Join(summary, "\n"))
		}
	})
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			mu.Lock()
			ran++
			mu.Unlock()
			fail := func(format string, args ...any) {
				mu.Lock()
				summary = append(summary, name+": "+fmt.Sprintf(format, args...))
				mu.Unlock()
			}
			want, err := builds.output(file)
			if err != nil {
				fail("the compiled program failed")
				t.Fatalf("%s: the compiled program: %v", file, err)
			}
			rep, crash, err := runChild(t, file)
			if err != nil {
				if why, ok := knownFailing[name]; ok {
					t.Logf("%s fails as known (%s): %s", file, why, crash)
					return
				}
				fail("%s", crash)
				t.Fatalf("%s: %v", file, err)
			}
			if short := checkReport(t, file, rep, want); short != "" {
				fail("%s", short)
			}
		})
	}
}

// checkReport compares what the interpreter did with what the compiled
// program printed. It reports a failure in full, and returns it in one line.
func checkReport(t *testing.T, file string, rep *childReport, want string) (short string) {
	t.Helper()
	name := filepath.Base(file)
	if rep.SplitError != "" {
		t.Errorf("%s: cannot split into cells: %s", file, rep.SplitError)
		return "cannot split: " + rep.SplitError
	}
	if substr, ok := knownUnsupported[name]; ok {
		switch {
		case rep.FailedCell == 0:
			t.Errorf("%s is listed in knownUnsupported (%q) but all its %d cells ran; output matches: %v",
				file, substr, rep.Cells, rep.Stdout == want)
			return "knownUnsupported, but it ran"
		case !strings.Contains(rep.errorText(), substr):
			t.Errorf("%s: cell %d failed, but its error lacks %q (knownUnsupported):\n%s",
				file, rep.FailedCell, substr, indent(rep.errorText()))
			return fmt.Sprintf("knownUnsupported, but cell %d fails otherwise: %s", rep.FailedCell, errorSummary(rep))
		}
		return ""
	}
	msg, short := diffReport(file, rep, want)
	if why, ok := knownFailing[name]; ok {
		if short == "" {
			t.Errorf("%s now matches go run: remove it from knownFailing (%s) and from the README's Go support section", file, why)
			return "listed in knownFailing, but passes"
		}
		t.Logf("%s fails as known (%s): %s", file, why, short)
		return ""
	}
	if msg != "" {
		t.Error(msg)
	}
	return short
}

// diffReport tells how what the interpreter did differs from what the
// compiled program printed: in full, and in one line; both empty when the
// program passed.
func diffReport(file string, rep *childReport, want string) (full, short string) {
	var msg strings.Builder
	if rep.FailedCell < 0 {
		return file + ": no Session: " + rep.ErrValue, "no Session: " + rep.ErrValue
	}
	if rep.FailedCell != 0 {
		what := "failed"
		if rep.Hung {
			what = "hung (Run did not return after its context ended)"
		}
		fmt.Fprintf(&msg, "%s: cell %d of %d %s:\n%s\n  error:\n%s\n",
			file, rep.FailedCell, rep.Cells, what, indent(excerpt(rep.CellSource, rep.errorText())), indent(rep.errorText()))
		short = fmt.Sprintf("cell %d/%d %s: %s", rep.FailedCell, rep.Cells, what, errorSummary(rep))
	}
	if rep.Stdout != want {
		line, got, exp := firstDiff(rep.Stdout, want)
		fmt.Fprintf(&msg, "%s: stdout differs from go run, first at line %d:\n  got:  %q\n  want: %q\n",
			file, line, got, exp)
		if short == "" {
			short = fmt.Sprintf("output line %d: got %q, want %q", line, got, exp)
		}
	}
	if msg.Len() == 0 {
		return "", ""
	}
	if rep.Stderr != "" {
		fmt.Fprintf(&msg, "  stderr of the cells:\n%s\n", indent(tail(rep.Stderr, 20)))
	}
	return strings.TrimRight(msg.String(), "\n"), short
}

// cellLine finds the line of the cell an error points at.
var cellLine = regexp.MustCompile(`In \[\d+\], line (\d+)`)

// excerpt shows the lines of a cell around the one an error points at, or
// the cell's first lines.
func excerpt(cell, errText string) string {
	lines := strings.Split(cell, "\n")
	from, to := 0, min(len(lines), 4)
	if m := cellLine.FindStringSubmatch(errText); m != nil {
		n, _ := strconv.Atoi(m[1])
		from, to = max(0, n-3), min(len(lines), n+1)
	}
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "%3d| %s\n", i+1, lines[i])
	}
	if to < len(lines) {
		b.WriteString("   | ...\n")
	}
	return b.String()
}

// errorSummary is an error in one line: its position and message.
func errorSummary(rep *childReport) string {
	if rep.ErrName == "" {
		return rep.ErrValue
	}
	if rep.ErrName == "panic" {
		where := ""
		for _, l := range rep.Traceback {
			if cellLine.MatchString(l) {
				where = " (" + strings.TrimSpace(l) + ")"
				break
			}
		}
		return "panic: " + firstLine(rep.ErrValue) + where
	}
	for _, l := range rep.Traceback {
		if cellLine.MatchString(l) {
			return rep.ErrName + ": " + l
		}
	}
	return rep.ErrName + ": " + firstLine(rep.ErrValue)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// buildCache builds each program once per test run and keeps its output.
type buildCache struct {
	goTool string
	dir    string
	mu     sync.Mutex
	builds map[string]*build
}

type build struct {
	once   sync.Once
	stdout string
	err    error
}

func (c *buildCache) output(file string) (string, error) {
	c.mu.Lock()
	if c.builds == nil {
		c.builds = map[string]*build{}
	}
	b := c.builds[file]
	if b == nil {
		b = &build{}
		c.builds[file] = b
	}
	c.mu.Unlock()
	b.once.Do(func() { b.stdout, b.err = c.buildAndRun(file) })
	return b.stdout, b.err
}

func (c *buildCache) buildAndRun(file string) (string, error) {
	bin := filepath.Join(c.dir, strings.TrimSuffix(filepath.Base(file), ".go"))
	if runtime.GOOS == "windows" {
		// go build -o writes the name given, and Windows runs (and
		// exec.Command finds) only a name ending in .exe.
		bin += ".exe"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, c.goTool, "build", "-o", bin, file).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	ctx, cancel = context.WithTimeout(context.Background(), cellTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	var stdout, stderr bytes.Buffer
	cmd.Stdin = strings.NewReader("")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("run: %v\n%s", err, stderr.String())
	}
	return stdout.String(), nil
}

// runChild runs a program's cells in a child process and reads its report.
// When the child dies before its final report, crash says so in one line.
func runChild(t *testing.T, file string) (rep *childReport, crash string, err error) {
	report := filepath.Join(t.TempDir(), "report.json")
	ctx, cancel := context.WithTimeout(context.Background(), childTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestConformanceChild$", "-test.count=1", "-test.timeout=0")
	cmd.Env = append(os.Environ(), childFileEnv+"="+file, childReportEnv+"="+report)
	out, runErr := cmd.CombinedOutput()
	rep = &childReport{}
	if data, err := os.ReadFile(report); err == nil {
		if err := json.Unmarshal(data, rep); err != nil {
			return nil, "bad report", fmt.Errorf("bad report from the child process: %v", err)
		}
	}
	if rep.Done {
		return rep, "", nil
	}
	why := fmt.Sprint(runErr)
	if ctx.Err() != nil {
		why = fmt.Sprintf("killed after %v", childTimeout)
	}
	where := "before running a cell"
	if rep.Running > 0 {
		where = fmt.Sprintf("in cell %d/%d", rep.Running, rep.Cells)
	}
	first, detail := crashText(string(out))
	return nil, fmt.Sprintf("the interpreter crashed %s: %s", where, first),
		fmt.Errorf("the interpreter crashed %s (child process: %s):\n%s", where, why, indent(detail))
}

// crashText finds the message of a crash in a child's output and the lines
// that follow it.
func crashText(out string) (first, detail string) {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:") {
			return l, strings.Join(lines[i:min(len(lines), i+30)], "\n")
		}
	}
	return "no panic message", tail(out, 40)
}

// TestConformanceChild is the child process of TestConformance: it runs one
// program's cells and writes a report. It does nothing when run directly.
func TestConformanceChild(t *testing.T) {
	file, report := os.Getenv(childFileEnv), os.Getenv(childReportEnv)
	if file == "" || report == "" {
		t.Skip("runs only as the child process of TestConformance")
	}
	write := func(rep *childReport) {
		data, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		tmp := report + ".tmp"
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, report); err != nil {
			t.Fatal(err)
		}
	}
	rep := runProgramCells(file, write)
	rep.Done = true
	write(rep)
}

// runProgramCells splits a program into cells and runs them in order in one
// fresh Session, stopping at the first cell that fails.
func runProgramCells(file string, progress func(*childReport)) *childReport {
	rep := &childReport{}
	src, err := os.ReadFile(file)
	if err != nil {
		rep.SplitError = err.Error()
		return rep
	}
	cells, err := corpus.Split(src)
	if err != nil {
		rep.SplitError = err.Error()
		return rep
	}
	rep.Cells = len(cells)

	outR, outW, err := os.Pipe()
	if err != nil {
		rep.SplitError = err.Error()
		return rep
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		rep.SplitError = err.Error()
		return rep
	}
	var stdout, stderr bytes.Buffer
	var readers sync.WaitGroup
	readers.Add(2)
	go func() { defer readers.Done(); io.Copy(&stdout, outR) }()
	go func() { defer readers.Done(); io.Copy(&stderr, errR) }()

	fail := func(n int, err error, hung bool) {
		rep.FailedCell, rep.Hung = n, hung
		if n > 0 {
			rep.CellSource = cells[n-1]
		}
		var e *Error
		if errors.As(err, &e) {
			rep.ErrName, rep.ErrValue, rep.Traceback = e.Name, e.Value, e.Traceback
		} else {
			rep.ErrValue = err.Error()
		}
	}
	// Native code prints to os.Stdout, as the kernel's standard output is.
	stdout0, stderr0 := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outW, errW
	defer func() { os.Stdout, os.Stderr = stdout0, stderr0 }()
	s, err := New(Options{Stdin: strings.NewReader(""), Stdout: outW, Stderr: errW, Native: nativeCompiler()})
	if err != nil {
		fail(-1, fmt.Errorf("New: %w", err), false)
	} else {
		for i, code := range cells {
			n := i + 1
			rep.Running = n
			progress(rep)
			if err, hung := runCell(s, n, code); err != nil {
				fail(n, err, hung)
				break
			}
		}
	}
	outW.Close()
	errW.Close()
	// The readers see the end of the pipes now that their write ends are
	// closed (a goroutine the program left running gets write errors).
	done := make(chan struct{})
	go func() { readers.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	rep.Stdout, rep.Stderr = stdout.String(), stderr.String()
	return rep
}

// runCell runs one cell with a timeout; hung says that Run did not return
// even after its context ended.
func runCell(s *Session, n int, code string) (err error, hung bool) {
	ctx, cancel := context.WithTimeout(context.Background(), cellTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("Run panicked: %v", r)
			}
		}()
		_, err := s.Run(ctx, n, code)
		done <- err
	}()
	select {
	case err := <-done:
		return err, false
	case <-time.After(cellTimeout + 5*time.Second):
		return fmt.Errorf("the cell did not finish within %v", cellTimeout), true
	}
}

// builtTrimmed tells whether this binary was built with -trimpath, as
// the kernel is: the plugins of native code then share its packages.
func builtTrimmed() bool {
	info, ok := debug.ReadBuildInfo()
	return ok && slices.ContainsFunc(info.Settings, func(s debug.BuildSetting) bool { return s.Key == "-trimpath" && s.Value == "true" })
}

// nativeCompiler compiles the cells' functions and types, as a kernel
// does, unless GOPAR_NATIVE=0; its cache is the kernel's.
func nativeCompiler() *jit.Compiler {
	if os.Getenv("GOPAR_NATIVE") == "0" {
		return nil
	}
	return jit.New(jit.Options{Source: moduleSource, CacheDir: os.Getenv("GOPAR_JIT_CACHE"), Packages: Packages()})
}

// moduleSource is what the kernel compiles cells against: go.mod, go.sum
// and the runtime's sources.
var moduleSource = func() fs.FS {
	root := filepath.Join("..", "..")
	files := fstest.MapFS{}
	for _, name := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			panic(err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	err := filepath.WalkDir(filepath.Join(root, "runtime"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		panic(err)
	}
	return files
}()

// firstDiff finds the first line (from 1) where got and want differ; the
// lines keep their newline, so that a missing final one shows.
func firstDiff(got, want string) (line int, g, w string) {
	split := func(s string) []string {
		l := strings.SplitAfter(s, "\n")
		if l[len(l)-1] == "" {
			l = l[:len(l)-1]
		}
		return l
	}
	gl, wl := split(got), split(want)
	at := func(l []string, i int) string {
		if i < len(l) {
			return l[i]
		}
		return "<end of output>"
	}
	i := 0
	for i < len(gl) && i < len(wl) && gl[i] == wl[i] {
		i++
	}
	return i + 1, at(gl, i), at(wl, i)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
