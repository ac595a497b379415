package install

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopar/runtime/memguard"
)

// ParseFlags parses the arguments of `gopar install` or `gopar uninstall`
// (cmd is "install" or "uninstall"):
//
//	--user         the user's Jupyter data dir (the default)
//	--prefix DIR   DIR/share/jupyter/kernels/NAME
//	--sys-prefix   the same under sys.prefix of the Python that runs Jupyter
//	--name NAME    the kernelspec name (default "gopar")
//	--env K=V      (install only, repeatable) an environment variable the
//	               kernel starts with, e.g. its limits on a shared server:
//	               GOPAR_MEMORY_LIMIT=2GiB, GOMAXPROCS=2
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
	if cmd == "install" {
		fs.Func("env", "", func(kv string) error {
			name, value, ok := strings.Cut(kv, "=")
			if !ok {
				return fmt.Errorf("--env takes NAME=VALUE, not %q", kv)
			}
			if err := checkEnv(name, value); err != nil {
				return err
			}
			if opts.Env == nil {
				opts.Env = map[string]string{}
			}
			opts.Env[name] = value
			return nil
		})
	}

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

const usage = `usage: gopar %[1]s [--user | --prefix DIR | --sys-prefix] [--name NAME] [--env NAME=VALUE ...]

%[2]s the Jupyter kernelspec that runs gopar.

  --user        in the user's Jupyter data dir (the default)
  --prefix DIR  in DIR/share/jupyter/kernels
  --sys-prefix  in share/jupyter/kernels under sys.prefix of the Python
                that runs Jupyter
  --name NAME   kernelspec name (default "gopar")
  --env NAME=VALUE
                (install) an environment variable every kernel of the
                kernelspec starts with, repeatable; the limits of a kernel
                on a shared server: GOPAR_MEMORY_LIMIT=2GiB (memory),
                GOMAXPROCS=2 (cores)
`

// checkEnv refuses a variable name the environment cannot hold, and a
// limit gopar would ignore.
func checkEnv(name, value string) error {
	if !envName.MatchString(name) {
		return fmt.Errorf("--env: %q is not an environment variable name (letters, digits and _, not starting with a digit)", name)
	}
	switch name {
	case memguard.EnvVar:
		if n, err := memguard.ParseSize(value); err != nil || n == 0 {
			return fmt.Errorf("--env: %s=%q is not a size: give one such as 2GiB, 512MiB or 2G", name, value)
		}
	case "GOMAXPROCS":
		if n, err := strconv.Atoi(value); err != nil || n < 1 {
			return fmt.Errorf("--env: GOMAXPROCS=%q is not a number of cores: give a whole number of at least 1", value)
		}
	}
	return nil
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
