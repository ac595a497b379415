// Command gopar is a Jupyter kernel for Go, made for teaching and doing
// parallel computing.
//
//	gopar kernel -f CONNECTION_FILE   serve a Jupyter session (what kernel.json runs)
//	gopar install [flags]             install the kernelspec; -h lists the flags
//	gopar uninstall [flags]           remove it
//	gopar run [flags] NOTEBOOK...     execute notebooks in this process, without Jupyter
//	gopar version                     print the version
//	gopar heartbeat -f CONNECTION_FILE  the kernel's heartbeat; the kernel starts it
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"gopar/install"
	_ "gopar/internal/usertemp" // before go-graphviz, see its doc
	"gopar/kernel"
	"gopar/kernel/capture"
	"gopar/kernel/eval"
	"gopar/kernel/history"
	"gopar/kernel/wire"
	"gopar/runtime/memguard"
)

const usage = `gopar is a Jupyter kernel for Go.

Usage:
  gopar kernel -f CONNECTION_FILE   serve a Jupyter session (what kernel.json runs)
  gopar install [flags]             install the kernelspec (gopar install -h for flags)
  gopar uninstall [flags]           remove the kernelspec
  gopar run [flags] NOTEBOOK...     execute notebooks, no Jupyter needed (gopar run -h for flags)
  gopar version                     print the version
  gopar heartbeat -f CONNECTION_FILE  the kernel's heartbeat; the kernel starts it
`

// readme is installed with the kernelspec, for the kernel's help link.
//
//go:embed README.md
var readme []byte

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cmd, args := os.Args[1], os.Args[2:]
	var err error
	switch cmd {
	case "kernel":
		err = runKernel(args)
	case "heartbeat":
		err = runHeartbeat(args)
	case "run":
		err = runRun(args)
	case "install", "uninstall":
		err = runInstall(cmd, args, os.Stdout)
	case "version", "--version", "-version":
		fmt.Printf("gopar %s (Go %s interpreted by yaegi)\n", kernel.Version, eval.LanguageVersion)
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		err = fmt.Errorf("unknown command %q\n\n%s", cmd, usage)
	}
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gopar %s: %v\n", cmd, err)
		os.Exit(1)
	}
}

func runInstall(cmd string, args []string, out io.Writer) error {
	opts, err := install.ParseFlags(cmd, args, out)
	if err != nil {
		return err
	}
	if cmd == "install" {
		opts.Readme = readme
		dir, err := install.Install(opts)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "installed kernelspec %q in %s\n", opts.Name, dir)
		// The kernels will run with the kernelspec's env: warm the caches
		// it names (a shared GOMODCACHE), not the installing user's.
		for name, value := range opts.Env {
			os.Setenv(name, value)
		}
		warmNative(out)
		return nil
	}
	dir, err := install.Uninstall(opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "removed kernelspec %s\n", dir)
	return nil
}

// connectionFlag parses the -f CONNECTION_FILE of a subcommand and reads
// the file.
func connectionFlag(cmd string, args []string) (file string, info wire.ConnectionInfo, err error) {
	fs := flag.NewFlagSet("gopar "+cmd, flag.ContinueOnError)
	fs.StringVar(&file, "f", "", "the connection `file` Jupyter wrote")
	if err := fs.Parse(args); err != nil {
		return "", info, err
	}
	if file == "" {
		return "", info, errors.New("missing -f CONNECTION_FILE (Jupyter passes it; see kernel.json)")
	}
	info, err = wire.ReadConnectionFile(file)
	return file, info, err
}

func runKernel(args []string) error {
	file, info, err := connectionFlag("kernel", args)
	if err != nil {
		return err
	}
	logger := log.New(os.Stderr, "gopar: ", log.LstdFlags)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watchStacks(ctx, os.Stderr, eval.CurrentRun, eval.StopRunning)
	memguard.Install()
	if stop, err := startHeartbeat(file, os.Stderr); err == nil {
		defer stop()
	} else {
		logger.Printf("%v; the heartbeat runs in the kernel's process instead", err)
		go func() {
			if err := wire.Heartbeat(ctx, info, logger); err != nil {
				logger.Print(err)
			}
		}()
	}
	out, err := capture.Start(50 * time.Millisecond)
	if err != nil {
		logger.Printf("output of compiled code will not reach the notebook: %v", err)
		out = nil
	} else {
		defer out.Stop()
		logger.SetOutput(out.OriginalStderr())
	}
	store := openHistory(ctx, logger)
	if store != nil {
		defer store.Close()
	}
	k, err := kernel.New(ctx, kernel.Config{
		Connection:     info,
		Logger:         logger,
		Capture:        out,
		NewInterpreter: newInterpreter,
		History:        store,
	})
	if err != nil {
		return err
	}
	_, err = k.Serve(ctx)
	return err
}

// openHistory opens the user's history store; without one the kernel
// still runs, and history_request answers with nothing.
func openHistory(ctx context.Context, logger *log.Logger) *history.Store {
	path, err := history.DefaultPath()
	if err == nil {
		var store *history.Store
		if store, err = history.Open(ctx, path); err == nil {
			return store
		}
	}
	logger.Printf("history is not kept: %v", err)
	return nil
}
