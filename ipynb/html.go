package ipynb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// markdown renders cells as Jupyter does: GitHub-flavoured Markdown, raw
// HTML passed through.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// ansi matches terminal escape sequences (colours in tracebacks).
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// displayOrder is which representation of a MIME bundle the page shows:
// the first present.
var displayOrder = []string{
	"text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif",
	"text/markdown", "text/latex", "application/json", "text/plain",
}

type htmlCell struct {
	Type     string
	Prompt   string
	Source   string
	Markdown template.HTML
	Outputs  []htmlOutput
}

type htmlOutput struct {
	Prompt string
	Class  string
	Text   string        // shown preformatted, escaped
	HTML   template.HTML // shown as is
}

// HTML renders the notebook as one self-contained page titled title: code
// with its prompts, text outputs and errors preformatted, Markdown cells
// rendered, HTML outputs as they are, SVG inline and other images as data
// URIs.
func (nb *Notebook) HTML(title string) ([]byte, error) {
	var cells []htmlCell
	for _, c := range nb.Cells {
		hc := htmlCell{Type: c.Type, Source: c.Source}
		switch c.Type {
		case Markdown:
			var buf bytes.Buffer
			if err := markdown.Convert([]byte(inlineAttachments(c)), &buf); err != nil {
				hc.Type, hc.Source = Raw, c.Source
			} else {
				hc.Markdown = template.HTML(buf.String())
			}
		case Code:
			hc.Prompt = "In [ ]:"
			if c.ExecutionCount != nil {
				hc.Prompt = fmt.Sprintf("In [%d]:", *c.ExecutionCount)
			}
			for _, o := range c.Outputs {
				hc.Outputs = append(hc.Outputs, renderOutput(o))
			}
		}
		cells = append(cells, hc)
	}
	var buf bytes.Buffer
	err := page.Execute(&buf, struct {
		Title string
		Cells []htmlCell
	}{title, cells})
	return buf.Bytes(), err
}

// inlineAttachments replaces a Markdown cell's "attachment:NAME" links by
// data URIs of the attached images, so that the page needs no other file.
func inlineAttachments(c *Cell) string {
	src := c.Source
	atts, _ := c.Extra["attachments"].(map[string]any)
	for name, v := range atts {
		bundle, _ := v.(map[string]any)
		for mime, data := range bundle {
			s, err := joinLines(data)
			if err != nil || !strings.HasPrefix(mime, "image/") {
				continue
			}
			uri := "data:" + mime + ";base64," + strings.Join(strings.Fields(s), "")
			src = strings.ReplaceAll(src, "attachment:"+name, uri)
			break
		}
	}
	return src
}

func renderOutput(o *Output) htmlOutput {
	switch o.Type {
	case Stream:
		return htmlOutput{Class: "stream " + o.Name, Text: ansi.ReplaceAllString(o.Text, "")}
	case Error:
		text := strings.Join(o.Traceback, "\n")
		if text == "" {
			text = o.EName + ": " + o.EValue
		}
		return htmlOutput{Class: "error", Text: ansi.ReplaceAllString(text, "")}
	case DisplayData, ExecuteResult:
		out := renderBundle(o.Data)
		if o.Type == ExecuteResult && o.ExecutionCount != nil {
			out.Prompt = fmt.Sprintf("Out[%d]:", *o.ExecutionCount)
		}
		return out
	}
	return htmlOutput{Class: "unknown", Text: fmt.Sprintf("(output of type %q)", o.Type)}
}

func renderBundle(data map[string]any) htmlOutput {
	for _, mime := range displayOrder {
		v, ok := data[mime]
		if !ok {
			continue
		}
		s, isString := v.(string)
		switch mime {
		case "text/html", "image/svg+xml":
			if isString {
				return htmlOutput{Class: "rich", HTML: template.HTML(s)}
			}
		case "image/png", "image/jpeg", "image/gif":
			if isString {
				src := "data:" + mime + ";base64," + strings.Join(strings.Fields(s), "")
				return htmlOutput{Class: "rich", HTML: template.HTML(`<img src="` + template.HTMLEscapeString(src) + `" alt="">`)}
			}
		case "text/markdown":
			var buf bytes.Buffer
			if isString && markdown.Convert([]byte(s), &buf) == nil {
				return htmlOutput{Class: "rich markdown", HTML: template.HTML(buf.String())}
			}
		case "application/json":
			b, err := json.MarshalIndent(v, "", "  ")
			if err == nil {
				return htmlOutput{Class: "text", Text: string(b)}
			}
		default:
			if isString {
				return htmlOutput{Class: "text", Text: ansi.ReplaceAllString(s, "")}
			}
		}
	}
	return htmlOutput{Class: "text", Text: "(no representation this page can show)"}
}

var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
.cell { display: grid; grid-template-columns: 5.5rem 1fr; column-gap: .5rem; margin: 1rem 0; }
.prompt { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; color: #303f9f; text-align: right; padding-top: .45rem; white-space: nowrap; }
.out .prompt { color: #d84315; }
.body { min-width: 0; }
pre { margin: 0; padding: .4rem .6rem; overflow-x: auto; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; white-space: pre-wrap; word-break: break-word; }
.source pre { background: #f5f5f5; border: 1px solid #e0e0e0; border-radius: 3px; }
.stream.stderr pre { background: #fdecea; }
.error pre { background: #fdecea; color: #8b0000; }
.rich { padding: .2rem .6rem; overflow-x: auto; }
.rich img, .rich svg { max-width: 100%; height: auto; }
.markdown-cell { grid-column: 2; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; }
</style>
</head>
<body>
{{range .Cells}}{{if eq .Type "markdown"}}<div class="cell markdown"><div></div><div class="body markdown-cell">{{.Markdown}}</div></div>
{{else if eq .Type "code"}}<div class="cell code"><div class="prompt">{{.Prompt}}</div><div class="body source"><pre><code class="language-go">{{.Source}}</code></pre></div></div>
{{range .Outputs}}<div class="cell out"><div class="prompt">{{.Prompt}}</div><div class="body {{.Class}}">{{if .HTML}}{{.HTML}}{{else}}<pre>{{.Text}}</pre>{{end}}</div></div>
{{end}}{{else}}<div class="cell raw"><div></div><div class="body"><pre>{{.Source}}</pre></div></div>
{{end}}{{end}}</body>
</html>
`))
