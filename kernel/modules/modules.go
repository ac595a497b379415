// Package modules keeps the Go modules that a kernel's cells use beyond the
// standard library and gopar's runtime.
//
// A Set is one session's module: it starts as the kernel's own go.mod and
// go.sum, and grows as cells import packages of other modules (or ask for
// versions with %go get). The go command resolves them with the user's
// settings (GOPROXY, GOPRIVATE, GOFLAGS, the module cache). Two rules keep
// what is built from the Set loadable into the running kernel, whose
// packages a plugin must share exactly: the modules compiled into the
// kernel keep their versions, and so does a module once its packages are
// loaded. A request that would change either is refused with what to do.
//
// It knows nothing of plugins or of the interpreter: it answers which
// versions, which directories.
package modules

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options configure a Set.
type Options struct {
	// Go is the go command; by default "go" found on PATH.
	Go string
	// GoMod and GoSum are the kernel's own module files, which the
	// session's module starts from.
	GoMod, GoSum []byte
	// Compiled maps the modules compiled into the process to their
	// versions: no request may change them.
	Compiled map[string]string
	// Pins gives the versions chosen before, as a notebook records them:
	// a module first imported gets its pinned version, not the latest.
	// It is called once, when a cell first imports a module's package,
	// so that a kernel that imports none does not read them.
	Pins func() map[string]string
	// CacheDir keeps resolutions for the next kernel; "" keeps none.
	CacheDir string
	// Env is the go command's environment; by default the process's.
	Env []string
}

// Module is a module at a version.
type Module struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

func (m Module) String() string { return m.Path + " " + m.Version }

// Package is a package resolved for import.
type Package struct {
	Path   string `json:"path"`
	Module Module `json:"module"`
	// Dirs holds the directory of the package and of every package it
	// imports outside the standard library, by import path.
	Dirs map[string]string `json:"dirs"`
	// Modules are the versions of the modules those packages come from.
	Modules map[string]string `json:"modules"`
}

// Set is a session's module requirements. Its methods may be called from
// several goroutines.
type Set struct {
	opts Options

	mu           sync.Mutex
	gomod, gosum []byte
	// chosen are the modules the session asked for, by %go get or by
	// importing one of their packages, with the versions they got.
	chosen map[string]string
	// loaded are the modules whose packages the process holds: fixed.
	loaded map[string]string
	pkgs   map[string]*Package
	// pins are Options.Pins' answer, once asked.
	pins map[string]string
	// generation counts the changes of go.mod and go.sum.
	generation int
}

// New returns a Set; nothing runs until it is asked for a package.
func New(opts Options) *Set {
	if opts.Go == "" {
		opts.Go = "go"
	}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	return &Set{
		opts:   opts,
		gomod:  opts.GoMod,
		gosum:  opts.GoSum,
		chosen: map[string]string{},
		loaded: map[string]string{},
		pkgs:   map[string]*Package{},
	}
}

// Files returns the session's go.mod and go.sum as they are now, and
// their generation, which changes whenever they do.
func (s *Set) Files() (gomod, gosum []byte, generation int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gomod, s.gosum, s.generation
}

// Chosen lists the modules the session asked for, sorted by path.
func (s *Set) Chosen() []Module {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Module, 0, len(s.chosen))
	for _, p := range slices.Sorted(maps.Keys(s.chosen)) {
		out = append(out, Module{Path: p, Version: s.chosen[p]})
	}
	return out
}

// Loaded records that the process now holds pkg's packages: their
// modules keep their versions from now on.
func (s *Set) Loaded(pkg *Package) {
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.Copy(s.loaded, pkg.Modules)
}

// External tells whether path names a package of a module rather than
// of the standard library: its first element has a dot, as the go
// command decides.
func External(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return strings.Contains(first, ".")
}

