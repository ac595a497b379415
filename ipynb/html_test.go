package ipynb

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	nb, err := Read("testdata/basic.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	page, err := nb.HTML("basic <test>")
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	tests := []struct {
		name, want string
		absent     bool
	}{
		{"doctype", "<!DOCTYPE html>", false},
		{"title escaped", "<title>basic &lt;test&gt;</title>", false},
		{"markdown heading", "<h1>Title</h1>", false},
		{"markdown emphasis", "<em>text</em>", false},
		{"markdown raw HTML kept", "<b>html</b>", false},
		{"markdown table (GFM)", "<th>a</th>", false},
		{"code escaped", "name := &#34;gopher&#34;", false},
		{"prompt", "In [1]:", false},
		{"empty prompt", "In [ ]:", false},
		{"stdout", "one\ntwo\n", false},
		{"stderr class", `class="body stream stderr"`, false},
		{"png inline", `<img src="data:image/png;base64,iVBORw0KGgo`, false},
		{"svg inline", `<svg xmlns="http://www.w3.org/2000/svg" width="2"`, false},
		{"json pretty", "&#34;a&#34;: [\n    1,", false},
		{"html result as is", "<table><tr><td>1</td></tr></table>", false},
		{"out prompt", "Out[1]:", false},
		{"traceback", "panic: index out of range\nIn [2], line 1", false},
		{"no ANSI escapes", "\x1b[", true},
		{"raw cell escaped", "raw &lt;text&gt;", false},
		{"attachment inline", `<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" alt="pixel"`, false},
		{"no attachment links left", `attachment:x.png`, true},
		{"no external resources", `src="http`, true},
	}
	for _, tt := range tests {
		if strings.Contains(html, tt.want) == tt.absent {
			t.Errorf("%s: page contains %q = %v, want %v", tt.name, tt.want, !tt.absent, !tt.absent)
		}
	}
}

func TestRenderBundle(t *testing.T) {
	tests := []struct {
		name      string
		data      map[string]any
		wantHTML  string
		wantText  string
		wantClass string
	}{
		{"html first", map[string]any{"text/html": "<i>x</i>", "text/plain": "x"}, "<i>x</i>", "", "rich"},
		{"svg before png", map[string]any{"image/svg+xml": "<svg/>", "image/png": "AAAA"}, "<svg/>", "", "rich"},
		{"jpeg", map[string]any{"image/jpeg": "/9j/\n4AAQ"}, `<img src="data:image/jpeg;base64,/9j/4AAQ" alt="">`, "", "rich"},
		{"markdown", map[string]any{"text/markdown": "**b**", "text/plain": "b"}, "<p><strong>b</strong></p>\n", "", "rich markdown"},
		{"latex as text", map[string]any{"text/latex": "$x^2$"}, "", "$x^2$", "text"},
		{"plain", map[string]any{"text/plain": "\x1b[31mred\x1b[0m"}, "", "red", "text"},
		{"nothing known", map[string]any{"application/x-thing": 1}, "", "(no representation this page can show)", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderBundle(tt.data)
			if string(got.HTML) != tt.wantHTML || got.Text != tt.wantText || got.Class != tt.wantClass {
				t.Errorf("renderBundle = %+v, want HTML %q, text %q, class %q", got, tt.wantHTML, tt.wantText, tt.wantClass)
			}
		})
	}
}
