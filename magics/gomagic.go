package magics

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
)

func init() {
	register(&Magic{Name: "go", Help: goHelp, Line: goMagic})
}

const goHelp = `%go get MODULE[@VERSION] ...
%go list [ARGS]

Choose the versions of the Go modules that cells import packages of.

A cell may import a package of any Go module, e.g.

    import "gonum.org/v1/gonum/mat"

and the kernel fetches the module with the go command (your GOPROXY,
GOPRIVATE, GOFLAGS and module cache), builds the package for cells once
(later kernels load it from the cache) and runs the cell. Without %go get,
a module gets its latest version, or the one the notebook recorded.

%go get MODULE@VERSION      use that version (latest without @VERSION);
                            run it before the cell that imports the module
%go list                    the modules this session uses, with versions
%go list ARGS               go list ARGS in the session's module, e.g.
                            %go list -m -versions gonum.org/v1/gonum

gopar run records the versions a notebook used in its metadata, and uses
them the next time, as a kernel started by Jupyter for the notebook does.
A module compiled into the kernel, or loaded by an earlier cell, keeps its
version until the kernel restarts.`

// Module is a Go module the session uses.
type Module struct{ Path, Version string }

// ModuleManager is what an Env whose cells may import packages of Go
// modules also implements.
type ModuleManager interface {
	// GoGet adds modules at versions (go get's MODULE@VERSION) and
	// returns what changed.
	GoGet(ctx context.Context, specs []string) (string, error)
	// GoList runs go list with args in the session's module.
	GoList(ctx context.Context, args []string) (string, error)
	// Modules are the modules the session chose, sorted by path.
	Modules() []Module
}

func goMagic(ctx context.Context, env Env, args string, _ int) (*Result, error) {
	m, ok := env.(ModuleManager)
	if !ok {
		return nil, &Error{Name: "ModuleError", Value: "this session cannot import packages of Go modules"}
	}
	fields := strings.Fields(args)
	if len(fields) == 0 {
		return nil, usageError("%%go needs a command: %%go get MODULE@VERSION, or %%go list")
	}
	out := env.Stdout()
	switch fields[0] {
	case "get":
		said, err := m.GoGet(ctx, fields[1:])
		if err != nil {
			return nil, err
		}
		fmt.Fprint(out, said)
		return nil, listModules(env, m)
	case "list":
		if len(fields) == 1 {
			return nil, listModules(env, m)
		}
		said, err := m.GoList(ctx, fields[1:])
		if err != nil {
			return nil, err
		}
		fmt.Fprint(out, said)
		return nil, nil
	default:
		return nil, usageError("%%go %s is not supported: use %%go get MODULE@VERSION or %%go list [ARGS] (other go commands: %%%%bash go ...)", fields[0])
	}
}

func listModules(env Env, m ModuleManager) error {
	mods := m.Modules()
	out := env.Stdout()
	if len(mods) == 0 {
		fmt.Fprintln(out, "No Go module beyond the standard library and gopar's runtime is in use.")
		return nil
	}
	w := tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	for _, mod := range mods {
		fmt.Fprintf(w, "%s\t%s\n", mod.Path, mod.Version)
	}
	return w.Flush()
}
