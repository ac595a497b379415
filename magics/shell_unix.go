//go:build unix

package magics

import (
	"os"
	"os/exec"
	"syscall"
)

// shellCommand runs a "!" line with sh, as IPython's system() does.
func shellCommand(line string) *exec.Cmd { return exec.Command("/bin/sh", "-c", line) }

// setProcessGroup puts the command in a group of its own, so that an
// interrupt reaches everything it starts and not the kernel.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// signalGroup sends SIGINT (or SIGKILL, when kill) to p's process group.
func signalGroup(p *os.Process, kill bool) {
	sig := syscall.SIGINT
	if kill {
		sig = syscall.SIGKILL
	}
	syscall.Kill(-p.Pid, sig)
}

// scriptNotFound is the advice when %%bash or %%sh finds no program.
func scriptNotFound(name string) string {
	return "install " + name + " or put it on PATH"
}
