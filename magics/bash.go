package magics

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

func init() {
	register(&Magic{Name: "bash", Help: scriptHelp("bash", scriptProgram("bash")), Cell: scriptMagic("bash")})
	register(&Magic{Name: "sh", Help: scriptHelp("sh", scriptProgram("sh")), Cell: scriptMagic("sh")})
}

// scriptProgram is the program %%name runs, as the help shows it.
func scriptProgram(name string) string {
	if runtime.GOOS == "windows" {
		return name
	}
	return "/bin/" + name
}

// findScriptProgram finds the program %%name runs: /bin/bash or /bin/sh
// where they are, else the one on PATH (Git Bash's on Windows).
func findScriptProgram(name string) (string, error) {
	if p := scriptProgram(name); filepath.IsAbs(p) {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", &Error{Name: "FileNotFoundError", Value: fmt.Sprintf("%%%%%s found no %s program: %s", name, name, scriptNotFound(name))}
	}
	return p, nil
}

func scriptHelp(name, prog string) string {
	return fmt.Sprintf(`%%%%%[1]s [--raise-error] [%[2]s options]

Run the cell with %[2]s in a subprocess: "%[2]s -c BODY".

The script runs in the kernel's current directory (see %%cd) with the
kernel's environment (see %%env) and an empty standard input. Its standard
output and error are shown as it writes them, so long commands show their
progress; interrupting the kernel stops the script and everything it
started (SIGINT to its process group, SIGKILL a second later; on Windows,
the script is killed). Where %[2]s is missing, the %[1]s on PATH runs
(on Windows, Git Bash's).

A non-zero exit status is reported on stderr ("gopar: command exited with
status N") and the cell goes on; with --raise-error the cell fails instead.

Options:
  --raise-error     fail the cell (CalledProcessError) on a non-zero exit.
  --no-raise-error  the default: report a non-zero exit and go on.
  Other arguments that start with "-" are passed to %[2]s before -c, e.g.
  "%%%%%[1]s -e" or "%%%%%[1]s -x".

IPython's --out, --err, --bg and --proc are not supported.

Examples
--------
::

  %%%%%[1]s
  for i in 1 2 3; do
    echo $i
  done
`, name, prog)
}

// scriptMagic is %%bash or %%sh. The body is given with -c, not on stdin
// as IPython does, so that commands reading stdin do not eat the script.
func scriptMagic(name string) func(ctx context.Context, env Env, args, body string, line int) (*Result, error) {
	return func(ctx context.Context, env Env, args, body string, line int) (*Result, error) {
		words, err := argWords(args)
		if err != nil {
			return nil, usageError("%%%%%s: %v", name, err)
		}
		raise := false
		var flags []string
		for _, w := range words {
			switch {
			case w == "--raise-error":
				raise = true
			case w == "--no-raise-error":
				raise = false
			case w == "--out" || w == "--err" || w == "--bg" || w == "--proc" ||
				strings.HasPrefix(w, "--out=") || strings.HasPrefix(w, "--err=") || strings.HasPrefix(w, "--proc="):
				return nil, usageError("%%%%%s: %s is not supported", name, strings.SplitN(w, "=", 2)[0])
			case strings.HasPrefix(w, "-") && w != "-" && w != "-c":
				flags = append(flags, w)
			default:
				return nil, usageError("%%%%%s: unexpected argument %q (the script is the cell's body)", name, w)
			}
		}
		prog, err := findScriptProgram(name)
		if err != nil {
			return nil, err
		}
		ps, err := runProgram(ctx, env, exec.Command(prog, append(flags, "-c", body)...))
		if err != nil {
			return nil, err
		}
		if raise && !ps.Success() {
			return nil, &Error{Name: "CalledProcessError", Value: fmt.Sprintf("%%%%%s script returned non-zero exit status %d.", name, ps.ExitCode())}
		}
		reportExit(env.Stderr(), ps)
		return nil, nil
	}
}
