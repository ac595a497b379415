package magics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// killDelay is how long an interrupted command has to exit after SIGINT
// before its process group is killed.
const killDelay = time.Second

// runShell runs a shell command line (a cell's "!cmd" line), streaming its
// output to env's Stdout and Stderr as it comes. A non-zero exit is
// reported on Stderr but does not fail the cell, as IPython's "!" goes on.
func runShell(ctx context.Context, env Env, command string) error {
	ps, err := runProgram(ctx, env, shellCommand(command))
	if err != nil {
		return err
	}
	reportExit(env.Stderr(), ps)
	return nil
}

// runProgram runs cmd in the current directory, with the process
// environment and an empty stdin, copying its output to env's writers
// chunk by chunk so that long commands show progress. Cancelling ctx
// interrupts the whole process group, pipelines and children included.
func runProgram(ctx context.Context, env Env, cmd *exec.Cmd) (*os.ProcessState, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted: %w", err)
	}
	prog := cmd.Path
	cmd.Env = processEnv()
	setProcessGroup(cmd)

	// Our own pipes rather than exec's: Wait then only waits for the
	// process, and an interrupt can stop reading from descendants that
	// escaped the process group and hold the pipes open.
	outR, outW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		outR.Close()
		outW.Close()
		return nil, err
	}
	defer outR.Close()
	defer errR.Close()
	cmd.Stdout, cmd.Stderr = outW, errW
	startErr := cmd.Start()
	outW.Close()
	errW.Close()
	if startErr != nil {
		return nil, fmt.Errorf("cannot run %s: %w", prog, startErr)
	}

	// One lock for both streams: the session's writers need not be safe
	// for concurrent use.
	var mu sync.Mutex
	var copies sync.WaitGroup
	copies.Go(func() { streamOutput(env.Stdout(), outR, &mu) })
	copies.Go(func() { streamOutput(env.Stderr(), errR, &mu) })
	copied := make(chan struct{})
	go func() {
		copies.Wait()
		close(copied)
	}()

	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		signalGroup(cmd.Process, false)
		select {
		case <-done:
		case <-time.After(killDelay):
			signalGroup(cmd.Process, true)
		}
	}()

	waitErr := cmd.Wait()
	select {
	case <-copied:
	case <-ctx.Done():
		// The group has been signalled; what is left to read is the
		// output of its last moments, unless a descendant escaped it.
		select {
		case <-copied:
		case <-time.After(killDelay + 250*time.Millisecond):
			outR.Close()
			errR.Close()
			<-copied
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted: %w", err)
	}
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) {
		return nil, waitErr
	}
	return cmd.ProcessState, nil
}

// processEnv is the process environment with PWD set to the current
// directory, which %cd changes without the shell knowing.
func processEnv() []string {
	env := os.Environ()
	if wd, err := os.Getwd(); err == nil {
		env = append(env, "PWD="+wd)
	}
	return env
}

// streamOutput copies r to w as bytes arrive, holding back only the bytes
// of a UTF-8 character cut by a read, so that each write is whole text.
func streamOutput(w io.Writer, r io.Reader, mu *sync.Mutex) {
	buf := make([]byte, 32*1024)
	held := 0
	for {
		n, err := r.Read(buf[held:])
		n += held
		cut := n
		if err == nil {
			cut = n - partialRuneLen(buf[:n])
		}
		if cut > 0 {
			mu.Lock()
			// A failed write must not stop the reading: the command
			// would block on a full pipe.
			w.Write(buf[:cut])
			mu.Unlock()
		}
		held = copy(buf, buf[cut:n])
		if err != nil {
			return
		}
	}
}

// partialRuneLen is the length of an incomplete UTF-8 sequence at the end
// of b (0 when b ends on a character boundary or with invalid bytes).
func partialRuneLen(b []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-i:]) {
				return 0
			}
			return i
		}
	}
	return 0
}

// reportExit tells of a command's failure on w, since IPython's "!" would
// go on silently and leave the user to guess.
func reportExit(w io.Writer, ps *os.ProcessState) {
	if ps == nil || ps.Success() {
		return
	}
	if code := ps.ExitCode(); code >= 0 {
		fmt.Fprintf(w, "gopar: command exited with status %d\n", code)
		return
	}
	fmt.Fprintf(w, "gopar: command terminated (%s)\n", ps)
}

// argWords splits a magic's arguments into words as a POSIX shell would:
// blanks separate words, quotes group them, a backslash escapes the next
// character (inside double quotes, only \ " $ and `).
func argWords(s string) ([]string, error) {
	var (
		words  []string
		word   strings.Builder
		inWord bool
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case c == '\\':
			inWord = true
			if i+1 < len(s) {
				i++
				word.WriteByte(s[i])
			}
		case c == '\'':
			inWord = true
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("no closing quotation")
			}
			word.WriteString(s[i+1 : i+1+end])
			i += 1 + end
		case c == '"':
			inWord = true
			closed := false
			for i++; i < len(s); i++ {
				if s[i] == '"' {
					closed = true
					break
				}
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\\"$`", s[i+1]) >= 0 {
					i++
				}
				word.WriteByte(s[i])
			}
			if !closed {
				return nil, errors.New("no closing quotation")
			}
		default:
			inWord = true
			word.WriteByte(c)
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}
