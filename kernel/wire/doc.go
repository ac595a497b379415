// Package wire speaks the Jupyter messaging protocol's wire format: it reads
// connection files, signs and verifies messages, turns ZeroMQ frames into
// messages and back, and owns the kernel's five sockets.
//
// It knows nothing about Go or about executing code; the kernel package
// builds on it.
package wire
