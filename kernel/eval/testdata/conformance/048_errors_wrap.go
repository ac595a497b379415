package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
)

var ErrInvalid = errors.New("invalid input")

func parseAge(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("parseAge(%q): %w", s, err)
	}
	if n < 0 || n > 150 {
		return 0, fmt.Errorf("parseAge(%q): %w: out of range", s, ErrInvalid)
	}
	return n, nil
}

func loadUser(id int, age string) error {
	if _, err := parseAge(age); err != nil {
		return fmt.Errorf("user %d: %w", id, err)
	}
	return nil
}

func main() {
	err := loadUser(1, "abc")
	fmt.Println(err)
	var numErr *strconv.NumError
	if errors.As(err, &numErr) {
		fmt.Println("func:", numErr.Func, "num:", numErr.Num, "err:", numErr.Err)
	}
	fmt.Println(errors.Is(err, strconv.ErrSyntax))

	err = loadUser(2, "200")
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrInvalid), errors.Is(err, fs.ErrNotExist))

	inner := errors.Unwrap(err)
	fmt.Println(inner)
	fmt.Println(errors.Unwrap(errors.Unwrap(inner)) == nil)
	fmt.Println(loadUser(3, "42") == nil)

	multi := fmt.Errorf("both: %w and %w", ErrInvalid, fs.ErrPermission)
	fmt.Println(multi, errors.Is(multi, fs.ErrPermission))
}
