package main

import (
	"errors"
	"fmt"
	"os"
)

var ErrEmpty = errors.New("empty input")

type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

type OpError struct {
	Op  string
	Err error
}

func (e OpError) Error() string { return e.Op + ": " + e.Err.Error() }
func (e OpError) Unwrap() error { return e.Err }

func parse(line int, s string) error {
	switch s {
	case "":
		return fmt.Errorf("parse line %d: %w", line, ErrEmpty)
	case "bad":
		return &ParseError{line, "unexpected token"}
	case "500":
		return OpError{"fetch", Code(500)}
	case "missing":
		return OpError{"open", fmt.Errorf("wrapped: %w", os.ErrNotExist)}
	}
	return nil
}

func main() {
	for i, in := range []string{"ok", "", "bad", "500", "missing"} {
		err := parse(i+1, in)
		fmt.Printf("%d %q: %v\n", i+1, in, err)
		if err == nil {
			continue
		}
		var pe *ParseError
		var code Code
		var op OpError
		fmt.Println("  is empty:", errors.Is(err, ErrEmpty), "not exist:", errors.Is(err, os.ErrNotExist))
		if errors.As(err, &pe) {
			fmt.Printf("  ParseError line=%d msg=%q %T\n", pe.Line, pe.Msg, pe)
		}
		if errors.As(err, &code) {
			fmt.Printf("  Code %d is500=%v %T\n", code, errors.Is(err, Code(500)), code)
		}
		if errors.As(err, &op) {
			fmt.Printf("  OpError op=%s inner=%T %+v\n", op.Op, op.Err, op)
		}
		fmt.Printf("  unwrap: %v (%T)\n", errors.Unwrap(err), errors.Unwrap(err))
	}
	wrapped := fmt.Errorf("outer: %w", &ParseError{9, "eof"})
	var target *ParseError
	fmt.Println(errors.As(wrapped, &target), target.Line, target == errors.Unwrap(wrapped),
		errors.Is(wrapped, &ParseError{9, "eof"}), errors.Is(OpError{"x", Code(1)}, Code(1)))
}
