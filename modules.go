package main

import (
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"

	"gopar/ipynb"
	"gopar/kernel/modules"
)

// newModules starts a session's Go modules from the kernel's own go.mod
// and go.sum, holding the modules compiled into the kernel at their
// versions, with pins as the versions chosen before.
func newModules(pins map[string]string) *modules.Set {
	gomod, _ := moduleSource.ReadFile("go.mod")
	gosum, _ := moduleSource.ReadFile("go.sum")
	compiled := map[string]string{}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Replace == nil && d.Version != "" && d.Version != "(devel)" {
				compiled[d.Path] = d.Version
			}
		}
	}
	cache := os.Getenv("GOPAR_JIT_CACHE")
	if cache == "" {
		if base, err := os.UserCacheDir(); err == nil {
			cache = filepath.Join(base, "gopar", "jit")
		}
	}
	if cache != "" {
		cache = filepath.Join(cache, "modules")
	}
	return modules.New(modules.Options{GoMod: gomod, GoSum: gosum, Compiled: compiled, Pins: maps.Clone(pins), CacheDir: cache})
}

// modulesKey is where a notebook's metadata records the versions of the
// Go modules its cells used: {"gopar": {"modules": {path: version}}}.
const modulesKey = "gopar"

// recordedModules reads the module versions a notebook's metadata holds.
func recordedModules(nb *ipynb.Notebook) map[string]string {
	meta, _ := nb.Metadata[modulesKey].(map[string]any)
	mods, _ := meta["modules"].(map[string]any)
	out := map[string]string{}
	for path, v := range mods {
		if version, ok := v.(string); ok {
			out[path] = version
		}
	}
	return out
}

// recordModules writes them; a notebook that used none keeps no entry.
func recordModules(nb *ipynb.Notebook, chosen []modules.Module) {
	if len(chosen) == 0 {
		return
	}
	mods := map[string]any{}
	for _, m := range chosen {
		mods[m.Path] = m.Version
	}
	meta, _ := nb.Metadata[modulesKey].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	meta["modules"] = mods
	nb.Metadata[modulesKey] = meta
}

// notebookModules reads the module versions recorded in the notebook a
// Jupyter server started the kernel for: the server names it in
// JPY_SESSION_NAME, relative to its root, and starts the kernel in the
// notebook's directory. None when there is no such notebook.
func notebookModules(session string) map[string]string {
	if session == "" {
		return nil
	}
	for _, p := range []string{filepath.Base(session), session} {
		if nb, err := ipynb.Read(p); err == nil {
			return recordedModules(nb)
		}
	}
	return nil
}
