package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// usertemp must point TMPDIR elsewhere before go-graphviz reads it, or a
// second user's kernel dies at start (see its doc).
func TestInitializedBeforeGraphviz(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	first, ok1 := order["gopar/internal/usertemp"]
	graphviz, ok2 := order["github.com/goccy/go-graphviz/internal/wasm"]
	if !ok1 || !ok2 {
		t.Fatalf("inittrace lacks usertemp (%v) or go-graphviz's wasm (%v):\n%s", ok1, ok2, out)
	}
	if first > graphviz {
		t.Fatalf("gopar/internal/usertemp is initialized after go-graphviz (line %d, %d of inittrace)", first, graphviz)
	}
}
