package eval

import (
	"errors"
	"fmt"
	"go/scanner"
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

// cellFile is the one file name every cell is compiled under: the
// interpreter scopes imports by file name, and imports must outlive the cell
// that made them. Which cell a position belongs to is kept in its line
// number instead (see encodeLine).
const cellFile = "cell"

// linesPerCell is how many lines a cell may have before positions of one
// cell would be read as another's.
const linesPerCell = 10_000_000

// encodeLine gives line l of cell n its line number in cellFile.
func encodeLine(n, l int) int { return n*linesPerCell + l }

// where words a position of cellFile in cell coordinates, e.g.
// "In [5], line 3, col 7"; cell 0 is code the kernel itself wrote.
func where(file string, line, col int) string {
	if file != cellFile {
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	}
	n, l := line/linesPerCell, line%linesPerCell
	if n == 0 {
		return fmt.Sprintf("line %d, col %d", l, col)
	}
	return fmt.Sprintf("In [%d], line %d, col %d", n, l, col)
}

// positions finds the interpreter's "cell:LINE:COL" positions in a message.
var positions = regexp.MustCompile(cellFile + `:(\d+):(\d+)`)

// readable rewrites every position in msg in cell coordinates and drops
// the interpreter's own words around them.
func readable(msg string) string {
	msg = strings.ReplaceAll(msg, "CFG post-order panic: ", "")
	return positions.ReplaceAllStringFunc(msg, func(m string) string {
		sub := positions.FindStringSubmatch(m)
		line, _ := strconv.Atoi(sub[1])
		col, _ := strconv.Atoi(sub[2])
		return where(cellFile, line, col)
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

// panicError describes a panic with the interpreted positions it unwound
// through, innermost first, as "In [3], line 4, col 2".
func panicError(value any, frames []string) *Error {
	msg := fmt.Sprint(value)
	if err, ok := value.(error); ok {
		msg = err.Error()
	}
	e := &Error{Name: "panic", Value: msg, Traceback: []string{"panic: " + msg}}
	if len(frames) > 0 {
		e.Traceback = append(e.Traceback, "", "goroutine of the cell:")
	}
	for _, p := range frames {
		e.Traceback = append(e.Traceback, "    "+readable(p))
	}
	return e
}
