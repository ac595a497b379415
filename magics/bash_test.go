package magics

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestScriptMagics(t *testing.T) {
	tests := []struct {
		name, magic, args, body string
		stdout, stderr          string
		errContains             string
	}{
		{name: "bash body", magic: "bash", body: "for i in 1 2 3; do\n  echo $i\ndone\n", stdout: "1\n2\n3\n"},
		{name: "bash is bash", magic: "bash", body: `[[ -n "$BASH_VERSION" ]] && echo bash`, stdout: "bash\n"},
		{name: "sh", magic: "sh", body: "echo from sh; echo err >&2", stdout: "from sh\n", stderr: "err\n"},
		{name: "non-zero exit reported", magic: "bash", body: "echo a; exit 3", stdout: "a\n", stderr: "gopar: command exited with status 3\n"},
		{name: "stdin is empty", magic: "bash", body: "cat\necho done", stdout: "done\n"},
		{name: "flags go to the shell", magic: "bash", args: "-e", body: "false\necho not reached", stderr: "gopar: command exited with status 1\n"},
		{name: "no-raise-error", magic: "sh", args: "--no-raise-error", body: "exit 4", stderr: "gopar: command exited with status 4\n"},
		{name: "raise-error", magic: "bash", args: "--raise-error", body: "echo a; exit 5", stdout: "a\n",
			errContains: "CalledProcessError: %%bash script returned non-zero exit status 5."},
		{name: "raise-error, success", magic: "bash", args: "--raise-error", body: "true"},
		{name: "unsupported option", magic: "bash", args: "--bg", body: "true", errContains: "UsageError: %%bash: --bg is not supported"},
		{name: "unsupported option with value", magic: "sh", args: "--out=x", body: "true", errContains: "UsageError: %%sh: --out is not supported"},
		{name: "stray argument", magic: "bash", args: "script.sh", body: "true", errContains: `UsageError: %%bash: unexpected argument "script.sh"`},
		{name: "bad quoting", magic: "bash", args: "'", body: "true", errContains: "UsageError: %%bash: no closing quotation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.HasPrefix(tt.errContains, "UsageError:") {
				needUnixShell(t) // the others fail before running anything
			}
			m, ok := Lookup(tt.magic)
			if !ok || m.Cell == nil {
				t.Fatalf("%%%%%s is not a cell magic", tt.magic)
			}
			env := newEverydayEnv()
			res, err := m.Cell(context.Background(), env, tt.args, tt.body, 1)
			if tt.errContains != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errContains) {
					t.Errorf("err = %v, want %q", err, tt.errContains)
				}
			} else if err != nil {
				t.Fatalf("err = %v", err)
			}
			if res != nil {
				t.Errorf("result = %+v, want none", res)
			}
			if env.Out() != tt.stdout {
				t.Errorf("stdout = %q, want %q", env.Out(), tt.stdout)
			}
			if env.Err() != tt.stderr {
				t.Errorf("stderr = %q, want %q", env.Err(), tt.stderr)
			}
		})
	}
}

func TestScriptMagicInterrupt(t *testing.T) {
	needUnixShell(t)
	m, _ := Lookup("bash")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := m.Cell(ctx, newEverydayEnv(), "", "sleep 30\n", 1)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("took %v", d)
	}
}
