package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

var ErrEmpty = errors.New("empty input")

func parse(s string) error {
	if s == "" {
		return fmt.Errorf("parse %q: %w", s, ErrEmpty)
	}
	return nil
}

func main() {
	err := parse("")
	fmt.Println(err, errors.Is(err, ErrEmpty), errors.Unwrap(err) == ErrEmpty)
	joined := errors.Join(ErrEmpty, fs.ErrNotExist)
	fmt.Println(errors.Is(joined, fs.ErrNotExist))
	_, err = os.Open("/no/such/file")
	var pe *fs.PathError
	fmt.Println(errors.As(err, &pe), pe.Op, errors.Is(err, fs.ErrNotExist))
}
