package eval

import (
	"errors"
	"fmt"
	"go/scanner"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Error is a cell's failure, shaped as Jupyter shows errors.
type Error struct {
	Name      string   // e.g. "CompileError", "panic", "Interrupted"
	Value     string   // the message
	Traceback []string // lines the front end shows
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// JupyterError gives the error's fields as Jupyter's error message has them.
func (e *Error) JupyterError() (ename, evalue string, traceback []string) {
	return e.Name, e.Value, e.Traceback
}

// cellFile is the base name of the file every cell is compiled under: the
// interpreter scopes imports by a file's base name, and imports must outlive
// the cell that made them. The cell's number goes in a directory part,
// "5/cell", which the interpreter ignores and positions keep.
const cellFile = "cell"

// fileOf names the file of cell n; cell 0 is code the kernel itself wrote.
func fileOf(n int) string {
	if n == 0 {
		return cellFile
	}
	return strconv.Itoa(n) + "/" + cellFile
}

// where words a position in cell coordinates, e.g. "In [5], line 3, col 7".
func where(file string, line, col int) string {
	dir, base := path.Split(file)
	if base != cellFile {
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	}
	if dir == "" {
		return fmt.Sprintf("line %d, col %d", line, col)
	}
	return fmt.Sprintf("In [%s], line %d, col %d", strings.TrimSuffix(dir, "/"), line, col)
}

// positions finds the interpreter's "5/cell:LINE:COL" positions in a message.
var positions = regexp.MustCompile(`(?:(\d+)/)?` + cellFile + `:(\d+):(\d+)`)

// readable rewrites every position in msg in cell coordinates and drops
// the interpreter's own words around them.
func readable(msg string) string {
	msg = strings.ReplaceAll(msg, "CFG post-order panic: ", "")
	return positions.ReplaceAllStringFunc(msg, func(m string) string {
		sub := positions.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[1])
		line, _ := strconv.Atoi(sub[2])
		col, _ := strconv.Atoi(sub[3])
		return where(fileOf(n), line, col)
	})
}

// position splits "POS: message" where POS is a readable position.
var position = regexp.MustCompile(`^((?:In \[\d+\], )?line \d+, col \d+): (.*)$`)

// compileError words a parse or compile error in cell coordinates.
func compileError(err error) *Error {
	var list scanner.ErrorList
	var msgs []string
	if errors.As(err, &list) {
		for _, e := range list {
			msgs = append(msgs, e.Error())
		}
	} else {
		msgs = strings.Split(strings.TrimSpace(err.Error()), "\n")
	}
	e := &Error{Name: "CompileError"}
	for _, m := range msgs {
		m = readable(m)
		if sub := position.FindStringSubmatch(m); sub != nil {
			// A message may repeat its position: keep the first.
			msg := strings.TrimPrefix(sub[2], sub[1]+": ")
			if e.Value == "" {
				e.Value = msg
			}
			e.Traceback = append(e.Traceback, sub[1]+": "+msg)
			continue
		}
		if e.Value == "" {
			e.Value = m
		}
		e.Traceback = append(e.Traceback, m)
	}
	return e
}

// panicError describes a panic with the interpreted frames it unwound
// through, innermost first. The interpreter knows which function a frame
// is, not where in it the panic happened; for a cell's top level the
// kernel tracks the line (line, 0 when unknown).
func panicError(value any, frames []frame, line int) *Error {
	msg := fmt.Sprint(value)
	if err, ok := value.(error); ok {
		msg = err.Error()
	}
	e := &Error{Name: "panic", Value: msg, Traceback: []string{"panic: " + msg}}
	if len(frames) > 0 {
		e.Traceback = append(e.Traceback, "", "goroutine of the cell:")
	}
	for _, f := range frames {
		cell := "the kernel's code"
		if dir, _ := path.Split(f.file); dir != "" {
			cell = "In [" + strings.TrimSuffix(dir, "/") + "]"
		}
		switch {
		case f.line > 0:
			e.Traceback = append(e.Traceback, fmt.Sprintf("    %s, line %d, in %s", cell, f.line, f.fn))
			if f.repeated {
				e.Traceback = append(e.Traceback, "    [the frames above repeat, down to the limit]")
			}
		case f.fn == "main" && line > 0:
			e.Traceback = append(e.Traceback, fmt.Sprintf("    %s, line %d, at the top level of the cell", cell, line))
		case f.fn == "main":
			e.Traceback = append(e.Traceback, fmt.Sprintf("    %s, at the top level of the cell", cell))
		default:
			e.Traceback = append(e.Traceback, fmt.Sprintf("    %s, in %s", cell, f.fn))
		}
	}
	return e
}
