package main

import (
	"errors"
	"fmt"
)

type HTTPError struct {
	Code   int
	Reason string
}

func (e HTTPError) Error() string { return fmt.Sprintf("%d %s", e.Code, e.Reason) }

type TimeoutError struct{ Op string }

func (e *TimeoutError) Error() string { return e.Op + ": timeout" }
func (e *TimeoutError) Timeout() bool { return true }

type temporary interface{ Timeout() bool }

func fetch(path string) error {
	switch path {
	case "/missing":
		return fmt.Errorf("fetch %s: %w", path, HTTPError{404, "Not Found"})
	case "/slow":
		return fmt.Errorf("fetch %s: %w", path, &TimeoutError{"read"})
	}
	return nil
}

func main() {
	for _, p := range []string{"/ok", "/missing", "/slow"} {
		err := fetch(p)
		if err == nil {
			fmt.Println(p, "ok")
			continue
		}
		var he HTTPError
		var te *TimeoutError
		var tmp temporary
		switch {
		case errors.As(err, &he):
			fmt.Println(p, "http error code", he.Code, "-", err)
		case errors.As(err, &te):
			fmt.Println(p, "timeout during", te.Op)
		}
		if errors.As(err, &tmp) {
			fmt.Println(p, "is temporary:", tmp.Timeout())
		}
	}
	target := HTTPError{404, "Not Found"}
	fmt.Println(errors.Is(fetch("/missing"), target))
}
