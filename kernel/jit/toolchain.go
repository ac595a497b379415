package jit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"debug/macho"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"
)

// toolchain is a checked go command and the module sources it builds
// plugins in.
type toolchain struct {
	goCmd    string
	cacheDir string
	srcDir   string   // the module's sources, written once per content
	srcHash  string   // their hash
	flags    []string // build flags that must match the process's own
	env      []string
	modPath  string // the sources' module path
	// toolexec is the mainname tool, once a package of cell types was
	// built: every build uses it from then on.
	toolexec string
	// source is the module the process was built from; generation is
	// that of the session's go.mod and go.sum written over it.
	source     fs.FS
	generation int
}

func newToolchain(ctx context.Context, opts Options) (*toolchain, error) {
	want := runtime.Version()
	goCmd, err := exec.LookPath(opts.Go)
	if err != nil {
		return nil, errorf(fmt.Sprintf("install Go %s (https://go.dev/dl/) and put its go command on PATH, then run the cell again; until then, write the function in a normal cell (interpreted) or use the runtime's compiled packages (np, da, calcpi)", want),
			"%%%%jit needs the Go toolchain, and %q is not on PATH", opts.Go)
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil, errorf("", "%%%%jit cannot read how this kernel was built")
	}
	t := &toolchain{goCmd: goCmd}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	t.env = append(os.Environ(), "CGO_ENABLED=1", "GOTOOLCHAIN=local", "GOWORK=off", "GOFLAGS=-mod=readonly",
		"GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	for _, k := range []string{"GOAMD64", "GOARM64", "GOARM", "GO386"} {
		if v := settings[k]; v != "" {
			t.env = append(t.env, k+"="+v)
		}
	}
	if settings["-trimpath"] == "true" {
		t.flags = append(t.flags, "-trimpath")
	}
	if tags := settings["-tags"]; tags != "" {
		t.flags = append(t.flags, "-tags="+tags)
	}
	out, err := t.run(ctx, "", "env", "GOVERSION", "CC")
	if err != nil {
		return nil, errorf("", "%%%%jit could not ask %s its version: %v", goCmd, err)
	}
	got, cc, _ := strings.Cut(strings.TrimSpace(out), "\n")
	if got != want {
		return nil, errorf(fmt.Sprintf("install Go %s and put it first on PATH, or rebuild gopar with %s (make build) and restart the kernel", want, got),
			"the go command on PATH (%s) is %s, but this kernel was built with %s: a plugin must be built by the same toolchain", goCmd, got, want)
	}
	if err := checkCC(strings.TrimSpace(cc)); err != nil {
		return nil, err
	}
	t.cacheDir = opts.CacheDir
	if t.cacheDir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, errorf("set $XDG_CACHE_HOME (or $HOME)", "%%%%jit has no cache directory: %v", err)
		}
		t.cacheDir = filepath.Join(base, "gopar", "jit")
	}
	if err := os.MkdirAll(filepath.Join(t.cacheDir, "plugins"), 0o700); err != nil {
		return nil, errorf("", "%%%%jit cannot make its cache directory: %v", err)
	}
	t.source = opts.Source
	if err := t.writeSources(nil); err != nil {
		return nil, errorf("", "%%%%jit cannot write the module sources: %v", err)
	}
	t.sweep()
	return t, nil
}

// sweep removes what kernels killed while writing the cache left behind:
// temporary source trees, plugins and program directories. Only those an
// hour old, so as not to pull one from under a kernel writing it now.
func (t *toolchain) sweep() {
	stale := func(dir string, match func(name string) bool) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && match(e.Name()) && time.Since(info.ModTime()) > time.Hour {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}
	stale(t.cacheDir, func(n string) bool { return strings.HasPrefix(n, "src-") })
	stale(filepath.Join(t.cacheDir, "plugins"), func(n string) bool { return strings.Contains(n, ".tmp") })
	srcs, _ := os.ReadDir(filepath.Join(t.cacheDir, "src"))
	for _, s := range srcs {
		stale(filepath.Join(t.cacheDir, "src", s.Name(), "jitcell"), func(string) bool { return true })
	}
}

// useModules writes the sources again with the session's go.mod and
// go.sum, when they changed since: builds then find its modules.
func (t *toolchain) useModules(gomod, gosum []byte, generation int) error {
	if generation == t.generation {
		return nil
	}
	if err := t.writeSources(map[string][]byte{"go.mod": gomod, "go.sum": gosum}); err != nil {
		return errorf("", "cannot write the module sources with the session's go.mod: %v", err)
	}
	t.generation = generation
	return nil
}

// run runs the go command in dir and returns its standard output; its
// error carries the command's standard error.
func (t *toolchain) run(ctx context.Context, dir string, args ...string) (string, error) {
	return t.runTool(ctx, dir, t.goCmd, args...)
}