// Get adds modules to the session, as "go get" does: each spec is a
// module path with an optional @version (latest without). It returns
// what the go command said it changed.
func (s *Set) Get(ctx context.Context, specs []string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(specs) == 0 {
		return "", &Error{What: "%go get needs a module", Do: "name one, e.g. %go get gonum.org/v1/gonum@v0.17.0"}
	}
	specs = slices.Clone(specs)
	for i, spec := range specs {
		path, version, _ := strings.Cut(spec, "@")
		have, err := s.fixedLocked(path, version)
		if err != nil {
			return "", err
		}
		if have != "" {
			specs[i] = path + "@" + have
		}
	}
	// A request of exact versions has one answer: the next kernel that
	// asks it from the same start reads it from the cache.
	key := s.cacheKeyLocked("get", strings.Join(specs, " "))
	exact := !slices.ContainsFunc(specs, func(spec string) bool {
		_, v, _ := strings.Cut(spec, "@")
		return !semver.MatchString(v)
	})
	if c := s.cachedLocked(key, !exact); c != nil && c.Versions != nil {
		s.adoptLocked(c.GoMod, c.GoSum, nil)
		maps.Copy(s.chosen, c.Versions)
		return c.Said, nil
	}
	said, err := s.getLocked(ctx, specs)
	if err != nil {
		return "", err
	}
	versions := map[string]string{}
	for _, spec := range specs {
		path, _, _ := strings.Cut(spec, "@")
		v, err := s.versionLocked(ctx, path)
		if err != nil {
			return "", err
		}
		versions[path] = v
	}
	maps.Copy(s.chosen, versions)
	s.storeLocked(key, cached{GoMod: s.gomod, GoSum: s.gosum, Said: said, Versions: versions})
	return said, nil
}

// semver matches an exact version, v1.2.3 or v0.0.0-20250101000000-abcdef123456.
var semver = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// fixedLocked returns the version of module path the process holds ("" for
// none), and refuses another version of it.
func (s *Set) fixedLocked(path, version string) (string, error) {
	if have, ok := s.opts.Compiled[path]; ok {
		if version != "" && version != have {
			return "", &Error{What: fmt.Sprintf("%s %s is compiled into the kernel, and a kernel cannot hold two versions of one package", path, have),
				Do: fmt.Sprintf("use that version: %%go get %s@%s (or rebuild gopar with another version of it)", path, have)}
		}
		return have, nil
	}
	if have, ok := s.loaded[path]; ok {
		if version != "" && version != have {
			return "", &Error{What: fmt.Sprintf("%s %s is loaded in this kernel already, and a kernel cannot hold two versions of one package", path, have),
				Do: fmt.Sprintf("restart the kernel, then run %%go get %s@%s before the cell that imports it", path, version)}
		}
		return have, nil
	}
	return "", nil
}

// List runs go list with args in the session's module, e.g.
// "-m -versions gonum.org/v1/gonum", and returns what it printed.
func (s *Set) List(ctx context.Context, args []string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	stdout, stderr, err := s.goLocked(ctx, false, append([]string{"list"}, args...)...)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return "", e
		}
		return "", &Error{What: "go list " + strings.Join(args, " ") + " failed", Said: strings.TrimSpace(stderr)}
	}
	return stdout, nil
}

// Resolve makes the package path importable: it adds its module to the
// session (at its pinned or chosen version, else the latest), fetches
// it, and returns the directories of the package and its imports. The
// go command's progress goes to progress.
func (s *Set) Resolve(ctx context.Context, path string, progress io.Writer) (*Package, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.pkgs[path]; p != nil {
		return p, nil
	}
	query := s.queryLocked(path)
	key := s.cacheKeyLocked(path, query)
	if c := s.cachedLocked(key, query == ""); c != nil && c.Package != nil {
		s.adoptLocked(c.GoMod, c.GoSum, c.Package)
		return c.Package, nil
	}
	start := time.Now()
	// A module go.mod requires already needs no go get: listing the
	// package adds what go.sum lacks for it.
	required := false
	for _, versions := range []map[string]string{s.opts.Compiled, s.loaded, s.chosen} {
		required = required || moduleOf(path, versions) != ""
	}
	if !required {
		fmt.Fprintf(progress, "gopar: fetching %s%s with the go command\n", path, query)
		if _, err := s.getLocked(ctx, []string{path + query}); err != nil {
			return nil, err
		}
	}
	pkg, err := s.listLocked(ctx, path)
	if err != nil {
		return nil, err
	}
	s.adoptLocked(s.gomod, s.gosum, pkg)
	s.storeLocked(key, cached{GoMod: s.gomod, GoSum: s.gosum, Package: pkg})
	if query == "" {
		fmt.Fprintf(progress, "gopar: using %s (%.1f s); to keep this version, add a cell: %%go get %s@%s\n",
			pkg.Module, time.Since(start).Seconds(), pkg.Module.Path, pkg.Module.Version)
	}
	return pkg, nil
}

// queryLocked is the version suffix for path's module: the one the
// kernel or session holds, the pinned one, or none (the latest).
func (s *Set) queryLocked(path string) string {
	if s.pins == nil {
		s.pins = map[string]string{}
		if s.opts.Pins != nil {
			maps.Copy(s.pins, s.opts.Pins())
		}
	}
	for _, versions := range []map[string]string{s.opts.Compiled, s.loaded, s.chosen, s.pins} {
		if m := moduleOf(path, versions); m != "" {
			return "@" + versions[m]
		}
	}
	return ""
}

