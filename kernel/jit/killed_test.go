//go:build unix

package jit

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// killedEnv tells the test binary to be the writer TestKilledBuild kills:
// "sources" or "build", a run number and the cache directory, separated by
// spaces.
const killedEnv = "GOPAR_JIT_KILLED_HELPER"

// sourcesOf are module sources that differ by seed, in enough files that
// writing them takes a while. As in gopar's, go.mod comes first.
func sourcesOf(seed int) fstest.MapFS {
	fsys := fstest.MapFS{"go.mod": stdOnly["go.mod"]}
	for i := range 200 {
		line := fmt.Sprintf("seed %d file %d\n", seed, i)
		fsys[fmt.Sprintf("runtime/d%d/f%d.txt", i%10, i)] = &fstest.MapFile{Data: bytes.Repeat([]byte(line), 100)}
	}
	return fsys
}

// killedProgram is the nth program of a writer's run: each is new, so
// each is built.
func killedProgram(run, n int) (src string, want int) {
	want = run*1000 + n
	return fmt.Sprintf("func killed() int { return %d }", want), want
}

// TestHelperKilled is not a test: it is the writer process TestKilledBuild
// runs and kills. It writes module sources, or builds programs, into the
// cache directory in a loop, saying on stdout what it starts and ends.
func TestHelperKilled(t *testing.T) {
	v := os.Getenv(killedEnv)
	if v == "" {
		t.Skip("the writer process of TestKilledBuild")
	}
	f := strings.SplitN(v, " ", 3)
	run, _ := strconv.Atoi(f[1])
	cache := f[2]
	fail := func(err error) {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	// Bounded, so that a writer whose parent died does not run on.
	deadline := time.Now().Add(90 * time.Second)
	switch f[0] {
	case "sources":
		for seed := run * 1000; time.Now().Before(deadline); seed++ {
			fmt.Println("writing", seed)
			if err := (&toolchain{cacheDir: cache, source: sourcesOf(seed)}).writeSources(nil); err != nil {
				fail(err)
			}
		}
	case "build":
		c := newTestCompiler(t, cache)
		for n := 0; time.Now().Before(deadline); n++ {
			fmt.Println("building", n)
			src, _ := killedProgram(run, n)
			if _, err := c.Compile(context.Background(), 1, 2, src); err != nil {
				fail(err)
			}
			fmt.Println("built", n)
		}
	}
	os.Exit(1)
}

// killWriter starts a writer, waits for its line after, lets it run for
// delay more and kills its
// process group with SIGKILL, its go command with it, as Jupyter kills a
// kernel. It returns the writer's lines.
func killWriter(t *testing.T, mode string, run int, cache, after string, delay time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperKilled$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %d %s", killedEnv, mode, run, cache))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen []string
	timeout := time.After(90 * time.Second)
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				break wait
			}
			seen = append(seen, l)
			if strings.HasPrefix(l, "error:") {
				t.Errorf("writer: %s", l)
			}
			if l == after {
				break wait
			}
		case <-timeout:
			t.Errorf("the writer did not say %q in 90 s", after)
			break wait
		}
	}
	time.Sleep(delay)
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for l := range lines {
		seen = append(seen, l)
	}
	cmd.Wait()
	return seen
}

