package install

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// DataDir returns the user's Jupyter data directory, computed the way
// jupyter_core's jupyter_data_dir does:
//
//   - $JUPYTER_DATA_DIR, if set and not empty;
//   - on macOS, ~/Library/Jupyter;
//   - on Windows, %APPDATA%\jupyter, or, without APPDATA,
//     %JUPYTER_CONFIG_DIR%\data or ~\.jupyter\data;
//   - elsewhere, $XDG_DATA_HOME/jupyter, or ~/.local/share/jupyter when
//     XDG_DATA_HOME is unset or empty.
//
// When $JUPYTER_PLATFORM_DIRS is set to a true value, jupyter_core 5 and
// later use the platform's conventional directory instead; DataDir does the
// same (~/Library/Application Support/jupyter on macOS,
// %LOCALAPPDATA%\jupyter on Windows, unchanged elsewhere).
//
// Like jupyter_core, DataDir resolves symbolic links in the home directory
// (and in %APPDATA% on Windows). The directory need not exist.
func DataDir() (string, error) {
	return dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

// dataDir is DataDir for the operating system goos, reading the environment
// through getenv and the home directory through home.
func dataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	if d := getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	homeDir := func() (string, error) {
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("jupyter data dir: %w", err)
		}
		if h == "" {
			return "", errors.New("jupyter data dir: home directory is not known")
		}
		return resolvePath(h), nil
	}
	platformDirs := envTrue(getenv("JUPYTER_PLATFORM_DIRS"))

	switch goos {
	case "darwin":
		h, err := homeDir()
		if err != nil {
			return "", err
		}
		if platformDirs {
			// platformdirs expands ~ but does not resolve links in it.
			h, _ = home()
			return filepath.Join(h, "Library", "Application Support", "jupyter"), nil
		}
		return filepath.Join(h, "Library", "Jupyter"), nil

	case "windows":
		if platformDirs {
			if local := getenv("LOCALAPPDATA"); local != "" {
				return filepath.Join(local, "jupyter"), nil
			}
		}
		if appdata := getenv("APPDATA"); appdata != "" {
			return resolvePath(filepath.Join(appdata, "jupyter")), nil
		}
		if cfg := getenv("JUPYTER_CONFIG_DIR"); cfg != "" {
			return filepath.Join(cfg, "data"), nil
		}
		h, err := homeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(h, ".jupyter", "data"), nil

	default: // Linux and the other Unix systems
		if xdg := getenv("XDG_DATA_HOME"); xdg != "" {
			return filepath.Join(xdg, "jupyter"), nil
		}
		h, err := homeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(h, ".local", "share", "jupyter"), nil
	}
}

// envTrue reports whether an environment variable's value counts as set for
// jupyter_core: anything but "", "no", "n", "false", "off", "0" and "0.0",
// ignoring case.
func envTrue(v string) bool {
	switch strings.ToLower(v) {
	case "", "no", "n", "false", "off", "0", "0.0":
		return false
	}
	return true
}

// resolvePath makes p absolute and resolves symbolic links in as much of it
// as exists, like Python's pathlib.Path.resolve(strict=False).
func resolvePath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rest := ""
	for dir := abs; ; {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}
