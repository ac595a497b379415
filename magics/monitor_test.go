package magics

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/runtime/display"
	"gopar/runtime/measure"
)

func TestMonitorOptions(t *testing.T) {
	tests := []struct {
		args    string
		want    float64
		wantErr string
	}{
		{args: "", want: 0.25},
		{args: "-i 0.1", want: 0.1},
		{args: "-i0.5", want: 0.5},
		{args: "  -i 2  ", want: 2},
		{args: "-i 0.05", want: 0.05},
		{args: "-i 3600", want: 3600},
		{args: "-i 0", wantErr: `UsageError: %%monitor: -i takes the seconds between samples, from 0.05 to 3600, not "0"`},
		{args: "-i 0.01", wantErr: `from 0.05 to 3600, not "0.01"`},
		{args: "-i 3601", wantErr: `not "3601"`},
		{args: "-i 1e300", wantErr: `not "1e300"`},
		{args: "-i abc", wantErr: `not "abc"`},
		{args: "-i -1", wantErr: `not "-1"`},
		{args: "-i inf", wantErr: `not "inf"`},
		{args: "-i NaN", wantErr: `not "NaN"`},
		{args: "-i", wantErr: `UsageError: option -i requires argument ( allowed: "i:" )`},
		{args: "-x", wantErr: `UsageError: option -x not recognized ( allowed: "i:" )`},
		{args: "--interval 1", wantErr: "option --interval not recognized"},
		{args: "-i 0.1 f()", wantErr: `UsageError: %%monitor takes only options on its line, not "f()"`},
	}
	for _, tt := range tests {
		got, err := monitorOptions(tt.args)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want one containing %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: %v, %v; want %v", tt.args, got, err, tt.want)
		}
	}
}

// fakeMonitor records when it was started and stopped among the cell's
// runs.
type fakeMonitor struct {
	events *[]string
}

func (m fakeMonitor) Stop() *measure.CoreHistory {
	*m.events = append(*m.events, "stop")
	return &measure.CoreHistory{}
}

// fakeMonitors replaces the monitor; with fail, it cannot start.
func fakeMonitors(t *testing.T, fail error) *[]string {
	t.Helper()
	events := &[]string{}
	old := startCoreMonitor
	startCoreMonitor = func(interval float64) (coreMonitor, error) {
		*events = append(*events, "start")
		if fail != nil {
			return nil, fail
		}
		return fakeMonitor{events}, nil
	}
	t.Cleanup(func() { startCoreMonitor = old })
	return events
}

func TestMonitorRunsTheCell(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		body    string
		err     error
		result  bool
		wantErr error
	}{
		{name: "a result", body: "x := 1\nshow(x)", result: true},
		{name: "no result", body: "fmt.Println(1)"},
		{name: "an error", body: "panic(1)", err: boom, wantErr: boom},
		{name: "interrupted", body: "for {}", err: context.Canceled, wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events := fakeMonitors(t, nil)
			env := newFakeEnv()
			env.onRun = func(string) { *events = append(*events, "run") }
			if tt.err != nil {
				env.errs["\n"+tt.body] = tt.err
			}
			m, _ := Lookup("monitor")
			res, err := m.Cell(context.Background(), env, "-i 0.1", tt.body, 2)
			if err != tt.wantErr {
				t.Errorf("error %v, want %v unchanged", err, tt.wantErr)
			}
			if got := strings.Join(*events, " "); got != "start run stop" {
				t.Errorf("events %q, want the monitor around the run", got)
			}
			// The body keeps its lines' numbers: it starts on line 2.
			if len(env.runs) != 1 || env.runs[0] != (runCall{"\n" + tt.body, 1}) {
				t.Errorf("runs %+v", env.runs)
			}
			if tt.result && (res == nil || res.Display == nil || res.Display.Data["text/plain"] != "\n"+tt.body) {
				t.Errorf("result %+v, want the cell's", res)
			}
			if env.stdout.Len()+env.stderr.Len() > 0 {
				t.Errorf("the magic printed %q %q", env.stdout.String(), env.stderr.String())
			}
		})
	}
}

