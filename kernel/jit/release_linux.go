//go:build cgo && linux

package jit

import (
	"bufio"
	"debug/elf"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

// release hands the resident pages of the plugin lib's read-only
// mappings back to the system once the plugin is loaded and looked up.
//
// Loading a plugin reads most of it (the dynamic loader walks its symbol
// tables, the Go runtime verifies its whole function table), yet after
// that the process runs only the few functions the cell declared: the
// rest of each plugin, mostly its own copy of the Go runtime, would stay
// resident for the kernel's life, a megabyte per (re)definition. Those
// pages are clean copies of the file, so dropping them loses nothing: a
// later access reads them again from the page cache. Writable mappings
// (relocated data) are left alone, as dropping them would lose their
// contents; so are read-only mappings of writable segments, which the
// dynamic loader made read-only after relocating them (RELRO).
func release(lib string) {
	abs, err := filepath.Abs(lib)
	if err != nil {
		return
	}
	clean := readOnlySegments(abs)
	if len(clean) == 0 {
		return
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != abs || strings.ContainsAny(fields[1], "w") {
			continue
		}
		bounds := strings.SplitN(fields[0], "-", 2)
		start, err1 := strconv.ParseUint(bounds[0], 16, 64)
		end, err2 := strconv.ParseUint(bounds[1], 16, 64)
		off, err3 := strconv.ParseUint(fields[2], 16, 64)
		if err1 != nil || err2 != nil || err3 != nil || end <= start || !within(clean, off, off+end-start) {
			continue
		}
		// Advice only: a failure leaves the pages resident, as before.
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
	}
	f.Close()
	// Building and loading made garbage (the build's output, the
	// loader's tables) that the heap would otherwise keep until it grows
	// again: loads are rare (one per build), a collection is cheap.
	debug.FreeOSMemory()
}

// span is a range of file offsets.
type span struct{ from, to uint64 }

// readOnlySegments lists the file ranges, widened to whole pages, of the
// loadable segments of the ELF file lib that are never writable.
func readOnlySegments(lib string) []span {
	f, err := elf.Open(lib)
	if err != nil {
		return nil
	}
	page := uint64(os.Getpagesize())
	var out []span
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Flags&elf.PF_W != 0 {
			continue
		}
		out = append(out, span{p.Off &^ (page - 1), (p.Off + p.Filesz + page - 1) &^ (page - 1)})
	}
	return out
}

// within tells whether the file range [from, to) lies inside one of spans.
func within(spans []span, from, to uint64) bool {
	for _, s := range spans {
		if from >= s.from && to <= s.to {
			return true
		}
	}
	return false
}