// runTool runs a command of the toolchain's in dir, with its environment.
func (t *toolchain) runTool(ctx context.Context, dir, tool string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Dir = dir
	cmd.Env = t.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), &buildFailure{err: err, stderr: stderr.String()}
	}
	return stdout.String(), nil
}

type buildFailure struct {
	err    error
	stderr string
}

func (b *buildFailure) Error() string {
	if s := strings.TrimSpace(b.stderr); s != "" {
		return s
	}
	return b.err.Error()
}

// writeSources writes the module's files, with overlay's in place of
// theirs, under a directory named by their hash, unless it is there
// already: the plugins of one kernel build all compile against the same
// copy.
func (t *toolchain) writeSources(overlay map[string][]byte) error {
	src := t.source
	if src == nil {
		return errors.New("no module sources were given")
	}
	files := map[string][]byte{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, "_test.go") || strings.Contains(p, "/testdata/") {
			return nil
		}
		b, err := fs.ReadFile(src, p)
		files[p] = b
		return err
	})
	if err != nil {
		return err
	}
	maps.Copy(files, overlay)
	if files["go.mod"] == nil {
		return errors.New("the module sources have no go.mod")
	}
	if t.modPath = modulePath(files["go.mod"]); t.modPath == "" {
		return errors.New("the module sources' go.mod has no module line")
	}
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, p := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(files[p]))
		h.Write(files[p])
	}
	t.srcHash = hex.EncodeToString(h.Sum(nil))[:16]
	t.srcDir = filepath.Join(t.cacheDir, "src", t.srcHash)
	if _, err := os.Stat(filepath.Join(t.srcDir, "go.mod")); err == nil {
		return nil
	}
	// The files go into a directory of their own, renamed into place when
	// complete: a kernel killed while writing leaves only src-* behind,
	// which nobody reads.
	tmp, err := os.MkdirTemp(t.cacheDir, "src-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone once renamed
	for _, p := range names {
		dst := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(dst, files[p], 0o600); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(t.cacheDir, "src"), 0o700); err != nil {
		return err
	}
	if err := os.Rename(tmp, t.srcDir); err != nil {
		// Another kernel may have written the same sources meanwhile.
		if _, statErr := os.Stat(filepath.Join(t.srcDir, "go.mod")); statErr == nil {
			return nil
		}
		return err
	}
	return nil
}

