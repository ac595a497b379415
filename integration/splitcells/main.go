// Command splitcells prints the cells of a Go program, as a JSON list of
// strings, for the integration tests that run them in a kernel.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"gopar/internal/corpus"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: splitcells PROGRAM.go")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err == nil {
		var cells []string
		if cells, err = corpus.Split(src); err == nil {
			err = json.NewEncoder(os.Stdout).Encode(cells)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "splitcells:", err)
		os.Exit(1)
	}
}
