//go:build !unix && !windows

package magics

import (
	"os"
	"os/exec"
)

// shellCommand runs a "!" line with the sh found on PATH.
func shellCommand(line string) *exec.Cmd { return exec.Command("sh", "-c", line) }

// setProcessGroup does nothing where there are no process groups.
func setProcessGroup(cmd *exec.Cmd) {}

// signalGroup kills p: without process groups or SIGINT, that is all an
// interrupt can do.
func signalGroup(p *os.Process, kill bool) { p.Kill() }

// scriptNotFound is the advice when %%bash or %%sh finds no program.
func scriptNotFound(name string) string {
	return "install " + name + " or put it on PATH"
}
