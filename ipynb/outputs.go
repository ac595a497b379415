package ipynb

import (
	"strings"
	"sync"
)

// Recorder collects the outputs of a notebook's cells as they run, as
// nbclient (what `jupyter nbconvert --execute` runs) records them:
//
//   - a display with a display id, and an update of it, replace the data
//     and metadata of every earlier output with that id, in any cell; an
//     update adds no output of its own;
//   - clear_output empties the running cell's outputs at once, or with
//     wait when the next output arrives;
//   - consecutive stream outputs of the same name are merged (nbconvert's
//     coalesce_streams does so before writing).
//
// Its methods may be called from several goroutines.
type Recorder struct {
	nb *Notebook

	mu           sync.Mutex
	closed       bool
	cell         *Cell
	index        int
	clearPending bool
	ids          map[string]map[int][]int // display id -> cell index -> output indices
}

// NewRecorder records into nb's cells.
func NewRecorder(nb *Notebook) *Recorder {
	return &Recorder{nb: nb, index: -1, ids: map[string]map[int][]int{}}
}

// Begin starts recording cell i (an index into the notebook's cells): its
// outputs are emptied. Output arriving after the cell ends, until the next
// Begin, still goes to it.
func (r *Recorder) Begin(i int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.index, r.cell = i, r.nb.Cells[i]
	r.cell.Outputs = []*Output{}
	r.clearPending = false
	r.forget(i)
}

// Close ends the recording: output arriving later (from goroutines a cell
// left running) is dropped, so that the notebook can be written safely.
func (r *Recorder) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed, r.cell = true, nil
}

// Stream records text written to a stream ("stdout" or "stderr").
func (r *Recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cell == nil {
		return
	}
	r.clearIfPending()
	outs := r.cell.Outputs
	if n := len(outs); n > 0 && outs[n-1].Type == Stream && outs[n-1].Name == name {
		outs[n-1].Text += text
		return
	}
	r.cell.Outputs = append(outs, &Output{Type: Stream, Name: name, Text: text})
}

// Display records a display_data (update false) or an
// update_display_data (update true) of the display named id (empty for
// none).
func (r *Recorder) Display(data, metadata map[string]any, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id != "" && !r.closed {
		r.updateID(id, data, metadata)
	}
	if update || r.cell == nil {
		return
	}
	r.add(&Output{Type: DisplayData, Data: data, Metadata: orEmpty(metadata)}, id)
}

// Result records the cell's execute_result.
func (r *Recorder) Result(n int, data, metadata map[string]any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cell == nil {
		return
	}
	r.add(&Output{Type: ExecuteResult, ExecutionCount: &n, Data: data, Metadata: orEmpty(metadata)}, "")
}

// Error records the cell's error.
func (r *Recorder) Error(ename, evalue string, traceback []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cell == nil {
		return
	}
	if traceback == nil {
		traceback = []string{}
	}
	r.add(&Output{Type: Error, EName: ename, EValue: evalue, Traceback: traceback}, "")
}

// ClearOutput records clear_output(wait).
func (r *Recorder) ClearOutput(wait bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cell == nil {
		return
	}
	if wait {
		r.clearPending = true
		return
	}
	r.cell.Outputs = []*Output{}
	r.forget(r.index)
}

func (r *Recorder) add(o *Output, id string) {
	r.clearIfPending()
	if id != "" {
		cells := r.ids[id]
		if cells == nil {
			cells = map[int][]int{}
			r.ids[id] = cells
		}
		cells[r.index] = append(cells[r.index], len(r.cell.Outputs))
	}
	r.cell.Outputs = append(r.cell.Outputs, o)
}

func (r *Recorder) clearIfPending() {
	if r.clearPending {
		r.cell.Outputs = []*Output{}
		r.forget(r.index)
		r.clearPending = false
	}
}

// forget drops the display ids' positions in cell i, whose outputs are gone.
func (r *Recorder) forget(i int) {
	for _, cells := range r.ids {
		delete(cells, i)
	}
}

func (r *Recorder) updateID(id string, data, metadata map[string]any) {
	for ci, indices := range r.ids[id] {
		outs := r.nb.Cells[ci].Outputs
		for _, oi := range indices {
			if oi < len(outs) {
				outs[oi].Data = data
				outs[oi].Metadata = orEmpty(metadata)
			}
		}
	}
}

// CoalesceStreams does what nbconvert's coalesce_streams does to every
// code cell before writing: consecutive stream outputs of the same name
// become one, and in each line, text up to a carriage return that is
// followed by more text on the line is dropped (what a terminal would have
// overwritten).
func (nb *Notebook) CoalesceStreams() {
	for _, c := range nb.Cells {
		if len(c.Outputs) == 0 {
			continue
		}
		outs := []*Output{c.Outputs[0]}
		for _, o := range c.Outputs[1:] {
			last := outs[len(outs)-1]
			if o.Type == Stream && last.Type == Stream && o.Name == last.Name {
				last.Text += o.Text
				continue
			}
			outs = append(outs, o)
		}
		for _, o := range outs {
			if o.Type == Stream && strings.Contains(o.Text, "\r") {
				o.Text = dropOverwritten(o.Text)
			}
		}
		c.Outputs = outs
	}
}

// dropOverwritten applies nbconvert's pattern `.*\r(?=[^\n])` to text:
// in each line, everything up to the last carriage return that has a
// character other than a newline after it goes.
func dropOverwritten(text string) string {
	var sb strings.Builder
	for len(text) > 0 {
		line, rest, found := strings.Cut(text, "\n")
		if i := strings.LastIndexByte(line[:max(len(line)-1, 0)], '\r'); i >= 0 {
			line = line[i+1:]
		}
		sb.WriteString(line)
		if found {
			sb.WriteByte('\n')
		}
		text = rest
	}
	return sb.String()
}
