package eval

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"gopar/runtime/memguard"
	nativert "gopar/runtime/native"
)

// Package native, linked into every plugin of compiled cells, imports
// next to nothing; the kernel gives it what needs more: how to report a
// panic that ends a goroutine of compiled code, how to tell whether an
// allocation fits, and the recursion limit of the kernel's environment.
func init() {
	nativert.PanicHandler = reportGoroutinePanic
	nativert.AllocCheck = func(n, size int, of string) error {
		return memguard.Check(fmt.Sprintf("make(%s, %d)", of, n), float64(n)*float64(size))
	}
	if n, err := strconv.Atoi(os.Getenv("GOPAR_RECURSION_LIMIT")); err == nil && n > 0 {
		nativert.RecursionLimit = n
	}
}

// reportGoroutinePanic writes the panic r that ended a goroutine of
// compiled code to standard error, which the kernel shows in the running
// cell, with the cell lines the goroutine went through.
func reportGoroutinePanic(r any, stack []byte) {
	var b strings.Builder
	fmt.Fprintf(&b, "panic in a goroutine: %v\n", r)
	for _, f := range nativeFrames(stack) {
		fmt.Fprintf(&b, "    In [%d], line %d, in %s\n", cellOf(f.file), f.line, f.fn)
	}
	os.Stderr.WriteString(b.String())
}

// cellFrame is a frame of a cell's compiled code in a stack: the function,
// then the file In[N] the kernel names the cell's code after, and the line.
var cellFrame = regexp.MustCompile(`(?m)^(\S+)\(.*\)\n\tIn\[(\d+)\]:(\d+)`)

// nativeFrames are the frames of native cell code in a stack as
// runtime.Stack writes it (those whose file is In[N]), innermost first,
// runaway recursion collapsed.
func nativeFrames(stack []byte) []frame {
	var out []frame
	for _, m := range cellFrame.FindAllSubmatch(stack, -1) {
		// gopar/jitcell/p0123-456.f.func1: the part after the package.
		fn := string(m[1])
		if i := strings.LastIndex(fn, "/"); i >= 0 {
			fn = fn[i+1:]
		}
		if _, after, ok := strings.Cut(fn, "."); ok {
			fn = after
		}
		// The counting form of a recursive function is the function.
		fn = strings.ReplaceAll(fn, nativert.DepthSuffix, "")
		cell, _ := strconv.Atoi(string(m[2]))
		line, _ := strconv.Atoi(string(m[3]))
		out = append(out, frame{file: fileOf(cell), fn: fn, line: line})
	}
	return collapseCycles(out)
}
