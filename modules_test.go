package main

import (
	"path/filepath"
	"reflect"
	"testing"

	"gopar/ipynb"
	"gopar/kernel/modules"
)

func TestRecordedModules(t *testing.T) {
	nb := &ipynb.Notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: map[string]any{"gopar": map[string]any{"other": true}}}
	if got := recordedModules(nb); len(got) != 0 {
		t.Errorf("a notebook that recorded none gives %v", got)
	}
	recordModules(nb, nil)
	if _, ok := nb.Metadata["gopar"].(map[string]any)["modules"]; ok {
		t.Error("a run that used no module recorded an entry")
	}
	recordModules(nb, []modules.Module{{Path: "gonum.org/v1/gonum", Version: "v0.17.0"}})
	want := map[string]string{"gonum.org/v1/gonum": "v0.17.0"}
	if got := recordedModules(nb); !reflect.DeepEqual(got, want) {
		t.Errorf("recorded %v, want %v", got, want)
	}
	if nb.Metadata["gopar"].(map[string]any)["other"] != true {
		t.Error("recording the modules dropped the rest of gopar's metadata")
	}

	// The kernel reads them from the notebook a Jupyter server names,
	// relative to its root, from the notebook's directory.
	dir := t.TempDir()
	t.Chdir(dir)
	if err := nb.Write(filepath.Join(dir, "pinned.ipynb")); err != nil {
		t.Fatal(err)
	}
	for _, session := range []string{"pinned.ipynb", "course/week1/pinned.ipynb"} {
		if got := notebookModules(session); !reflect.DeepEqual(got, want) {
			t.Errorf("notebookModules(%q) = %v, want %v", session, got, want)
		}
	}
	if got := notebookModules("missing.ipynb"); got != nil {
		t.Errorf("a missing notebook gives %v", got)
	}
	// Without a session, the notebooks of the working directory answer,
	// for the modules they agree on.
	if got := notebookModules(""); !reflect.DeepEqual(got, want) {
		t.Errorf("no session, one notebook: %v, want %v", got, want)
	}
	other := &ipynb.Notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: map[string]any{}}
	recordModules(other, []modules.Module{{Path: "gonum.org/v1/gonum", Version: "v0.16.0"}, {Path: "github.com/samber/lo", Version: "v1.53.0"}})
	if err := other.Write(filepath.Join(dir, "other.ipynb")); err != nil {
		t.Fatal(err)
	}
	if got, want := notebookModules(""), map[string]string{"github.com/samber/lo": "v1.53.0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("no session, two notebooks: %v, want %v (gonum left out: they disagree)", got, want)
	}
}
