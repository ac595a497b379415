// Package ipynb reads and writes Jupyter notebooks (nbformat 4) and
// renders them as a self-contained HTML page. It is what `gopar run` uses;
// it knows nothing of the interpreter or of the messaging protocol.
//
// [Parse] and [Read] accept what nbformat accepts: source and text as a
// string or as a list of lines. [Notebook.Marshal] writes JSON as nbformat
// writes it: one-space indent, keys sorted, a trailing newline, source,
// stream text and textual MIME data split into lists of lines, images as
// base64 strings. Fields this package does not model (notebook and cell
// metadata, attachments, unknown top-level keys) are kept as read.
//
// A [Recorder] collects a running cell's outputs as nbclient does
// (display ids updated in place, clear_output with wait), and
// [Notebook.CoalesceStreams] merges consecutive stream outputs as
// nbconvert does before writing. [InjectParameters] adds papermill's
// injected-parameters cell, with Go assignments. [Notebook.HTML] renders
// the page.
package ipynb

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

// Cell types.
const (
	Code     = "code"
	Markdown = "markdown"
	Raw      = "raw"
)

// Output types.
const (
	Stream        = "stream"
	DisplayData   = "display_data"
	ExecuteResult = "execute_result"
	Error         = "error"
)

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	NBFormat, NBFormatMinor int
	Metadata                map[string]any
	Cells                   []*Cell
	// Extra holds top-level fields not modelled here, written back as read.
	Extra map[string]any
}

// Cell is one cell.
type Cell struct {
	// ID is the cell's id (nbformat 4.5 and later), or empty.
	ID       string
	Type     string // Code, Markdown or Raw
	Source   string
	Metadata map[string]any
	// ExecutionCount and Outputs are a code cell's; nil is null.
	ExecutionCount *int
	Outputs        []*Output
	// Extra holds other fields (attachments), written back as read.
	Extra map[string]any
}

// Output is one output of a code cell.
type Output struct {
	Type string // Stream, DisplayData, ExecuteResult or Error
	// Name ("stdout" or "stderr") and Text are a stream's.
	Name, Text string
	// Data (a MIME bundle, text joined into one string) and Metadata are
	// those of display_data and execute_result.
	Data, Metadata map[string]any
	// ExecutionCount is an execute_result's.
	ExecutionCount *int
	// EName, EValue and Traceback are an error's.
	EName, EValue string
	Traceback     []string
	// Extra holds fields not modelled here, written back as read.
	Extra map[string]any
}

