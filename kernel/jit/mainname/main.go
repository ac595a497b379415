// Command mainname runs a Go tool, as go build -toolexec does, naming the
// packages whose import path starts with the prefix in $GOPAR_MAINNAME
// "main" for the compiler.
//
// The types that cells declare are compiled into packages of their own,
// which every later plugin imports, so that a value keeps its type across
// plugins. go run names such a type main.T (fmt's %T, reflect, encoding
// errors); the go command refuses to import a package named main, but the
// compiler does not, so the package clause the go command reads says
// otherwise, and this wrapper has the compiler read "package main".
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// PrefixEnv names the variable that holds the import path prefix.
const PrefixEnv = "GOPAR_MAINNAME"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go build -toolexec=mainname ... (runs TOOL ARGS...)")
		os.Exit(2)
	}
	tool, args := os.Args[1], os.Args[2:]
	var tmp string
	if prefix := os.Getenv(PrefixEnv); prefix != "" && isCompile(tool) && compiles(args, prefix) {
		var err error
		tmp, err = os.MkdirTemp("", "mainname-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "mainname:", err)
			os.Exit(1)
		}
		args, err = renamed(args, tmp)
		if err != nil {
			os.RemoveAll(tmp)
			fmt.Fprintln(os.Stderr, "mainname:", err)
			os.Exit(1)
		}
	}
	cmd := exec.Command(tool, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if tmp != "" {
		os.RemoveAll(tmp)
	}
	if exit, ok := err.(*exec.ExitError); ok {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mainname:", err)
		os.Exit(1)
	}
}

func isCompile(tool string) bool {
	name := strings.TrimSuffix(filepath.Base(tool), ".exe")
	return name == "compile"
}

// compiles tells whether the compiler's arguments compile a package under
// prefix (its -p flag).
func compiles(args []string, prefix string) bool {
	for i, a := range args {
		if a == "-p" && i+1 < len(args) && strings.HasPrefix(args[i+1], prefix) {
			return true
		}
	}
	return false
}

// renamed copies the Go files among args into dir, with their package
// clause saying main, and returns args naming the copies.
func renamed(args []string, dir string) ([]string, error) {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if !strings.HasSuffix(a, ".go") {
			continue
		}
		src, err := os.ReadFile(a)
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(dir, fmt.Sprintf("%d_%s", i, filepath.Base(a)))
		if err := os.WriteFile(dst, packageMain(src), 0o600); err != nil {
			return nil, err
		}
		out[i] = dst
	}
	return out, nil
}

// packageMain rewrites the first line that starts with "package " (the
// generated files put it before anything else).
func packageMain(src []byte) []byte {
	var b bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), len(src)+1)
	done := false
	for sc.Scan() {
		line := sc.Text()
		if !done && strings.HasPrefix(line, "package ") {
			line, done = "package main", true
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}