// moduleOf finds the module among versions whose path is the longest
// prefix of the package path; "" for none.
func moduleOf(path string, versions map[string]string) string {
	best := ""
	for m := range versions {
		if (path == m || strings.HasPrefix(path, m+"/")) && len(m) > len(best) {
			best = m
		}
	}
	return best
}

func (s *Set) adoptLocked(gomod, gosum []byte, pkg *Package) {
	if !bytes.Equal(gomod, s.gomod) || !bytes.Equal(gosum, s.gosum) {
		s.gomod, s.gosum = gomod, gosum
		s.generation++
	}
	if pkg == nil {
		return
	}
	s.pkgs[pkg.Path] = pkg
	if _, ok := s.opts.Compiled[pkg.Module.Path]; !ok {
		s.chosen[pkg.Module.Path] = pkg.Module.Version
	}
}

// getLocked runs go get for specs in the Set's module, with every fixed
// module pinned to its version, and keeps the go.mod and go.sum it
// leaves.
func (s *Set) getLocked(ctx context.Context, specs []string) (string, error) {
	args := append([]string{"get"}, specs...)
	requested := map[string]bool{}
	for _, spec := range specs {
		p, _, _ := strings.Cut(spec, "@")
		requested[p] = true
	}
	for _, fixed := range []map[string]string{s.opts.Compiled, s.loaded} {
		for _, m := range slices.Sorted(maps.Keys(fixed)) {
			if !requested[m] {
				args = append(args, m+"@"+fixed[m])
			}
		}
	}
	_, stderr, err := s.goLocked(ctx, true, args...)
	if err != nil {
		if _, ok := err.(*Error); ok {
			return "", err
		}
		return "", s.explain(specs, stderr, err)
	}
	return changes(stderr), nil
}

// changes keeps what go get says it added, upgraded or downgraded.
func changes(stderr string) string {
	var out strings.Builder
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "go: added ") || strings.HasPrefix(line, "go: upgraded ") || strings.HasPrefix(line, "go: downgraded ") {
			out.WriteString(line + "\n")
		}
	}
	return out.String()
}

// listLocked asks the go command where path and its imports are.
func (s *Set) listLocked(ctx context.Context, path string) (*Package, error) {
	stdout, stderr, err := s.goLocked(ctx, true, "list", "-mod=mod", "-deps", "-e", "-json=ImportPath,Dir,Standard,Module,Error", path)
	if err != nil {
		return nil, s.explain([]string{path}, stderr, err)
	}
	pkg := &Package{Path: path, Dirs: map[string]string{}, Modules: map[string]string{}}
	dec := json.NewDecoder(strings.NewReader(stdout))
	for {
		var p struct {
			ImportPath, Dir string
			Standard        bool
			Module          *struct{ Path, Version string }
			Error           *struct{ Err string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("read go list's answer for %s: %w", path, err)
		}
		if p.Error != nil && p.ImportPath == path {
			return nil, s.explain([]string{path}, p.Error.Err, errors.New(p.Error.Err))
		}
		if p.Standard || p.Module == nil {
			continue
		}
		pkg.Dirs[p.ImportPath] = p.Dir
		pkg.Modules[p.Module.Path] = p.Module.Version
		if p.ImportPath == path {
			pkg.Module = Module{Path: p.Module.Path, Version: p.Module.Version}
		}
	}
	if pkg.Module.Path == "" {
		return nil, &Error{What: fmt.Sprintf("the go command found no package %s", path), Do: "check the import path"}
	}
	return pkg, nil
}

// versionLocked is the version the Set's module requires of module path.
func (s *Set) versionLocked(ctx context.Context, path string) (string, error) {
	stdout, stderr, err := s.goLocked(ctx, false, "list", "-m", "-f", "{{.Version}}", path)
	if err != nil {
		return "", s.explain([]string{path}, stderr, err)
	}
	return strings.TrimSpace(stdout), nil
}

// goLocked runs the go command in a directory of its own holding the
// session's go.mod and go.sum, which it removes afterwards; with keep,
// the files the command leaves become the session's.
func (s *Set) goLocked(ctx context.Context, keep bool, args ...string) (stdout, stderr string, err error) {
	dir, err := os.MkdirTemp("", "gopar-module-")
	if err != nil {
		return "", "", fmt.Errorf("make a directory for the session's go.mod: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), s.gomod, 0o600); err != nil {
		return "", "", fmt.Errorf("write the session's go.mod: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), s.gosum, 0o600); err != nil {
		return "", "", fmt.Errorf("write the session's go.sum: %w", err)
	}
	cmd := exec.CommandContext(ctx, s.opts.Go, args...)
	cmd.Dir = dir
	cmd.Env = s.env()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", "", &Error{What: "interrupted while the go command fetched modules", Do: "run the cell again"}
		}
		if errors.Is(err, exec.ErrNotFound) {
			return "", "", &Error{What: fmt.Sprintf("importing a module's package needs the Go toolchain, and %q is not on PATH", s.opts.Go),
				Do: "install Go (https://go.dev/dl/), put its go command on PATH and restart the kernel"}
		}
		return out.String(), errOut.String(), err
	}
	if keep {
		gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err != nil {
			return "", "", fmt.Errorf("read the session's go.mod: %w", err)
		}
		gosum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", "", fmt.Errorf("read the session's go.sum: %w", err)
		}
		if !bytes.Equal(gomod, s.gomod) || !bytes.Equal(gosum, s.gosum) {
			s.gomod, s.gosum = gomod, gosum
			s.generation++
		}
	}
	return out.String(), errOut.String(), nil
}

