package magics

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
)

func init() {
	register(&Magic{Name: "native", Help: nativeHelp, Line: nativeMagic})
}

const nativeHelp = `%native

List the functions and types cells declared, and for each whether it runs
as native code or interpreted, and why.

Functions declared in ordinary cells are compiled to native code by the Go
toolchain in the background, and run interpreted until that is done; a cell
that calls one waits for its build. Types are compiled with their methods
when a cell first needs values (so that their methods may come in later
cells), and keep their names and methods at run time. A function stays
interpreted when it uses an interpreted type or function, a variable
holding interfaces or functions, or when the kernel cannot build plugins
(Windows, no Go toolchain, a kernel built without cgo); a type when it
embeds a field, has an unexported method, an interface field, and the
like. %native compiles held types and waits for a running build before it
lists.

Set GOPAR_NATIVE=0 in the kernel's environment to interpret everything.`

// NativeFunc is a function cells declared.
type NativeFunc struct {
	Name, Signature string
	Native          bool
	// Why it runs interpreted.
	Why string
}

// NativeReporter is what an Env that compiles cells' functions also
// implements.
type NativeReporter interface {
	// NativeFuncs waits for a running build, then lists the functions
	// cells declared; off says why none can be native, nil when they can.
	NativeFuncs(ctx context.Context) (funcs []NativeFunc, off error)
}

func nativeMagic(ctx context.Context, env Env, args string, _ int) (*Result, error) {
	if strings.TrimSpace(args) != "" {
		return nil, usageError("%%native takes no arguments; usage: %%native")
	}
	r, ok := env.(NativeReporter)
	if !ok {
		return nil, &Error{Name: "NativeError", Value: "native code is not available in this session"}
	}
	funcs, off := r.NativeFuncs(ctx)
	out := env.Stdout()
	if off != nil {
		fmt.Fprintf(out, "Every function runs interpreted: %v\n", off)
	}
	if len(funcs) == 0 {
		fmt.Fprintln(out, "No cell has declared a function or type yet.")
		return nil, nil
	}
	w := tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	for _, f := range funcs {
		if f.Native {
			fmt.Fprintf(w, "native\t%s\t%s\n", f.Name, strings.TrimPrefix(f.Signature, "func"))
		} else {
			fmt.Fprintf(w, "interpreted\t%s\t%s\n", f.Name, f.Why)
		}
	}
	return nil, w.Flush()
}
