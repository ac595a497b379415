package main

import "embed"

// moduleSource is what %%jit cells compile against: the module's
// definition and the runtime's sources, the very ones this binary was
// built from, so that a jitted plugin shares the kernel's packages.
// Completion and inspection read the runtime's docs from it too.
//
//go:embed go.mod go.sum runtime
var moduleSource embed.FS
