package main

import (
	"errors"
	"flag"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopar/ipynb"
)

func TestParseRunArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    runOptions
		wantErr string
	}{
		{"one notebook", []string{"a.ipynb"}, runOptions{notebooks: []string{"a.ipynb"}}, ""},
		{"flags anywhere", []string{"a.ipynb", "--html", "-allow-errors", "b.ipynb", "--output-dir", "out"},
			runOptions{outputDir: "out", allowErrors: true, html: true, notebooks: []string{"a.ipynb", "b.ipynb"}}, ""},
		{"output-dir with =", []string{"--output-dir=x y", "a.ipynb"}, runOptions{outputDir: "x y", notebooks: []string{"a.ipynb"}}, ""},
		{"parameters", []string{"-p", "n", "5", "a.ipynb", "-p", "label", "-3 days"},
			runOptions{params: []ipynb.Parameter{{Name: "n", Value: "5"}, {Name: "label", Value: "-3 days"}}, notebooks: []string{"a.ipynb"}}, ""},
		{"after --", []string{"--", "--html"}, runOptions{notebooks: []string{"--html"}}, ""},
		{"no notebook", []string{"--html"}, runOptions{}, "no notebook given"},
		{"unknown flag", []string{"--fast", "a.ipynb"}, runOptions{}, "unknown flag --fast"},
		{"-p short", []string{"a.ipynb", "-p", "n"}, runOptions{}, "-p needs a name and a value"},
		{"output-dir without value", []string{"a.ipynb", "--output-dir"}, runOptions{}, "flag --output-dir needs a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseRunArgs(tt.args, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := parseRunArgs([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}

func TestOutputPaths(t *testing.T) {
	tests := []struct {
		input, outDir, wantNB, wantPage string
	}{
		{"/w/nb/a.ipynb", "", "/w/nb/a.nbconvert.ipynb", "/w/nb/a.html"},
		{"/w/nb/a.ipynb", "/w/out", "/w/out/a.ipynb", "/w/out/a.html"},
		{"/w/nb/a.ipynb", "/w/nb", "/w/nb/a.nbconvert.ipynb", "/w/nb/a.html"},
		{"/w/nb/a.b.ipynb", "", "/w/nb/a.b.nbconvert.ipynb", "/w/nb/a.b.html"},
		{"/w/nb/noext", "/w/out", "/w/out/noext.ipynb", "/w/out/noext.html"},
	}
	// The table is in slash form; outputPaths works with the platform's
	// separators (backslashes on Windows).
	slash := filepath.FromSlash
	for _, tt := range tests {
		tt.input, tt.outDir, tt.wantNB, tt.wantPage = slash(tt.input), slash(tt.outDir), slash(tt.wantNB), slash(tt.wantPage)
		nb, page := outputPaths(tt.input, tt.outDir)
		if nb != tt.wantNB || page != tt.wantPage {
			t.Errorf("outputPaths(%q, %q) = %q, %q; want %q, %q", tt.input, tt.outDir, nb, page, tt.wantNB, tt.wantPage)
		}
	}
}