// env is the user's environment for the go command, with what a
// session's module needs: no workspace, the local toolchain, and
// go.mod updated by go get whatever GOFLAGS says of -mod.
func (s *Set) env() []string {
	env := make([]string, 0, len(s.opts.Env)+3)
	for _, kv := range s.opts.Env {
		if flags, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			fields := slices.DeleteFunc(strings.Fields(flags), func(f string) bool { return strings.HasPrefix(f, "-mod=") })
			kv = "GOFLAGS=" + strings.Join(fields, " ")
		}
		env = append(env, kv)
	}
	return append(env, "GOWORK=off", "GOTOOLCHAIN=local")
}

// getenv reads the go command's environment.
func (s *Set) getenv(key string) string {
	v := ""
	for _, kv := range s.opts.Env {
		if rest, ok := strings.CutPrefix(kv, key+"="); ok {
			v = rest
		}
	}
	return v
}

// cached is a resolution kept for the next kernel.
type cached struct {
	GoMod []byte `json:"gomod"`
	GoSum []byte `json:"gosum"`
	// Package is a resolved import; Said and Versions a %go get's answer.
	Package  *Package          `json:"package,omitempty"`
	Said     string            `json:"said,omitempty"`
	Versions map[string]string `json:"versions,omitempty"`
}

// latestFor is how long a resolution to the latest version is reused:
// a day, so that new kernels start fast and still see new releases.
const latestFor = 24 * time.Hour

// cacheKeyLocked names a resolution: what the go command starts from and
// is asked, and the settings that change its answer.
func (s *Set) cacheKeyLocked(path, query string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s\x00%d\x00%s\x00", path, query, len(s.gomod), s.gomod, len(s.gosum), s.gosum)
	for _, k := range []string{"GOPROXY", "GOPRIVATE", "GONOPROXY", "GOFLAGS", "GOMODCACHE", "GOPATH", "GOOS", "GOARCH"} {
		fmt.Fprintf(h, "%s=%s\x00", k, s.getenv(k))
	}
	for _, m := range slices.Sorted(maps.Keys(s.loaded)) {
		fmt.Fprintf(h, "%s@%s\x00", m, s.loaded[m])
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// cachedLocked reads a resolution kept before; latest says it was asked
// for the latest version.
func (s *Set) cachedLocked(key string, latest bool) *cached {
	if s.opts.CacheDir == "" {
		return nil
	}
	file := filepath.Join(s.opts.CacheDir, key+".json")
	fi, err := os.Stat(file)
	if err != nil {
		return nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var c cached
	if json.Unmarshal(b, &c) != nil {
		return nil
	}
	if latest && time.Since(fi.ModTime()) > latestFor {
		return nil
	}
	// The module cache may have been cleaned since.
	if c.Package != nil {
		for _, dir := range c.Package.Dirs {
			if _, err := os.Stat(dir); err != nil {
				return nil
			}
		}
	}
	return &c
}

func (s *Set) storeLocked(key string, c cached) {
	if s.opts.CacheDir == "" {
		return
	}
	b, err := json.Marshal(c)
	if err != nil || os.MkdirAll(s.opts.CacheDir, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(s.opts.CacheDir, ".tmp-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(s.opts.CacheDir, key+".json"))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}
