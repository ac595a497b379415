package ipynb

import (
	"reflect"
	"testing"
)

// event is one call on a Recorder: Begin(cell) when cell >= 0 and op is
// "begin", or an output of the running cell.
type event struct {
	op   string // begin, stream, display, update, result, error, clear, clearwait
	cell int
	name string // stream name or display id
	text string
}

// short describes outputs compactly: "stdout:hi", "display:x", ...
func short(outs []*Output) []string {
	s := []string{}
	for _, o := range outs {
		switch o.Type {
		case Stream:
			s = append(s, o.Name+":"+o.Text)
		case DisplayData:
			s = append(s, "display:"+o.Data["text/plain"].(string))
		case ExecuteResult:
			s = append(s, "result:"+o.Data["text/plain"].(string))
		case Error:
			s = append(s, "error:"+o.EValue)
		}
	}
	return s
}

func TestRecorder(t *testing.T) {
	tests := []struct {
		name   string
		events []event
		want   [][]string // outputs of cells 0 and 1 (cell 1 starts with "old")
	}{
		{"streams merge per name", []event{
			{op: "begin", cell: 0},
			{op: "stream", name: "stdout", text: "a"}, {op: "stream", name: "stdout", text: "b\n"},
			{op: "stream", name: "stderr", text: "e\n"}, {op: "stream", name: "stdout", text: "c\n"},
		}, [][]string{{"stdout:ab\n", "stderr:e\n", "stdout:c\n"}, {"stdout:old\n"}}},
		{"displays and result in order", []event{
			{op: "begin", cell: 0},
			{op: "stream", name: "stdout", text: "x\n"}, {op: "display", text: "img"},
			{op: "stream", name: "stdout", text: "y\n"}, {op: "result", text: "42"},
		}, [][]string{{"stdout:x\n", "display:img", "stdout:y\n", "result:42"}, {"stdout:old\n"}}},
		{"update replaces in place, adds nothing", []event{
			{op: "begin", cell: 0},
			{op: "display", name: "h", text: "0%"}, {op: "stream", name: "stdout", text: "working\n"},
			{op: "update", name: "h", text: "50%"}, {op: "update", name: "h", text: "100%"},
		}, [][]string{{"display:100%", "stdout:working\n"}, {"stdout:old\n"}}},
		{"update from a later cell", []event{
			{op: "begin", cell: 0}, {op: "display", name: "h", text: "old"},
			{op: "begin", cell: 1}, {op: "update", name: "h", text: "new"}, {op: "stream", name: "stdout", text: "1\n"},
		}, [][]string{{"display:new"}, {"stdout:1\n"}}},
		{"display with a known id updates earlier ones too", []event{
			{op: "begin", cell: 0}, {op: "display", name: "h", text: "a"}, {op: "display", name: "h", text: "b"},
		}, [][]string{{"display:b", "display:b"}, {"stdout:old\n"}}},
		{"update of an unknown id is dropped", []event{
			{op: "begin", cell: 0}, {op: "update", name: "nope", text: "x"},
		}, [][]string{{}, {"stdout:old\n"}}},
		{"clear at once", []event{
			{op: "begin", cell: 0}, {op: "stream", name: "stdout", text: "a\n"}, {op: "clear"},
			{op: "stream", name: "stdout", text: "b\n"},
		}, [][]string{{"stdout:b\n"}, {"stdout:old\n"}}},
		{"clear with wait waits for the next output", []event{
			{op: "begin", cell: 0}, {op: "stream", name: "stdout", text: "a\n"}, {op: "clearwait"},
			{op: "clearwait"},
			{op: "display", text: "frame"},
		}, [][]string{{"display:frame"}, {"stdout:old\n"}}},
		{"clear with wait and nothing after keeps the output", []event{
			{op: "begin", cell: 0}, {op: "stream", name: "stdout", text: "a\n"}, {op: "clearwait"},
		}, [][]string{{"stdout:a\n"}, {"stdout:old\n"}}},
		{"a cleared display is no longer updated", []event{
			{op: "begin", cell: 0}, {op: "display", name: "h", text: "a"}, {op: "clear"},
			{op: "stream", name: "stdout", text: "s\n"}, {op: "update", name: "h", text: "b"},
		}, [][]string{{"stdout:s\n"}, {"stdout:old\n"}}},
		{"begin empties the cell's old outputs", []event{
			{op: "begin", cell: 1}, {op: "stream", name: "stdout", text: "fresh\n"}, {op: "error", text: "boom"},
		}, [][]string{{}, {"stdout:fresh\n", "error:boom"}}},
		{"output after Close is dropped", []event{
			{op: "begin", cell: 0}, {op: "display", name: "h", text: "a"}, {op: "close"},
			{op: "stream", name: "stdout", text: "late\n"}, {op: "update", name: "h", text: "b"}, {op: "begin", cell: 1},
		}, [][]string{{"display:a"}, {"stdout:old\n"}}},
		{"output before any cell is dropped", []event{
			{op: "stream", name: "stdout", text: "lost"}, {op: "display", text: "lost"},
		}, [][]string{{}, {"stdout:old\n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := &Notebook{NBFormat: 4, NBFormatMinor: 5, Cells: []*Cell{
				{Type: Code}, {Type: Code, Outputs: []*Output{{Type: Stream, Name: "stdout", Text: "old\n"}}},
			}}
			r := NewRecorder(nb)
			for _, e := range tt.events {
				plain := map[string]any{"text/plain": e.text}
				switch e.op {
				case "begin":
					r.Begin(e.cell)
				case "stream":
					r.Stream(e.name, e.text)
				case "display":
					r.Display(plain, nil, e.name, false)
				case "update":
					r.Display(plain, nil, e.name, true)
				case "result":
					r.Result(1, plain, nil)
				case "error":
					r.Error("panic", e.text, nil)
				case "clear":
					r.ClearOutput(false)
				case "clearwait":
					r.ClearOutput(true)
				case "close":
					r.Close()
				}
			}
			for i, want := range tt.want {
				if got := short(nb.Cells[i].Outputs); !reflect.DeepEqual(got, want) {
					t.Errorf("cell %d outputs %q, want %q", i, got, want)
				}
			}
		})
	}
}

