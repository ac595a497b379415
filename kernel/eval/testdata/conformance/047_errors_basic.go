package main

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")
var ErrEmptyKey = errors.New("empty key")

type Store struct {
	data map[string]string
}

func (s *Store) Get(key string) (string, error) {
	if key == "" {
		return "", ErrEmptyKey
	}
	v, ok := s.data[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

func main() {
	s := &Store{data: map[string]string{"lang": "go"}}
	for _, k := range []string{"lang", "", "missing"} {
		v, err := s.Get(k)
		switch {
		case err == nil:
			fmt.Printf("%q -> %q\n", k, v)
		case err == ErrNotFound:
			fmt.Printf("%q: %v\n", k, err)
		default:
			fmt.Printf("%q: unexpected %v\n", k, err)
		}
	}
	e1 := errors.New("same")
	e2 := errors.New("same")
	fmt.Println(e1 == e2, e1.Error() == e2.Error())
	joined := errors.Join(ErrNotFound, ErrEmptyKey)
	fmt.Println(joined)
	fmt.Println(errors.Is(joined, ErrEmptyKey))
}