// Tags returns the cell's metadata tags.
func (c *Cell) Tags() []string {
	list, _ := c.Metadata["tags"].([]any)
	var tags []string
	for _, t := range list {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell is tagged tag.
func (c *Cell) HasTag(tag string) bool { return slices.Contains(c.Tags(), tag) }

// ErrNotNotebook is wrapped by the error of input that is JSON but not a
// notebook.
var ErrNotNotebook = errors.New("not a Jupyter notebook")

// Read reads and parses the notebook in file.
func Read(file string) (*Notebook, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return nb, nil
}

// Parse parses a notebook. A JSON syntax error says where, as line and
// column.
func Parse(b []byte) (*Notebook, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, jsonError(b, err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		rest := dec.InputOffset()
		for rest < int64(len(b)) && strings.ContainsRune(" \t\r\n", rune(b[rest])) {
			rest++
		}
		return nil, fmt.Errorf("invalid JSON at %s: data after the notebook's closing brace", position(b, rest))
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: the file holds a JSON %s, not an object", ErrNotNotebook, kindOf(v))
	}
	if _, ok := top["worksheets"]; ok {
		return nil, fmt.Errorf("%w in format 4: this is an nbformat 3 notebook; open and save it in Jupyter, or run `jupyter nbconvert --to notebook --nbformat 4` on it", ErrNotNotebook)
	}
	major, ok := intOf(top["nbformat"])
	if !ok {
		return nil, fmt.Errorf("%w: no \"nbformat\" version number", ErrNotNotebook)
	}
	if major != 4 {
		return nil, fmt.Errorf("%w in format 4: nbformat %d is not supported", ErrNotNotebook, major)
	}
	minor, _ := intOf(top["nbformat_minor"])
	cells, ok := top["cells"].([]any)
	if !ok {
		return nil, fmt.Errorf("%w: no \"cells\" list", ErrNotNotebook)
	}
	nb := &Notebook{NBFormat: major, NBFormatMinor: minor, Extra: map[string]any{}}
	nb.Metadata, _ = top["metadata"].(map[string]any)
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	for k, val := range top {
		switch k {
		case "nbformat", "nbformat_minor", "metadata", "cells":
		default:
			nb.Extra[k] = val
		}
	}
	for i, raw := range cells {
		c, err := parseCell(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: cell %d: %v", ErrNotNotebook, i+1, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

func parseCell(raw any) (*Cell, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("a JSON %s instead of an object", kindOf(raw))
	}
	c := &Cell{Extra: map[string]any{}}
	c.Type, _ = m["cell_type"].(string)
	switch c.Type {
	case Code, Markdown, Raw:
	case "":
		return nil, errors.New(`no "cell_type"`)
	default:
		return nil, fmt.Errorf("unknown cell_type %q", c.Type)
	}
	c.ID, _ = m["id"].(string)
	src, err := joinLines(m["source"])
	if err != nil {
		return nil, fmt.Errorf("source: %v", err)
	}
	c.Source = src
	c.Metadata, _ = m["metadata"].(map[string]any)
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	if n, ok := intOf(m["execution_count"]); ok {
		c.ExecutionCount = &n
	}
	if outs, ok := m["outputs"].([]any); ok {
		for j, o := range outs {
			out, err := parseOutput(o)
			if err != nil {
				return nil, fmt.Errorf("output %d: %v", j+1, err)
			}
			c.Outputs = append(c.Outputs, out)
		}
	}
	for k, v := range m {
		switch k {
		case "cell_type", "id", "source", "metadata", "execution_count", "outputs":
		default:
			c.Extra[k] = v
		}
	}
	return c, nil
}

func parseOutput(raw any) (*Output, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("a JSON %s instead of an object", kindOf(raw))
	}
	o := &Output{Extra: map[string]any{}}
	o.Type, _ = m["output_type"].(string)
	known := map[string]bool{"output_type": true}
	switch o.Type {
	case Stream:
		o.Name, _ = m["name"].(string)
		text, err := joinLines(m["text"])
		if err != nil {
			return nil, fmt.Errorf("text: %v", err)
		}
		o.Text = text
		known["name"], known["text"] = true, true
	case DisplayData, ExecuteResult:
		o.Data, _ = m["data"].(map[string]any)
		if o.Data == nil {
			o.Data = map[string]any{}
		}
		for k, v := range o.Data {
			if isJSONMIME(k) {
				continue
			}
			if s, err := joinLines(v); err == nil {
				o.Data[k] = s
			}
		}
		o.Metadata, _ = m["metadata"].(map[string]any)
		if o.Metadata == nil {
			o.Metadata = map[string]any{}
		}
		known["data"], known["metadata"] = true, true
		if o.Type == ExecuteResult {
			if n, ok := intOf(m["execution_count"]); ok {
				o.ExecutionCount = &n
			}
			known["execution_count"] = true
		}
	case Error:
		o.EName, _ = m["ename"].(string)
		o.EValue, _ = m["evalue"].(string)
		tb, _ := m["traceback"].([]any)
		o.Traceback = []string{}
		for _, l := range tb {
			s, _ := l.(string)
			o.Traceback = append(o.Traceback, s)
		}
		known["ename"], known["evalue"], known["traceback"] = true, true, true
	case "":
		return nil, errors.New(`no "output_type"`)
	}
	for k, v := range m {
		if !known[k] {
			o.Extra[k] = v
		}
	}
	return o, nil
}

// joinLines reads a multi-line string field: a string or a list of strings.
func joinLines(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case []any:
		var sb strings.Builder
		for _, l := range x {
			s, ok := l.(string)
			if !ok {
				return "", fmt.Errorf("a list holding a JSON %s, not only strings", kindOf(l))
			}
			sb.WriteString(s)
		}
		return sb.String(), nil
	}
	return "", fmt.Errorf("a JSON %s, not a string or a list of strings", kindOf(v))
}

// isJSONMIME tells the MIME types whose data is JSON rather than text, as
// nbformat does.
func isJSONMIME(mime string) bool {
	return mime == "application/json" || strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json")
}

// splitsMIME tells the MIME types whose string data nbformat writes as a
// list of lines.
func splitsMIME(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "application/javascript" || mime == "image/svg+xml"
}

func intOf(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		n, err := x.Int64()
		return int(n), err == nil
	case float64:
		return int(x), x == float64(int(x))
	case int:
		return x, true
	}
	return 0, false
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number, float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "list"
	}
	return "object"
}