// TestMonitorBodyHasMagics: the body is a cell, with its line magics.
func TestMonitorBodyHasMagics(t *testing.T) {
	events := fakeMonitors(t, nil)
	env := newFakeEnv()
	env.onRun = func(string) { *events = append(*events, "run") }
	m, _ := Lookup("monitor")
	if _, err := m.Cell(context.Background(), env, "", "x := 1\n%time show(x)", 2); err != nil {
		t.Fatal(err)
	}
	want := []runCall{{"\nx := 1", 1}, {"show(x)", 3}}
	if !reflect.DeepEqual(env.runs, want) {
		t.Errorf("runs %+v, want %+v", env.runs, want)
	}
	if got := strings.Join(*events, " "); got != "start run run stop" {
		t.Errorf("events %q", got)
	}
	if !strings.Contains(env.stdout.String(), "Wall time: ") {
		t.Errorf("%%time printed %q", env.stdout.String())
	}
}

// TestMonitorStopsOnPanic: should the code panic, the sampler still stops.
func TestMonitorStopsOnPanic(t *testing.T) {
	events := fakeMonitors(t, nil)
	env := newFakeEnv()
	env.onRun = func(string) { panic("in Run") }
	m, _ := Lookup("monitor")
	func() {
		defer func() { recover() }()
		m.Cell(context.Background(), env, "", "f()", 2)
	}()
	if got := strings.Join(*events, " "); got != "start stop" {
		t.Errorf("events %q", got)
	}
}

func TestMonitorWithoutCoreLoads(t *testing.T) {
	fakeMonitors(t, &measure.Error{Op: "StartCoreMonitor", Msg: "per-core load is measured on Linux (/proc/stat) and Windows only, not on plan9"})
	env := newFakeEnv()
	m, _ := Lookup("monitor")
	res, err := m.Cell(context.Background(), env, "", "show(1)", 2)
	if err != nil || res == nil || res.Display == nil {
		t.Fatalf("%+v, %v: want the cell's result", res, err)
	}
	want := "%%monitor: no per-core load here: per-core load is measured on Linux (/proc/stat) and Windows only, not on plan9. The cell runs without the monitor.\n"
	if got := env.stderr.String(); got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}

func TestMonitorNeedsCode(t *testing.T) {
	events := fakeMonitors(t, nil)
	env := newFakeEnv()
	m, _ := Lookup("monitor")
	_, err := m.Cell(context.Background(), env, "-i 0.5", " \n\t\n", 2)
	if err == nil || !strings.HasPrefix(err.Error(), "UsageError: %%monitor needs the code to watch") {
		t.Errorf("error %v", err)
	}
	if len(*events) != 0 || len(env.runs) != 0 {
		t.Errorf("events %v, runs %v", *events, env.runs)
	}
	if m.Line != nil || !strings.HasPrefix(m.Help, "%%monitor [-i<I>]") {
		t.Errorf("%%monitor should be a cell magic with IPython's usage first")
	}
}

// notebook records displays as the kernel's publisher would send them.
type notebook struct {
	mu    sync.Mutex
	shown []struct {
		data   map[string]any
		id     string
		update bool
	}
}

func (n *notebook) Display(b display.Bundle, id string, update bool) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.shown = append(n.shown, struct {
		data   map[string]any
		id     string
		update bool
	}{b.Data, id, update})
	return nil
}

func (n *notebook) ClearOutput(bool) error { return nil }

// TestMonitorInNotebook runs the real monitor on this machine's cores
// around a cell that is interrupted: the live view is shown, updated, and
// ends as the plot.
func TestMonitorInNotebook(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "windows" {
		t.Skip("per-core load is read on Linux and Windows")
	}
	nb := &notebook{}
	old := display.SetPublisher(nb)
	t.Cleanup(func() { display.SetPublisher(old) })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	env := newFakeEnv()
	env.onRun = func(string) { <-ctx.Done() }
	env.errs["\nfor {}"] = context.Canceled
	m, _ := Lookup("monitor")
	if _, err := m.Cell(ctx, env, "-i 0.05", "for {}", 2); err != context.Canceled {
		t.Fatalf("error %v, want the interrupt", err)
	}
	nb.mu.Lock()
	defer nb.mu.Unlock()
	if len(nb.shown) < 3 {
		t.Fatalf("%d displays, want the live view, updates and the plot", len(nb.shown))
	}
	first, last := nb.shown[0], nb.shown[len(nb.shown)-1]
	if first.update || first.id == "" || first.data["text/html"] == nil {
		t.Errorf("first display %+v", first)
	}
	for _, s := range nb.shown[1:] {
		if !s.update || s.id != first.id {
			t.Errorf("display %+v is no update of %s", s, first.id)
		}
	}
	if _, ok := last.data["image/png"]; !ok {
		t.Errorf("the view does not end as a plot: %v", last.data["text/plain"])
	}
}
