package modules

import (
	"fmt"
	"regexp"
	"strings"
)

// Error is a module request that failed, worded for the notebook: what
// went wrong, and what to do.
type Error struct {
	What string
	Do   string
	// Said is the go command's own message, when it said one.
	Said string
}

func (e *Error) Error() string {
	msg := e.What
	if e.Do != "" {
		msg += ": " + e.Do
	}
	return msg
}

var (
	// A module the pinned versions cannot go with:
	// "gonum.org/v1/gonum@v0.17.0 (...) indirectly requires golang.org/x/sys@v0.30.0, not golang.org/x/sys@v0.1.0".
	// or "example.com/top@upgrade (v1.0.0) requires ...".
	pinConflict = regexp.MustCompile(`([^\s@]+)(?:@(\S+))?(?: \((v[^)\s]+)\))?(?: \(matching \S+\))? (?:indirectly )?requires (\S+)@(\S+), not \S+@(\S+)`)
	// "module gonum.org/v1/gonum@upgrade found (v0.17.0), but does not contain package gonum.org/v1/gonum/nope"
	noPackage = regexp.MustCompile(`module (\S+?)@\S+ found \((\S+)\), but does not contain package (\S+)`)
	// The proxy's answer to a version list or a version's info.
	// (a file:// proxy answers "no such file or directory").
	listFailed    = regexp.MustCompile(`@v/list: (\d{3}|no such file)`)
	versionFailed = regexp.MustCompile(`@v/(\S+)\.(?:info|mod|zip): (\d{3}|no such file)`)
)

// explain turns the go command's failure on specs into an Error.
func (s *Set) explain(specs []string, stderr string, err error) error {
	if e, ok := err.(*Error); ok {
		return e
	}
	said := strings.TrimSpace(stderr)
	if said == "" {
		said = err.Error()
	}
	what := strings.Join(specs, " ")
	proxy := s.getenv("GOPROXY")
	if proxy == "" {
		proxy = "the default, https://proxy.golang.org,direct"
	}
	e := &Error{Said: said}
	switch {
	case strings.Contains(said, "GOPROXY=off"):
		e.What = fmt.Sprintf("cannot fetch %s: module downloads are off (GOPROXY=off)", what)
		e.Do = "set GOPROXY in the kernel's environment (e.g. GOPROXY=https://proxy.golang.org,direct, or your company's proxy) and restart the kernel; modules already in the module cache need no network"
	case containsAny(said, "dial tcp", "no such host", "connection refused", "i/o timeout", "proxyconnect", "network is unreachable", "TLS handshake"):
		e.What = fmt.Sprintf("cannot fetch %s: the module proxy cannot be reached (GOPROXY is %s)", what, proxy)
		e.Do = "check the network, or set GOPROXY (and HTTPS_PROXY) in the kernel's environment to a proxy you can reach, then run the cell again"
	case pinConflict.MatchString(said):
		m := pinConflict.FindStringSubmatch(said)
		module, version := m[1], m[2]
		if m[3] != "" {
			version = m[3]
		}
		e.What = fmt.Sprintf("%s %s needs %s %s or later, but this kernel holds %s %s", module, version, m[4], m[5], m[4], m[6])
		e.Do = fmt.Sprintf("choose a version of %s that works with %s %s (%%go get %s@VERSION), or restart the kernel if an earlier cell loaded that version", module, m[4], m[6], module)
	case noPackage.MatchString(said):
		m := noPackage.FindStringSubmatch(said)
		e.What = fmt.Sprintf("module %s %s has no package %s", m[1], m[2], m[3])
		e.Do = "check the import path against the module's documentation (pkg.go.dev)"
	case versionFailed.MatchString(said) || containsAny(said, "unknown revision", "invalid version", "no matching versions"):
		e.What = fmt.Sprintf("version not found: %s", what)
		e.Do = "list the versions there are with: %go list -versions MODULE, and pick one"
	case listFailed.MatchString(said) || containsAny(said, "unrecognized import path", "cannot find module providing package", "is not a known module", "malformed module path"):
		e.What = fmt.Sprintf("no such module: %s", what)
		e.Do = "check the import path (a module's path is its repository's, e.g. gonum.org/v1/gonum); for a private module, set GOPRIVATE in the kernel's environment"
	default:
		e.What = fmt.Sprintf("the go command could not get %s", what)
		e.Do = "see its message below"
	}
	return e
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// JupyterError gives the error's fields as Jupyter's error message has them.
func (e *Error) JupyterError() (ename, evalue string, traceback []string) {
	traceback = []string{"ModuleError: " + e.What}
	if e.Do != "" {
		traceback = append(traceback, "", "What to do: "+e.Do)
	}
	if e.Said != "" {
		traceback = append(traceback, "", "The go command said:")
		for _, l := range strings.Split(e.Said, "\n") {
			traceback = append(traceback, "    "+l)
		}
	}
	return "ModuleError", e.Error(), traceback
}
