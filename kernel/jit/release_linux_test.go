//go:build cgo && linux

package jit

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLoadReleasesReadOnlyPages loads a plugin and checks that its
// read-only segments no longer stay resident (loading reads nearly all of
// them) while its code still runs and its data keeps its relocations.
func TestLoadReleasesReadOnlyPages(t *testing.T) {
	needPlugins(t)
	cache := t.TempDir()
	c := newTestCompiler(t, cache)
	res := compile(t, c, 1, "var greeting = strings.ToUpper(\"hi\")\nfunc shout(s string) string { return greeting + \" \" + strings.ToUpper(s) }")
	libs, _ := filepath.Glob(filepath.Join(cache, "plugins", "*"+pluginExt))
	if len(libs) != 1 {
		t.Fatalf("plugins %v, want one", libs)
	}
	lib, _ := filepath.Abs(libs[0])
	var size uint64
	for _, s := range readOnlySegments(lib) {
		size += s.to - s.from
	}
	if size == 0 {
		t.Fatalf("no read-only segments in %s", lib)
	}
	resident := residentKiB(t, lib, readOnlySegments(lib)) * 1024
	if resident > size/4 {
		t.Errorf("%d of %d bytes of the plugin's read-only segments are resident after loading", resident, size)
	}
	if got := funcOf[func(string) string](t, res, "shout")("go"); got != "HI GO" {
		t.Errorf("shout(\"go\") = %q after the release", got)
	}
}

// residentKiB sums the resident size of lib's mappings within spans.
func residentKiB(t *testing.T, lib string, spans []span) uint64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var total uint64
	counting := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			counting = false
			if len(fields) >= 6 && fields[5] == lib {
				bounds := strings.SplitN(fields[0], "-", 2)
				start, _ := strconv.ParseUint(bounds[0], 16, 64)
				end, _ := strconv.ParseUint(bounds[1], 16, 64)
				off, _ := strconv.ParseUint(fields[2], 16, 64)
				counting = within(spans, off, off+end-start)
			}
			continue
		}
		if counting && len(fields) >= 2 && fields[0] == "Rss:" {
			kb, _ := strconv.ParseUint(fields[1], 10, 64)
			total += kb
		}
	}
	return total
}
