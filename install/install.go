package install

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// DefaultName is the kernelspec directory name used when Options.Name is
// empty; it is also the kernel name Jupyter shows in `jupyter kernelspec
// list`.
const DefaultName = "gopar"

// DisplayName is the kernel's name in the notebook's launcher and menus.
const DisplayName = "Go (gopar)"

// Options says where the kernelspec goes.
//
// At most one of User, Prefix and SysPrefix may be given; with none of them
// the kernelspec goes in the user's Jupyter data dir, as with User.
type Options struct {
	User       bool   // --user (the default when nothing else is given): the user's Jupyter data dir
	Prefix     string // --prefix DIR: DIR/share/jupyter/kernels/gopar
	SysPrefix  bool   // --sys-prefix: <sys.prefix of the Python that runs Jupyter>/share/jupyter/kernels/gopar
	Name       string // kernelspec directory name, default "gopar"
	Executable string // absolute path of the gopar binary put in argv; default: os.Executable() resolved through symlinks
	Readme     []byte // when set, written as README.md beside kernel.json, where the kernel's help link points
	// Env are environment variables the kernel starts with (kernel.json's
	// "env"), such as its limits: GOPAR_MEMORY_LIMIT, GOMAXPROCS.
	Env map[string]string
}

// kernelSpec is the content of kernel.json. The field order is the order
// in which they are written.
type kernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata"`
}

// Install writes the kernelspec and returns the directory it wrote. The
// directory and any missing parents are created; files already there are
// replaced, so installing again is harmless.
func Install(opts Options) (dir string, err error) {
	defer wrap(&err, "install kernelspec")

	dir, err = specDir(opts)
	if err != nil {
		return "", err
	}
	exe, err := executable(opts.Executable)
	if err != nil {
		return "", err
	}
	spec, err := json.MarshalIndent(kernelSpec{
		Argv:          []string{exe, "kernel", "-f", "{connection_file}"},
		DisplayName:   DisplayName,
		Language:      "go",
		InterruptMode: "message",
		Env:           opts.Env,
		Metadata:      map[string]any{},
	}, "", " ")
	if err != nil {
		return "", err
	}
	spec = append(spec, '\n')
	png32, err := logoPNG(32)
	if err != nil {
		return "", err
	}
	png64, err := logoPNG(64)
	if err != nil {
		return "", err
	}

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	files := []struct {
		name string
		data []byte
	}{
		{"kernel.json", spec},
		{"logo-32x32.png", png32},
		{"logo-64x64.png", png64},
		{"logo-svg.svg", logoSVG},
	}
	if opts.Readme != nil {
		// Front ends serve a kernelspec's files: the kernel's help link
		// points here.
		files = append(files, struct {
			name string
			data []byte
		}{"README.md", opts.Readme})
	}
	for _, f := range files {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// Uninstall removes the kernelspec directory and returns its path. It is an
// error, matching fs.ErrNotExist, if the kernelspec is not installed there.
// A directory without a kernel.json is left alone, since it is not a
// kernelspec.
func Uninstall(opts Options) (dir string, err error) {
	defer wrap(&err, "uninstall kernelspec")

	dir, err = specDir(opts)
	if err != nil {
		return "", err
	}
	name := opts.Name
	if name == "" {
		name = DefaultName
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("kernelspec %q is not installed in %s: %w", name, filepath.Dir(dir), fs.ErrNotExist)
	} else if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		return "", fmt.Errorf("%s has no kernel.json, so it is not a kernelspec; not removing it", dir)
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// wrap prefixes a non-nil *err with what was being done.
func wrap(err *error, doing string) {
	if *err != nil {
		*err = fmt.Errorf("%s: %w", doing, *err)
	}
}

// kernelNamePattern is the set of names jupyter_client accepts for a
// kernelspec, restricted to lower case: Jupyter lower-cases the directory
// name when it lists kernels.
var kernelNamePattern = regexp.MustCompile(`^[a-z0-9._-]+$`)

// checkName reports whether name can be a kernelspec directory name.
func checkName(name string) error {
	if !kernelNamePattern.MatchString(name) || name == "." || name == ".." {
		return fmt.Errorf("invalid kernelspec name %q: use lower-case ASCII letters, digits, '.', '_' and '-'", name)
	}
	return nil
}

// location returns the flag name of the location chosen by opts ("--user",
// "--prefix" or "--sys-prefix"), or an error if several are chosen.
func location(opts Options) (string, error) {
	var given []string
	if opts.User {
		given = append(given, "--user")
	}
	if opts.Prefix != "" {
		given = append(given, "--prefix")
	}
	if opts.SysPrefix {
		given = append(given, "--sys-prefix")
	}
	switch len(given) {
	case 0:
		return "--user", nil
	case 1:
		return given[0], nil
	}
	return "", fmt.Errorf("%s and %s cannot be used together",
		strings.Join(given[:len(given)-1], ", "), given[len(given)-1])
}

// specDir returns the kernelspec directory that opts designate.
func specDir(opts Options) (string, error) {
	name := opts.Name
	if name == "" {
		name = DefaultName
	}
	if err := checkName(name); err != nil {
		return "", err
	}
	loc, err := location(opts)
	if err != nil {
		return "", err
	}
	var kernels string
	switch loc {
	case "--user":
		data, err := DataDir()
		if err != nil {
			return "", err
		}
		kernels = filepath.Join(data, "kernels")
	case "--prefix":
		kernels = filepath.Join(opts.Prefix, "share", "jupyter", "kernels")
	case "--sys-prefix":
		prefix, err := sysPrefix()
		if err != nil {
			return "", err
		}
		kernels = filepath.Join(prefix, "share", "jupyter", "kernels")
	}
	dir, err := filepath.Abs(filepath.Join(kernels, name))
	if err != nil {
		return "", err
	}
	return dir, nil
}

// executable returns the absolute path of the gopar binary: exe if given,
// else the running program with symbolic links resolved.
func executable(exe string) (string, error) {
	if exe == "" {
		self, err := os.Executable()
		if err != nil {
			return "", fmt.Errorf("cannot find the gopar binary: %w", err)
		}
		if real, err := filepath.EvalSymlinks(self); err == nil {
			self = real
		}
		exe = self
	}
	return filepath.Abs(exe)
}

// writeFileAtomic writes data to name with permissions perm through a
// temporary file in the same directory, renamed over name at the end, so
// that readers see the old content or the new, never a part.
func writeFileAtomic(name string, data []byte, perm fs.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}
