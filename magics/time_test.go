package magics

import (
	"context"
	"errors"
	"regexp"
	"runtime"
	"testing"
	"time"
)

// fakeClocks makes %time's clocks step by the given amounts between the
// reading before the code and the one after it.
func fakeClocks(t *testing.T, user, sys, wall float64) {
	t.Helper()
	oldNow, oldCPU := timeNow, cpuClock
	t.Cleanup(func() { timeNow, cpuClock = oldNow, oldCPU })
	start := time.Unix(1000, 0)
	nowCalls, cpuCalls := 0, 0
	timeNow = func() time.Time {
		nowCalls++
		if nowCalls%2 == 1 {
			return start
		}
		return start.Add(time.Duration(wall * float64(time.Second)))
	}
	cpuClock = func() (float64, float64, bool) {
		cpuCalls++
		if cpuCalls%2 == 1 {
			return 0, 0, true
		}
		return user, sys, true
	}
}

// The expected lines are IPython 8.5's for the same times.
func TestTimeOutput(t *testing.T) {
	fakeClocks(t, 1.2134, 0.0124, 1.25)
	env := newFakeEnv()
	m, _ := Lookup("time")
	res, err := m.Line(context.Background(), env, "show(f())", 3)
	if err != nil {
		t.Fatal(err)
	}
	want := "CPU times: user 1.21 s, sys: 12.4 ms, total: 1.23 s\nWall time: 1.25 s\n"
	if got := env.stdout.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if res == nil || res.Display == nil || res.Display.Data["text/plain"] != "show(f())" {
		t.Errorf("the value of the expression is not the result: %+v", res)
	}
	if res.Value != nil {
		t.Errorf("%%time gave a value: %v", res.Value)
	}
	if len(env.runs) != 1 || env.runs[0] != (runCall{"show(f())", 3}) {
		t.Errorf("runs = %+v", env.runs)
	}
}

// TestTimeWithoutCPUClock: where the process's CPU time cannot be read
// (cputime_other.go), %time shows the wall time alone.
func TestTimeWithoutCPUClock(t *testing.T) {
	fakeClocks(t, 1, 1, 1.25)
	cpuClock = func() (float64, float64, bool) { return 0, 0, false }
	env := newFakeEnv()
	if _, err := RunCell(context.Background(), env, "%time f()"); err != nil {
		t.Fatal(err)
	}
	if got, want := env.stdout.String(), "Wall time: 1.25 s\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
}

func TestTimeRealClocks(t *testing.T) {
	env := newFakeEnv()
	if _, err := RunCell(context.Background(), env, "%time f()"); err != nil {
		t.Fatal(err)
	}
	cpuLine := `CPU times: user [0-9.e+]+ (s|ms|µs|ns), sys: [0-9.e+]+ (s|ms|µs|ns), total: [0-9.e+]+ (s|ms|µs|ns)\n`
	// The CPU times come from getrusage on Unix (cputime_unix.go) and
	// GetProcessTimes on Windows (cputime_windows.go); elsewhere
	// (cputime_other.go) %time shows the wall time alone.
	_, _, haveCPU := cpuTimes()
	switch runtime.GOOS {
	case "linux", "darwin", "windows":
		if !haveCPU {
			t.Errorf("no CPU times on %s", runtime.GOOS)
		}
	}
	if !haveCPU {
		cpuLine = ""
	}
	re := regexp.MustCompile(`^` + cpuLine + `Wall time: [0-9.e+]+ (s|ms|µs|ns)\n$`)
	if !re.MatchString(env.stdout.String()) {
		t.Errorf("output %q", env.stdout.String())
	}
}

func TestTimeError(t *testing.T) {
	env := newFakeEnv()
	boom := errors.New("boom")
	env.errs["panic(1)"] = boom
	_, err := RunCell(context.Background(), env, "%time panic(1)")
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if env.stdout.Len() != 0 {
		t.Errorf("timing printed for a failed statement: %q", env.stdout.String())
	}
}

func TestTimeUsage(t *testing.T) {
	fakeClocks(t, 0, 0, 0)
	for _, c := range []struct {
		cell    string
		wantErr string
		runs    []runCall
	}{
		{cell: "%time", wantErr: "UsageError: %time needs a statement to time, as in: %time f()"},
		{cell: "%time   ", wantErr: "UsageError: %time needs a statement to time, as in: %time f()"},
		{cell: "%%time x := 1\ny := 2", wantErr: "UsageError: Can't use statement directly after '%%time'!"},
		{cell: "%%time\nx := 1\ny := 2", runs: []runCall{{"x := 1\ny := 2", 2}}},
		{cell: "\n%%time x := 1\n", runs: []runCall{{"x := 1", 2}}},
	} {
		env := newFakeEnv()
		_, err := RunCell(context.Background(), env, c.cell)
		if c.wantErr != "" {
			if err == nil || err.Error() != c.wantErr {
				t.Errorf("%q: err = %v, want %s", c.cell, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.cell, err)
			continue
		}
		if len(env.runs) != len(c.runs) || (len(c.runs) > 0 && env.runs[0] != c.runs[0]) {
			t.Errorf("%q: runs %+v, want %+v", c.cell, env.runs, c.runs)
		}
		if want := "CPU times: user 0 ns, sys: 0 ns, total: 0 ns\nWall time: 0 ns\n"; env.stdout.String() != want {
			t.Errorf("%q: output %q", c.cell, env.stdout.String())
		}
	}
}

func TestTimeAssignIsUsageError(t *testing.T) {
	fakeClocks(t, 0, 0, 0)
	env := newFakeEnv()
	_, err := RunCell(context.Background(), env, "t := %time f()")
	if err == nil || err.Error() != "UsageError: %time has no value to assign; use %timeit -o" {
		t.Errorf("err = %v", err)
	}
}
