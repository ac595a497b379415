package jit

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// cgoEnv are the environment variables that choose the C compiler and its
// flags: part of the cache key of a program with C code.
var cgoEnv = []string{"CC", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_LDFLAGS"}

// envValue is the value env gives k: the last one, as os/exec takes it.
func envValue(env []string, k string) string {
	v := ""
	for _, kv := range env {
		if name, value, ok := strings.Cut(kv, "="); ok && name == k {
			v = value
		}
	}
	return v
}

// hasC tells whether a program's files hold C code: a cell's import "C".
func hasC(files map[string]string) bool {
	for name := range files {
		if strings.HasPrefix(name, "cgo") {
			return true
		}
	}
	return false
}

// checkCC checks that the C compiler the go command would run, cc (its
// CC, maybe with arguments), is there: Go links every plugin with it, and
// cgo compiles the C code of cells with it.
func checkCC(cc string) error {
	fields := strings.Fields(cc)
	if len(fields) == 0 {
		return nil // the go command chooses; a build says what is missing
	}
	if _, err := exec.LookPath(fields[0]); err == nil {
		return nil
	}
	what := fmt.Sprintf("the go command's C compiler, %q,", fields[0])
	detail := "install a C compiler (Debian, Ubuntu: sudo apt-get install gcc; Fedora: sudo dnf install gcc; macOS: xcode-select --install), or set CC to one you have (%env CC=clang, or in the kernel's environment), then run the cell again"
	if env := os.Getenv("CC"); env != "" {
		what = fmt.Sprintf("CC=%s names a C compiler that", env)
		detail = "set CC to a C compiler that is installed (%env CC=gcc), or unset it (%env CC=) to use the go command's, then run the cell again; without one, install gcc (Debian, Ubuntu: sudo apt-get install gcc)"
	}
	return errorf(detail, "cgo is unavailable: %s is not found. Go builds plugins (%%%%jit cells, native functions, packages of Go modules that cells import) and C code with cgo, which needs a C compiler", what)
}

var (
	// cPosition is a C compiler message about a place: file:line:col: msg.
	cPosition = regexp.MustCompile(`^(\S.*?):(\d+):(\d+): (.*)$`)
	// cIncluded is a C compiler line that says where the file of the
	// next message was included: "In file included from F:4:", "from F:2,".
	cIncluded = regexp.MustCompile(`^(In file included from|from) (\S.*?):(\d+)[:,]$`)
	// cFunction says which function the next message is in: "F: In
	// function 'f':".
	cFunction = regexp.MustCompile(`^(\S.*?): ((?:In function|At top level).*)$`)
	// cSource is a line the C compiler quotes, or its marks under it.
	cSource = regexp.MustCompile(`^(\d+\s*)?\|`)
	// cgoName is a name cgo gives a C name in Go code.
	cgoName = regexp.MustCompile(`_C(?:type|func|var|macro)_(\w+)`)
	// notDetermined is cgo's message for a C name it cannot find.
	notDetermined = regexp.MustCompile(`could not determine what C\.(\w+) refers to`)
	// linkFailure is the Go linker's message when the C linker failed.
	linkFailure = regexp.MustCompile(`link: running \S+ failed`)
	// cLinkProblem is what the C linker says of a C symbol.
	cLinkProblem = regexp.MustCompile("(undefined reference to|multiple definition of|duplicate symbol) [`'\"]([^'`\"]+)['`\"]")
)

// cPlace gives the name a C compiler message's file has for the user: the
// cell ("In [5]") or the file of the working directory it included; ok is
// false for other files (system headers).
func cPlace(file string) (string, bool) {
	if m := compilerFile.FindStringSubmatch(file); m != nil {
		return "In [" + m[1] + "]", true
	}
	if _, rest, ok := strings.Cut(file, cFilesDir+"/"); ok {
		if _, name, ok := strings.Cut(rest, "/"); ok {
			return name, true
		}
	}
	return "", false
}

// compilerFile is the file name of a cell's lines, after the directory
// cgo may put before it.
var compilerFile = regexp.MustCompile(`^(?:\S*/)?In\[(\d+)\]$`)

// cLineKind is what a line of the go command's output is to compileFailure.
type cLineKind int

const (
	cOther    cLineKind = iota // shown as it is (with cgo's names undone)
	cSkip                      // not shown: quoted source, cgo's and gcc's chatter
	cIncludes                  // where the next message's file was included
	cNote                      // a C compiler's message at a place
	cError                     // a C compiler's error at a place
)

// cMessage rewords a line of the go command's output about C code in the
// user's coordinates.
func cMessage(l string) (string, cLineKind) {
	switch {
	case l == "cgo:" || l == "gcc errors for preamble:" || cSource.MatchString(l) || strings.HasPrefix(l, "collect2:"):
		return "", cSkip
	case cIncluded.MatchString(l):
		m := cIncluded.FindStringSubmatch(l)
		if place, ok := cPlace(m[2]); ok {
			return fmt.Sprintf("%s, line %s", place, m[3]), cIncludes
		}
	case cPosition.MatchString(l):
		m := cPosition.FindStringSubmatch(l)
		if place, ok := cPlace(m[1]); ok {
			kind := cNote
			if strings.HasPrefix(m[4], "error: ") || strings.HasPrefix(m[4], "fatal error: ") {
				kind = cError
			}
			return fmt.Sprintf("%s, line %s, col %s: %s", place, m[2], m[3], m[4]), kind
		}
	case cFunction.MatchString(l):
		// The function or top level the next message is in: its line
		// says enough.
		if _, ok := cPlace(cFunction.FindStringSubmatch(l)[1]); ok {
			return "", cSkip
		}
	}
	return cgoName.ReplaceAllString(l, "C.$1"), cOther
}

// linkMessages words a failed link of C code: what the C linker said of
// which C names, without its command line. ok is false when the failure
// was not the C linker's.
func linkMessages(out string) (lines []string, ok bool) {
	if !linkFailure.MatchString(out) {
		return nil, false
	}
	seen := map[string]bool{}
	for _, m := range cLinkProblem.FindAllStringSubmatch(out, -1) {
		var l string
		switch m[1] {
		case "undefined reference to":
			l = fmt.Sprintf("C function or variable %s: declared, but no cell's C code defines it", m[2])
		default:
			l = fmt.Sprintf("C function or variable %s: defined by more than one cell's C code", m[2])
		}
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	return lines, len(lines) > 0
}

// cDetail says what to do about C compiler messages, or "".
func cDetail(msgs string) string {
	switch {
	case strings.Contains(msgs, "No such file or directory") || strings.Contains(msgs, "file not found"):
		return "a file the cell's C code includes by a quoted name (#include \"sum_range.c\") is read from the kernel's working directory (%pwd) when the %%jit cell runs: write it there first (%%writefile sum_range.c), or check its name"
	case strings.Contains(msgs, "defined by more than one"):
		return "a C function may be defined once: declare it (long long sum_range(long long);) in the other cells, or make it static"
	case strings.Contains(msgs, "no cell's C code defines"):
		return "define the function in the comment just above import \"C\", or in a file it includes, or link its library (#cgo LDFLAGS: -lm)"
	case notDetermined.MatchString(msgs):
		return "a cell's Go code reaches only the C names that its own C code declares (the comment just above its import \"C\", and the files it includes); C's types are C.int, C.long, C.longlong, C.double, ..."
	}
	return ""
}