// key names a program's plugin: its files (the files its C code includes
// among them), the sources, the toolchain and the flags.
func (t *toolchain) key(files map[string]string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", runtime.Version(), t.srcHash, strings.Join(t.flags, " "), runtime.GOARCH)
	if hasC(files) {
		// The C compiler and its flags make the C code's machine code.
		for _, k := range cgoEnv {
			fmt.Fprintf(h, "%s=%s\x00", k, envValue(t.env, k))
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00%s", n, len(files[n]), files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// build compiles a program into the plugin lib. The package goes in a
// directory of its own inside the module sources, removed afterwards:
// another kernel may be building the same program, and a killed build
// leaves its directory behind. The plugin is written beside lib under a
// name no other build uses and renamed into place, so that a reader sees
// all of it or nothing.
func (t *toolchain) build(ctx context.Context, key string, files map[string]string, lib string) error {
	cells := filepath.Join(t.srcDir, "jitcell")
	// Mkdir, not MkdirAll: if the sources are gone, recreating their
	// directory without go.mod would make it look written to every kernel.
	if err := os.Mkdir(cells, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return errorf("", "%%%%jit cannot write the program: %v", err)
	}
	pkgDir, err := os.MkdirTemp(cells, "p"+key+"-")
	if err != nil {
		return errorf("", "%%%%jit cannot write the program: %v", err)
	}
	defer os.RemoveAll(pkgDir)
	for name, content := range files {
		// Files a cell's C code includes go in directories of their own.
		dst := filepath.Join(pkgDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return errorf("", "%%%%jit cannot write the program: %v", err)
		}
		if err := os.WriteFile(dst, []byte(content), 0o600); err != nil {
			return errorf("", "%%%%jit cannot write the program: %v", err)
		}
	}
	// go build replaces an empty file (it refuses other non-programs).
	f, err := os.CreateTemp(filepath.Dir(lib), filepath.Base(lib)+".tmp*")
	if err != nil {
		return errorf("", "%%%%jit cannot store the plugin: %v", err)
	}
	f.Close()
	tmp := f.Name()
	defer os.Remove(tmp)
	args := append([]string{"build", "-buildmode=plugin", "-o", tmp}, t.flags...)
	if t.toolexec != "" {
		args = append(args, "-toolexec="+t.toolexec)
	}
	args = append(args, "./"+path.Join("jitcell", filepath.Base(pkgDir)))
	if _, err := t.run(ctx, t.srcDir, args...); err != nil {
		if ctx.Err() != nil {
			return errorf("", "the %%%%jit build was interrupted")
		}
		return compileFailure(err)
	}
	if err := os.Rename(tmp, lib); err != nil {
		return errorf("", "%%%%jit cannot store the plugin: %v", err)
	}
	return nil
}

// intact tells whether the plugin lib is there and whole. The rename in
// build never shows a partial plugin, but one cut short otherwise (the
// machine crashed before the file reached the disk, a copy of the cache
// was interrupted) must not be loaded: dlopen maps it, and the process
// dies of SIGBUS on touching the missing part. Such a plugin is built
// again.
func intact(lib string) bool {
	fi, err := os.Stat(lib)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	size := uint64(fi.Size())
	if runtime.GOOS == "darwin" {
		f, err := macho.Open(lib)
		if err != nil {
			return false
		}
		defer f.Close()
		for _, l := range f.Loads {
			if s, ok := l.(*macho.Segment); ok && s.Offset+s.Filesz > size {
				return false
			}
		}
		return true
	}
	f, err := elf.Open(lib)
	if err != nil {
		return false
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Off+p.Filesz > size {
			return false
		}
	}
	for _, s := range f.Sections {
		if s.Type != elf.SHT_NOBITS && s.Offset+s.FileSize > size {
			return false
		}
	}
	return true
}

// compilerMessage is a compiler message about a cell's line; cgo puts the
// package's directory before the cell's name.
var compilerMessage = regexp.MustCompile(`^(?:\S*/)?In\[(\d+)\]:(\d+)(?::(\d+))?: (.*)$`)

// compileFailure words the go command's failure in cell coordinates, and
// the C compiler's in those of the cell or of the file it included.
func compileFailure(err error) *Error {
	e := &Error{Name: "CompileError"}
	if lines, ok := linkMessages(err.Error()); ok {
		e.Value, e.Lines = lines[0], lines
		e.Detail = cDetail(strings.Join(lines, "\n"))
		return e
	}
	undefined, cErrors := false, false
	var lines, included []string
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "# ") {
			continue
		}
		if m := compilerMessage.FindStringSubmatch(l); m != nil && !cSeverity.MatchString(m[4]) {
			col := m[3]
			if col == "" {
				col = "1"
			}
			msg := cgoName.ReplaceAllString(m[4], "C.$1")
			if strings.HasPrefix(msg, "undefined: ") {
				undefined = true
			}
			lines = append(lines, fmt.Sprintf("In [%s], line %s, col %s: %s", m[1], m[2], col, msg))
			continue
		}
		out, kind := cMessage(l)
		switch kind {
		case cIncludes:
			included = append(included, out)
			continue
		case cNote, cError:
			if len(included) > 0 {
				out += " (included from " + strings.Join(included, ", from ") + ")"
				included = nil
			}
		case cSkip:
			continue
		}
		lines = append(lines, out)
		cErrors = cErrors || kind == cError
	}
	for _, l := range lines {
		// cgo cannot tell what a C name is when the C code did not
		// compile: the C compiler's errors say why.
		if cErrors && notDetermined.MatchString(l) {
			continue
		}
		if len(e.Lines) == maxMessages {
			e.Lines = append(e.Lines, "(more messages: the first ten are shown)")
			break
		}
		e.Lines = append(e.Lines, l)
	}
	if len(e.Lines) > 0 {
		e.Name, e.Value = headline(e.Lines)
	}
	if undefined {
		e.Detail = "jitted code sees the standard library, gopar's runtime packages (np, da, calcpi, ...) and what %%jit cells declare, not the variables, functions and types of interpreted cells: move the declaration into a %%jit cell, or pass the value as an argument"
	} else {
		e.Detail = cDetail(strings.Join(e.Lines, "\n"))
	}
	if e.Value == "" {
		e.Name, e.Value = "JITError", err.Error()
	}
	return e
}

// headline gives the error's name and value from its lines: the first
// error, not a C compiler's warning or note. A line without a place is not
// the code's error but the build's.
func headline(lines []string) (name, value string) {
	for _, l := range lines {
		m := lineMessage.FindStringSubmatch(l)
		switch {
		case m == nil:
			return "JITError", l
		case !strings.HasPrefix(m[1], "warning: ") && !strings.HasPrefix(m[1], "note: "):
			return "CompileError", cSeverity.ReplaceAllString(m[1], "")
		}
	}
	return "CompileError", lines[0]
}

// maxMessages is how many lines of messages a failed build shows, as the
// Go compiler stops at ten errors: a C syntax error can set off dozens.
const maxMessages = 10

// cSeverity starts a C compiler's message.
var cSeverity = regexp.MustCompile(`^(?:fatal error|error|warning|note): `)

// lineMessage is the message of a line compileFailure wrote with a place,
// without where its file was included.
var lineMessage = regexp.MustCompile(`, line \d+, col \d+: (.*?)(?: \(included from .*\))?$`)