// TestKilledBuild kills processes writing the cache, while they write
// module sources and during builds, and checks that what they left is
// whole or out of the way: a new toolchain on the same cache directory
// loads what they finished and builds what they did not.
func TestKilledBuild(t *testing.T) {
	if err := pluginSupport(); err != nil {
		t.Skipf("plugins are not supported here: %v", err)
	}
	cache := t.TempDir()
	start := time.Now()

	// Sources: a write takes tens of milliseconds, so most kills land in
	// one, some after others have finished.
	var writing []int // the seed each writer was writing when killed
	written := 0
	for run, k := range []struct {
		after int // writes started
		delay time.Duration
	}{{0, 0}, {0, 5 * time.Millisecond}, {1, 0}, {1, 20 * time.Millisecond}, {2, 40 * time.Millisecond}} {
		lines := killWriter(t, "sources", run, cache, fmt.Sprint("writing ", run*1000+k.after), k.delay)
		if len(lines) == 0 {
			t.Fatalf("sources writer %d said nothing", run)
		}
		seed, _ := strconv.Atoi(strings.TrimPrefix(lines[len(lines)-1], "writing "))
		writing = append(writing, seed)
		written += len(lines) - 1
	}
	temps, _ := filepath.Glob(filepath.Join(cache, "src-*"))
	t.Logf("sources: %d of %d kills came while writing (temporary trees left), %d trees written, %v", len(temps), len(writing), written, time.Since(start))
	// Every tree under src/ is whole: its files hash to its name. A new
	// kernel writes the sources the killed ones were writing.
	checkSources(t, cache)
	for _, seed := range writing {
		if err := (&toolchain{cacheDir: cache, source: sourcesOf(seed)}).writeSources(nil); err != nil {
			t.Fatalf("sources of seed %d after the kill: %v", seed, err)
		}
	}
	checkSources(t, cache)

	// Builds: the first kill comes while the toolchain is checked, then
	// in go build (compiling, linking), then in a second build.
	start = time.Now()
	kills := []struct {
		after string
		delay time.Duration
	}{{"building 0", 0}, {"building 0", 150 * time.Millisecond}, {"building 0", 400 * time.Millisecond}, {"built 0", 250 * time.Millisecond}}
	type built struct{ run, n int }
	var done, begun []built
	for run, k := range kills {
		for _, l := range killWriter(t, "build", run+1, cache, k.after, k.delay) {
			if n, ok := strings.CutPrefix(l, "built "); ok {
				i, _ := strconv.Atoi(n)
				done = append(done, built{run + 1, i})
			}
			if n, ok := strings.CutPrefix(l, "building "); ok {
				i, _ := strconv.Atoi(n)
				begun = append(begun, built{run + 1, i})
			}
		}
	}
	if len(done) == 0 {
		t.Fatal("no writer finished a build")
	}
	tmps, _ := filepath.Glob(filepath.Join(cache, "plugins", "*.tmp*"))
	pkgs, _ := filepath.Glob(filepath.Join(cache, "src", "*", "jitcell", "*"))
	// A temporary plugin is made just before go build runs.
	t.Logf("builds: %d of %d kills came during go build (temporary plugins left), %d builds finished, %v", len(tmps), len(kills), len(done), time.Since(start))
	// What is under a plugin's name is whole.
	libs, _ := filepath.Glob(filepath.Join(cache, "plugins", "*"+pluginExt))
	for _, lib := range libs {
		if !intact(lib) {
			t.Errorf("%s is not a whole plugin", lib)
		}
	}

	// A new kernel on the cache: finished builds come from it, those cut
	// short are built again, and all run.
	start = time.Now()
	c := newTestCompiler(t, cache)
	for _, b := range begun {
		src, want := killedProgram(b.run, b.n)
		res := compile(t, c, 1, src)
		wasDone := false
		for _, d := range done {
			wasDone = wasDone || d == b
		}
		if wasDone && !res.Cached {
			t.Errorf("program %d of run %d was built again, though built before the kill", b.n, b.run)
		}
		if got := funcOf[func() int](t, res, "killed")(); got != want {
			t.Errorf("killed() = %d, want %d", got, want)
		}
	}
	t.Logf("after the kills: %d programs loaded or built, %v", len(begun), time.Since(start))

	// An hour on, the next kernel sweeps the temporaries away.
	old := time.Now().Add(-2 * time.Hour)
	left := append(append(tmps, pkgs...), temps...)
	for _, p := range left {
		os.Chtimes(p, old, old)
	}
	srcs, _ := os.ReadDir(filepath.Join(cache, "src"))
	c.tc.sweep()
	for _, p := range left {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s outlived the sweep", p)
		}
	}
	if after, _ := os.ReadDir(filepath.Join(cache, "src")); len(after) != len(srcs) {
		t.Errorf("the sweep removed sources: %d trees left of %d", len(after), len(srcs))
	}
	if after, _ := filepath.Glob(filepath.Join(cache, "plugins", "*"+pluginExt)); len(after) < len(libs) {
		t.Errorf("the sweep removed plugins: %d left of %d", len(after), len(libs))
	}
}

// checkSources checks that every tree of module sources in cache is whole:
// its files, but for the programs being built, hash to its name.
func checkSources(t *testing.T, cache string) {
	t.Helper()
	dirs, err := os.ReadDir(filepath.Join(cache, "src"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, d := range dirs {
		root := filepath.Join(cache, "src", d.Name())
		fsys := fstest.MapFS{}
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if strings.HasPrefix(rel, "jitcell"+string(filepath.Separator)) {
				return nil
			}
			b, err := os.ReadFile(p)
			fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		tc := &toolchain{cacheDir: t.TempDir(), source: fsys}
		if err := tc.writeSources(nil); err != nil {
			t.Errorf("sources %s: %v", d.Name(), err)
		} else if tc.srcHash != d.Name() {
			t.Errorf("sources %s are not whole: their %d files hash to %s", d.Name(), len(fsys), tc.srcHash)
		}
	}
}

// TestTruncatedPlugin checks that a plugin cut short under its final name
// (a machine crash, an interrupted copy of the cache) is built again, not
// loaded: dlopen would map it and the kernel die of SIGBUS.
func TestTruncatedPlugin(t *testing.T) {
	if err := pluginSupport(); err != nil {
		t.Skipf("plugins are not supported here: %v", err)
	}
	cuts := []struct {
		name string
		keep func(size int) int
	}{
		{"empty", func(int) int { return 0 }},
		{"half", func(size int) int { return size / 2 }},
		{"all but the last byte", func(size int) int { return size - 1 }},
	}
	for i, cut := range cuts {
		t.Run(cut.name, func(t *testing.T) {
			cache := t.TempDir()
			src := fmt.Sprintf("func truncated() int { return %d }", 700+i)
			// Build the plugin without loading it, then cut it short in a
			// new file, as another process would have left it.
			tc, err := newToolchain(context.Background(), Options{Source: stdOnly, CacheDir: cache, Go: "go"})
			if err != nil {
				t.Fatal(err)
			}
			var p program
			if p, err = p.with(1, 2, src, nil); err != nil {
				t.Fatal(err)
			}
			files := p.generate()
			key := tc.key(files)
			lib := filepath.Join(cache, "plugins", key+pluginExt)
			if err := tc.build(context.Background(), key, files, lib); err != nil {
				t.Fatal(err)
			}
			if !intact(lib) {
				t.Fatal("a plugin just built is not whole")
			}
			b, err := os.ReadFile(lib)
			if err != nil {
				t.Fatal(err)
			}
			os.Remove(lib)
			if err := os.WriteFile(lib, b[:cut.keep(len(b))], 0o600); err != nil {
				t.Fatal(err)
			}
			if intact(lib) {
				t.Fatalf("a plugin of %d of its %d bytes passes as whole", cut.keep(len(b)), len(b))
			}

			res := compile(t, newTestCompiler(t, cache), 1, src)
			if res.Cached {
				t.Error("the cut plugin was loaded from the cache")
			}
			if got := funcOf[func() int](t, res, "truncated")(); got != 700+i {
				t.Errorf("truncated() = %d, want %d", got, 700+i)
			}
			if !intact(lib) {
				t.Error("the rebuilt plugin is not whole")
			}
		})
	}
}
