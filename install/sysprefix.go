package install

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// printPrefix is the Python program that prints sys.prefix.
const printPrefix = "import sys; print(sys.prefix)"

// sysPrefix returns sys.prefix of the Python installation that runs Jupyter.
// It asks, in order, the interpreter named by the shebang of the jupyter
// command found on PATH, a Python next to that command, and finally
// "/usr/bin/env python3" ("python", then "py -3", on Windows).
func sysPrefix() (string, error) {
	var tried []string
	for _, cmd := range pythonCandidates() {
		out, err := exec.Command(cmd[0], append(cmd[1:], "-c", printPrefix)...).Output()
		prefix := strings.TrimSpace(string(out))
		if err == nil && filepath.IsAbs(prefix) {
			return prefix, nil
		}
		tried = append(tried, strings.Join(cmd, " "))
	}
	return "", fmt.Errorf("--sys-prefix: found no Python to ask for sys.prefix (tried %s); use --prefix DIR instead",
		strings.Join(tried, ", "))
}

// pythonCandidates lists the commands that may run the Python owning
// Jupyter, best first, without duplicates.
func pythonCandidates() [][]string {
	var cands [][]string
	seen := map[string]bool{}
	add := func(cmd ...string) {
		key := strings.Join(cmd, "\x00")
		if !seen[key] {
			seen[key] = true
			cands = append(cands, cmd)
		}
	}
	if jupyter, err := exec.LookPath("jupyter"); err == nil {
		if real, err := filepath.EvalSymlinks(jupyter); err == nil {
			jupyter = real
		}
		if cmd := shebangPython(jupyter); cmd != nil {
			add(cmd...)
		}
		// A virtual environment's bin (Scripts on Windows) holds its
		// Python; a Windows installation keeps python.exe above Scripts.
		dir := filepath.Dir(jupyter)
		names := []string{"python3", "python"}
		dirs := []string{dir}
		if runtime.GOOS == "windows" {
			names = []string{"python.exe"}
			dirs = append(dirs, filepath.Dir(dir))
		}
		for _, d := range dirs {
			for _, name := range names {
				p := filepath.Join(d, name)
				if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
					add(p)
				}
			}
		}
	}
	if runtime.GOOS == "windows" {
		add("python")
		add("py", "-3")
	} else {
		add("/usr/bin/env", "python3")
	}
	return cands
}

// shebangPython returns the Python command named by the "#!" line of the
// script at path, or nil if there is none.
func shebangPython(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := f.Read(head)
	return parseShebang(head[:n])
}

// parseShebang returns the Python command named by a script's first lines,
// or nil if they do not name a Python.
//
// It understands "#!/path/to/python3 [arg]", "#!/usr/bin/env python3" and
// the "/bin/sh" wrapper that pip writes when the interpreter's path is too
// long or contains spaces:
//
//	#!/bin/sh
//	'''exec' "/path with spaces/python" "$0" "$@"
//	' '''
//
// Commands whose interpreter does not look like a Python (its name, or that
// of the program env starts, lacks "python") are ignored, so that running
// the command with "-c" cannot start some unrelated program.
func parseShebang(head []byte) []string {
	sc := bufio.NewScanner(bytes.NewReader(head))
	if !sc.Scan() {
		return nil
	}
	line := strings.TrimRight(sc.Text(), "\r")
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return nil
	}
	interp, arg := strings.TrimSpace(rest), ""
	if i := strings.IndexAny(interp, " \t"); i >= 0 {
		interp, arg = interp[:i], strings.TrimSpace(interp[i+1:])
	}
	if interp == "" {
		return nil
	}
	base := filepath.Base(interp)

	switch {
	case base == "sh" || base == "bash":
		if !sc.Scan() {
			return nil
		}
		q, ok := strings.CutPrefix(sc.Text(), "'''exec' \"")
		if !ok {
			return nil
		}
		p, _, ok := strings.Cut(q, "\"")
		if !ok || !strings.Contains(filepath.Base(p), "python") {
			return nil
		}
		return []string{p}
	case base == "env":
		// The kernel passes everything after the interpreter as one
		// argument; "env -S" splits it, plain env takes it whole.
		if !envRunsPython(strings.Fields(arg)) {
			return nil
		}
		return []string{interp, arg}
	case strings.Contains(base, "python"):
		if arg == "" {
			return []string{interp}
		}
		return []string{interp, arg}
	}
	return nil
}

// envRunsPython reports whether the program that env runs, the first of
// fields that is neither an option nor a NAME=VALUE assignment, looks like
// a Python.
func envRunsPython(fields []string) bool {
	for _, f := range fields {
		if strings.HasPrefix(f, "-") || strings.Contains(f, "=") {
			continue
		}
		return strings.Contains(filepath.Base(f), "python")
	}
	return false
}