func TestCoalesceStreams(t *testing.T) {
	s := func(name, text string) *Output { return &Output{Type: Stream, Name: name, Text: text} }
	d := &Output{Type: DisplayData, Data: map[string]any{"text/plain": "d"}}
	tests := []struct {
		name string
		in   []*Output
		want []string
	}{
		{"nothing", nil, []string{}},
		{"merge same name", []*Output{s("stdout", "a\n"), s("stdout", "b\n")}, []string{"stdout:a\nb\n"}},
		{"names alternate", []*Output{s("stdout", "a"), s("stderr", "b"), s("stdout", "c")}, []string{"stdout:a", "stderr:b", "stdout:c"}},
		{"display in between", []*Output{s("stdout", "a"), d, s("stdout", "c")}, []string{"stdout:a", "display:d", "stdout:c"}},
		{"carriage returns overwrite", []*Output{s("stdout", "10%\r50%\r100%\ndone\n")}, []string{"stdout:100%\ndone\n"}},
		{"carriage return across merged outputs", []*Output{s("stdout", "10%\r"), s("stdout", "20%\r"), s("stdout", "30%\n")}, []string{"stdout:30%\n"}},
		{"CRLF kept", []*Output{s("stdout", "a\r\nb\r\n")}, []string{"stdout:a\r\nb\r\n"}},
		{"trailing CR kept", []*Output{s("stdout", "a\rb\r")}, []string{"stdout:b\r"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := &Notebook{Cells: []*Cell{{Type: Code, Outputs: tt.in}}}
			nb.CoalesceStreams()
			if got := short(nb.Cells[0].Outputs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
