package ipynb

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The golden files are what nbformat itself writes for the fixtures
// (nbformat.write(nbformat.read(fixture, 4), golden)).
func TestRoundTripMatchesNbformat(t *testing.T) {
	tests := []struct{ in, golden string }{
		{"basic.ipynb", "basic.golden.ipynb"},
		{"v44.ipynb", "v44.golden.ipynb"},
		{"basic.golden.ipynb", "basic.golden.ipynb"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			nb, err := Read(filepath.Join("testdata", tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got, err := nb.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			// A checkout that converts line endings (git's core.autocrlf,
			// the default on Windows) gives the golden files CRLF; nbformat
			// writes LF, and no CR can appear raw inside JSON text.
			want = bytes.ReplaceAll(want, []byte("\r\n"), []byte("\n"))
			if !bytes.Equal(got, want) {
				t.Errorf("Marshal differs from nbformat's output:\n%s", firstDiff(string(got), string(want)))
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + gl + "\n want " + wl
		}
	}
	return "(same lines)"
}

func TestParseModel(t *testing.T) {
	nb, err := Read("testdata/basic.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 5 {
		t.Fatalf("%d cells, want 5", len(nb.Cells))
	}
	c := nb.Cells[1]
	if c.Source != "n := 3\nname := \"gopher\"" || !c.HasTag("parameters") || *c.ExecutionCount != 1 {
		t.Errorf("code cell: source %q, tags %v", c.Source, c.Tags())
	}
	if o := c.Outputs[0]; o.Type != Stream || o.Name != "stdout" || o.Text != "one\ntwo\n" {
		t.Errorf("stream output: %+v", o)
	}
	if o := c.Outputs[2]; o.Data["text/plain"] != "<PNG image 1x1>" || !strings.HasPrefix(o.Data["image/png"].(string), "iVBOR") {
		t.Errorf("display output: %+v", o.Data)
	}
	if o := c.Outputs[4]; !reflect.DeepEqual(o.Data["application/json"].(map[string]any)["b"], "x\ny") {
		t.Errorf("JSON data changed: %+v", o.Data)
	}
	if e := nb.Cells[2].Outputs[0]; e.EName != "panic" || len(e.Traceback) != 2 {
		t.Errorf("error output: %+v", e)
	}
	if _, ok := nb.Cells[0].Extra["attachments"]; !ok {
		t.Error("attachments were dropped")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		notNotebook    bool
	}{
		{"empty", "", "the file is empty", false},
		{"syntax", "{\n \"cells\": [,]\n}", "invalid JSON at line 2, column 12", false},
		{"truncated", `{"cells": [`, "invalid JSON at line 1, column 12: the file ends in the middle", false},
		{"trailing data", `{"nbformat": 4, "cells": []} x`, "data after the notebook", false},
		{"not an object", `[1, 2]`, "a JSON list, not an object", true},
		{"no version", `{"cells": []}`, `no "nbformat" version`, true},
		{"version 3", `{"nbformat": 3, "worksheets": []}`, "nbformat 3 notebook", true},
		{"version 5", `{"nbformat": 5, "cells": []}`, "nbformat 5 is not supported", true},
		{"no cells", `{"nbformat": 4, "nbformat_minor": 5}`, `no "cells" list`, true},
		{"bad cell type", `{"nbformat": 4, "cells": [{"cell_type": "python"}]}`, `cell 1: unknown cell_type "python"`, true},
		{"cell not an object", `{"nbformat": 4, "cells": [{"cell_type": "raw"}, 7]}`, "cell 2: a JSON number", true},
		{"bad source", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": [1]}]}`, "source: a list holding a JSON number", true},
		{"bad output", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{}]}]}`, `output 1: no "output_type"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if errors.Is(err, ErrNotNotebook) != tt.notNotebook {
				t.Errorf("errors.Is(ErrNotNotebook) = %v, want %v", !tt.notNotebook, tt.notNotebook)
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	if _, err := Read("testdata/missing.ipynb"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read of a missing file: %v, want ErrNotExist", err)
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"a", []string{"a"}},
		{"a\n", []string{"a\n"}},
		{"a\nb", []string{"a\n", "b"}},
		{"a\r\nb\rc", []string{"a\r\n", "b\r", "c"}},
		{"\n\n", []string{"\n", "\n"}},
		{"a\vb\fc\x1cd", []string{"a\v", "b\f", "c\x1c", "d"}},
		{"x\u2028y\u0085z", []string{"x\u2028", "y\u0085", "z"}},
		{"ünï\ncödé", []string{"ünï\n", "cödé"}},
	}
	for _, tt := range tests {
		if got := SplitLines(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCellIDs(t *testing.T) {
	nb, err := Parse([]byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "1", "metadata": {}, "outputs": []}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nb.Marshal(); err != nil {
		t.Fatal(err)
	}
	if id := nb.Cells[0].ID; len(id) != 8 {
		t.Errorf("a 4.5 cell without id got %q, want 8 hex digits", id)
	}
	nb.NBFormatMinor = 4
	nb.Cells[0].ID = ""
	b, _ := nb.Marshal()
	if bytes.Contains(b, []byte(`"id"`)) {
		t.Errorf("a 4.4 notebook got cell ids:\n%s", b)
	}
}

// validate checks files with nbformat's own validator, where Debian's
// python3-nbformat is installed.
func validate(t *testing.T, files ...string) {
	t.Helper()
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	if exec.Command(python, "-c", "import nbformat").Run() != nil {
		t.Skip("python3-nbformat is not installed")
	}
	for _, f := range files {
		out, err := exec.Command(python, "-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4))", f).CombinedOutput()
		if err != nil {
			t.Errorf("nbformat rejects %s: %v\n%s", filepath.Base(f), err, out)
		}
	}
}

func TestWrittenNotebooksValidate(t *testing.T) {
	dir := t.TempDir()
	var files []string
	write := func(name string, nb *Notebook) {
		f := filepath.Join(dir, name)
		if err := nb.Write(f); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for _, in := range []string{"basic.ipynb", "v44.ipynb"} {
		nb, err := Read(filepath.Join("testdata", in))
		if err != nil {
			t.Fatal(err)
		}
		write(in, nb)
		if _, err := InjectParameters(nb, []Parameter{{"n", "5"}, {"name", "x"}}); err != nil {
			t.Fatal(err)
		}
		write("params-"+in, nb)
	}

	// A notebook filled by a recorder, as gopar run fills one.
	nb, _ := Read("testdata/v44.ipynb")
	r := NewRecorder(nb)
	r.Begin(1)
	r.Stream("stdout", "hi\n")
	r.Display(map[string]any{"text/plain": "x", "image/png": "iVBOR"}, nil, "id", false)
	r.Display(map[string]any{"text/plain": "y"}, map[string]any{}, "id", true)
	r.Result(1, map[string]any{"text/plain": "10"}, nil)
	r.Error("panic", "boom", nil)
	n := 1
	nb.Cells[1].ExecutionCount = &n
	nb.CoalesceStreams()
	write("recorded.ipynb", nb)

	validate(t, files...)
}
