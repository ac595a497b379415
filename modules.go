package main

import (
	"os"
	"path/filepath"
	"runtime/debug"

	"gopar/ipynb"
	"gopar/kernel/modules"
)

// newModules starts a session's Go modules from the kernel's own go.mod
// and go.sum, holding the modules compiled into the kernel at their
// versions, with pins giving the versions chosen before.
func newModules(pins func() map[string]string) *modules.Set {
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
	return modules.New(modules.Options{GoMod: gomod, GoSum: gosum, Compiled: compiled, Pins: pins, CacheDir: cache})
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

// notebookModules reads the module versions recorded in the notebook the
// kernel runs for. A Jupyter server (JupyterLab, Notebook 7) names it in
// JPY_SESSION_NAME, relative to its root, and starts the kernel in the
// notebook's directory. Other front ends (nbconvert, Notebook 6) name
// none, and start the kernel in the notebook's directory too: there the
// versions the directory's notebooks recorded are used, those they agree
// on.
func notebookModules(session string) map[string]string {
	if session == "" {
		return directoryModules(".")
	}
	for _, p := range []string{filepath.Base(session), session} {
		if nb, err := ipynb.Read(p); err == nil {
			return recordedModules(nb)
		}
	}
	return nil
}

// maxNotebookSize bounds what directoryModules reads of one notebook: the
// metadata is at the end of a file that outputs may have made large.
const maxNotebookSize = 16 << 20

// directoryModules merges the versions the notebooks in dir recorded,
// leaving out a module they disagree on.
func directoryModules(dir string) map[string]string {
	names, _ := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	out := map[string]string{}
	disagree := map[string]bool{}
	for _, name := range names {
		if fi, err := os.Stat(name); err != nil || fi.Size() > maxNotebookSize {
			continue
		}
		nb, err := ipynb.Read(name)
		if err != nil {
			continue
		}
		for path, version := range recordedModules(nb) {
			if have, ok := out[path]; ok && have != version {
				disagree[path] = true
			}
			out[path] = version
		}
	}
	for path := range disagree {
		delete(out, path)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
