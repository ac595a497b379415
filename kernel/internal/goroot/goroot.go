// Package goroot finds the Go installation whose sources the kernel reads
// for the standard library: its documentation, and its types.
package goroot

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Find returns the root of the Go installation with sources, "" when
// there is none. It is looked for once: $GOROOT, then the installation the
// kernel was built with, then the go command on PATH; the first with
// sources wins.
var Find = sync.OnceValue(find)

func find() string {
	if dir := os.Getenv("GOROOT"); hasSources(dir) {
		return dir
	}
	//lint:ignore SA1019 the build's GOROOT is the best guess left when $GOROOT is unset.
	if dir := runtime.GOROOT(); hasSources(dir) {
		return dir
	}
	if dir := goEnv(); hasSources(dir) {
		return dir
	}
	return ""
}

func hasSources(dir string) bool {
	if dir == "" {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, "src", "builtin"))
	return err == nil && fi.IsDir()
}

// goEnv asks the go command on PATH for its GOROOT.
func goEnv() string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
