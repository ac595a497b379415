package magics

import (
	"os"
	"os/exec"
	"syscall"
)

// shellCommand runs a "!" line with cmd.exe, as IPython's system() does
// on Windows. The line goes to cmd.exe as written: cmd.exe does not
// follow the quoting rules exec applies to arguments.
func shellCommand(line string) *exec.Cmd {
	comspec := os.Getenv("ComSpec")
	if comspec == "" {
		comspec = `C:\Windows\System32\cmd.exe`
	}
	cmd := exec.Command(comspec)
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: `/d /s /c "` + line + `"`}
	return cmd
}

// setProcessGroup leaves the command as it is: Windows has no process
// groups to signal, and a new console group would not receive the
// kernel's interrupt message either.
func setProcessGroup(cmd *exec.Cmd) {}

// signalGroup kills p: without process groups or SIGINT, that is all an
// interrupt can do.
func signalGroup(p *os.Process, kill bool) { p.Kill() }

// scriptNotFound is the advice when %%bash or %%sh finds no program.
func scriptNotFound(name string) string {
	return "install Git for Windows (its Git Bash provides bash and sh) or WSL, and put " + name +
		" on PATH; \"!\" lines run with cmd.exe and need neither"
}
