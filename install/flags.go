package install

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// ParseFlags parses the arguments of `gopar install` or `gopar uninstall`
// (cmd is "install" or "uninstall"):
//
//	--user         the user's Jupyter data dir (the default)
//	--prefix DIR   DIR/share/jupyter/kernels/NAME
//	--sys-prefix   the same under sys.prefix of the Python that runs Jupyter
//	--name NAME    the kernelspec name (default "gopar")
//
// Options may be spelled with one dash or two, and "--prefix=DIR" works too.
// With -h or --help ParseFlags writes the usage to output and returns
// flag.ErrHelp itself, which the caller should treat as success. Other
// errors (unknown options, --user with --prefix, an invalid name, stray
// arguments) are returned, not written; their text says what is wrong.
// When no location is given, the returned Options has User set.
func ParseFlags(cmd string, args []string, output io.Writer) (Options, error) {
	var verb string
	switch cmd {
	case "install":
		verb = "Install"
	case "uninstall":
		verb = "Remove"
	default:
		return Options{}, fmt.Errorf("install: unknown command %q (want install or uninstall)", cmd)
	}

	var opts Options
	fs := flag.NewFlagSet("gopar "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, and the usage written below
	fs.Usage = func() {}
	fs.BoolVar(&opts.User, "user", false, "")
	fs.StringVar(&opts.Prefix, "prefix", "", "")
	fs.BoolVar(&opts.SysPrefix, "sys-prefix", false, "")
	fs.StringVar(&opts.Name, "name", DefaultName, "")

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(output, usage, cmd, verb)
			return Options{}, flag.ErrHelp
		}
		return Options{}, fmt.Errorf("gopar %s: %w (see gopar %s -h)", cmd, err, cmd)
	}
	fail := func(format string, a ...any) (Options, error) {
		return Options{}, fmt.Errorf("gopar %s: "+format, append([]any{cmd}, a...)...)
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	var prefixGiven bool
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "prefix" {
			prefixGiven = true
		}
	})
	if prefixGiven && opts.Prefix == "" {
		return fail("--prefix needs a directory")
	}
	if _, err := location(opts); err != nil {
		return fail("%v", err)
	}
	if err := checkName(opts.Name); err != nil {
		return fail("%v", err)
	}
	if !opts.SysPrefix && opts.Prefix == "" {
		opts.User = true
	}
	return opts, nil
}

const usage = `usage: gopar %[1]s [--user | --prefix DIR | --sys-prefix] [--name NAME]

%[2]s the Jupyter kernelspec that runs gopar.

  --user        in the user's Jupyter data dir (the default)
  --prefix DIR  in DIR/share/jupyter/kernels
  --sys-prefix  in share/jupyter/kernels under sys.prefix of the Python
                that runs Jupyter
  --name NAME   kernelspec name (default "gopar")
`