// jsonError words a decoding error with its line and column.
func jsonError(b []byte, err error, offset int64) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		offset = syn.Offset - 1 // the offending byte
	}
	if errors.Is(err, io.EOF) {
		return errors.New("invalid JSON: the file is empty")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("invalid JSON at %s: the file ends in the middle of the notebook", position(b, int64(len(b))))
	}
	return fmt.Errorf("invalid JSON at %s: %v", position(b, offset), err)
}

// position turns the offset of a byte into "line L, column C" (both from
// 1, columns in characters).
func position(b []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// NewCellID returns a fresh cell id, as nbformat makes them: eight hex
// digits.
func NewCellID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// HasCellIDs tells whether the notebook's format version has cell ids
// (4.5 and later).
func (nb *Notebook) HasCellIDs() bool {
	return nb.NBFormat > 4 || nb.NBFormat == 4 && nb.NBFormatMinor >= 5
}

// Marshal encodes the notebook as nbformat writes it. Cells of a 4.5
// notebook that lack an id get one.
func (nb *Notebook) Marshal() ([]byte, error) {
	top := map[string]any{}
	for k, v := range nb.Extra {
		top[k] = v
	}
	top["nbformat"] = nb.NBFormat
	top["nbformat_minor"] = nb.NBFormatMinor
	top["metadata"] = orEmpty(nb.Metadata)
	cells := make([]any, 0, len(nb.Cells))
	for _, c := range nb.Cells {
		if c.ID == "" && nb.HasCellIDs() {
			c.ID = NewCellID()
		}
		cells = append(cells, c.value())
	}
	top["cells"] = cells
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(top); err != nil {
		return nil, err
	}
	// Encode ends with the newline nbformat writes.
	return unescapeSeparators(buf.Bytes()), nil
}

// unescapeSeparators writes U+2028 and U+2029 as themselves, as Python's
// json module does with ensure_ascii off; Go's encoder escapes them.
func unescapeSeparators(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u202`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+5 < len(b) && string(b[i+1:i+5]) == "u202" && (b[i+5] == '8' || b[i+5] == '9') {
			out = append(out, []byte(string(rune(0x2020+int(b[i+5]-'0'))))...)
			i += 5
			continue
		}
		if b[i] == '\\' && i+1 < len(b) {
			// Any other escape: copy it whole, so that an escaped backslash
			// before "u2028" is not taken for the start of an escape.
			out = append(out, b[i], b[i+1])
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// Write writes the notebook to file.
func (nb *Notebook) Write(file string) error {
	b, err := nb.Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o644)
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func (c *Cell) value() map[string]any {
	m := map[string]any{}
	for k, v := range c.Extra {
		m[k] = v
	}
	m["cell_type"] = c.Type
	if c.ID != "" {
		m["id"] = c.ID
	}
	m["metadata"] = orEmpty(c.Metadata)
	m["source"] = SplitLines(c.Source)
	if c.Type == Code {
		if c.ExecutionCount != nil {
			m["execution_count"] = *c.ExecutionCount
		} else {
			m["execution_count"] = nil
		}
		outs := make([]any, 0, len(c.Outputs))
		for _, o := range c.Outputs {
			outs = append(outs, o.value())
		}
		m["outputs"] = outs
	}
	return m
}

func (o *Output) value() map[string]any {
	m := map[string]any{}
	for k, v := range o.Extra {
		m[k] = v
	}
	m["output_type"] = o.Type
	switch o.Type {
	case Stream:
		m["name"] = o.Name
		m["text"] = SplitLines(o.Text)
	case DisplayData, ExecuteResult:
		data := map[string]any{}
		for k, v := range o.Data {
			if s, ok := v.(string); ok && splitsMIME(k) {
				data[k] = SplitLines(s)
			} else {
				data[k] = v
			}
		}
		m["data"] = data
		m["metadata"] = orEmpty(o.Metadata)
		if o.Type == ExecuteResult {
			if o.ExecutionCount != nil {
				m["execution_count"] = *o.ExecutionCount
			} else {
				m["execution_count"] = nil
			}
		}
	case Error:
		m["ename"] = o.EName
		m["evalue"] = o.EValue
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		m["traceback"] = tb
	}
	return m
}

// SplitLines splits s after each line break, as Python's
// str.splitlines(True) does (which is what nbformat writes lines with):
// "\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", U+0085, U+2028
// and U+2029 each end a line.
func SplitLines(s string) []string {
	lines := []string{}
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		end := -1
		switch r {
		case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
			end = i + size
		case '\r':
			end = i + 1
			if i+1 < len(s) && s[i+1] == '\n' {
				end = i + 2
			}
		}
		if end < 0 {
			i += size
			continue
		}
		lines = append(lines, s[start:end])
		start, i = end, end
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}
