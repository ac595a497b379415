package measure

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"gopar/runtime/interrupt"
)

func TestParseProcStat(t *testing.T) {
	fixture, err := os.ReadFile("testdata/proc-stat")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		data    string
		want    []coreTicks
		wantErr string
	}{
		{name: "four cores", data: string(fixture), want: []coreTicks{
			{"cpu0", 935, 3085}, {"cpu1", 420, 2950}, {"cpu2", 310, 2730}, {"cpu3", 115, 2535},
		}},
		{name: "an old kernel's four counters", data: "cpu 10 0 5 85\ncpu0 10 0 5 85\n", want: []coreTicks{{"cpu0", 15, 100}}},
		{name: "guest time is part of user time", data: "cpu0 50 0 0 50 0 0 0 0 40 5\n", want: []coreTicks{{"cpu0", 50, 100}}},
		{name: "only the line of all cores", data: "cpu 1 2 3 4\nintr 5\n", wantErr: "no cpuN lines"},
		{name: "empty", data: "", wantErr: "no cpuN lines"},
		{name: "too few counters", data: "cpu0 1 2 3\n", wantErr: "cpu0 has 3 counters"},
		{name: "not a number", data: "cpu0 1 2 x 4\n", wantErr: "cpu0: counter 3"},
		{name: "names that only look like cores", data: "cpufreq 1 2 3 4\ncpuX 1 2 3 4\ncpu7 1 1 1 1\n", want: []coreTicks{{"cpu7", 3, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseProcStat([]byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
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
}

// processorRecords encodes Windows's per-processor records of idle,
// kernel (idle included) and user times.
func processorRecords(times ...[3]uint64) []byte {
	buf := make([]byte, processorPerformanceSize*len(times))
	for i, tm := range times {
		rec := buf[i*processorPerformanceSize:]
		for j, v := range tm {
			binary.LittleEndian.PutUint64(rec[8*j:], v)
		}
		binary.LittleEndian.PutUint32(rec[40:], 12345) // the interrupt count, ignored
	}
	return buf
}

func TestParseProcessorPerformance(t *testing.T) {
	tests := []struct {
		name    string
		buf     []byte
		want    []coreTicks
		wantErr bool
	}{
		{name: "two processors", buf: processorRecords([3]uint64{700, 800, 200}, [3]uint64{0, 500, 500}),
			want: []coreTicks{{"cpu0", 300, 1000}, {"cpu1", 1000, 1000}}},
		{name: "idle above kernel time", buf: processorRecords([3]uint64{900, 800, 0}), want: []coreTicks{{"cpu0", 0, 800}}},
		{name: "empty", buf: nil, wantErr: true},
		{name: "cut short", buf: processorRecords([3]uint64{1, 2, 3})[:40], wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseProcessorPerformance(tt.buf)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPercentBusy(t *testing.T) {
	tests := []struct {
		name string
		a, b coreTicks
		want float64
	}{
		{"half busy", coreTicks{busy: 100, total: 1000}, coreTicks{busy: 150, total: 1100}, 50},
		{"all busy", coreTicks{busy: 0, total: 0}, coreTicks{busy: 25, total: 25}, 100},
		{"idle", coreTicks{busy: 7, total: 10}, coreTicks{busy: 7, total: 30}, 0},
		{"no time passed", coreTicks{busy: 7, total: 10}, coreTicks{busy: 7, total: 10}, 0},
		{"counters went backwards", coreTicks{busy: 70, total: 100}, coreTicks{busy: 60, total: 90}, 0},
		{"busy went backwards", coreTicks{busy: 70, total: 100}, coreTicks{busy: 60, total: 120}, 0},
		{"busy beyond total", coreTicks{busy: 0, total: 100}, coreTicks{busy: 50, total: 110}, 100},
	}
	for _, tt := range tests {
		if got := percentBusy(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: percentBusy = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// fakeCores makes readCoreTicks give counters that grow at each read by
// the given busy and total steps per core, until the test ends. A core
// whose steps are negative is offline (left out of the read); fail makes
// the reads fail.
type fakeCores struct {
	mu    sync.Mutex
	names []string
	steps [][2]int // busy, total per read
	ticks []coreTicks
	reads int
	fail  error
}

func useFakeCores(t *testing.T, steps ...[2]int) *fakeCores {
	t.Helper()
	f := &fakeCores{steps: steps}
	for i := range steps {
		f.names = append(f.names, "cpu"+string(rune('0'+i)))
		f.ticks = append(f.ticks, coreTicks{name: f.names[i]})
	}
	old := readCoreTicks
	readCoreTicks = f.read
	t.Cleanup(func() { readCoreTicks = old })
	return f
}

func (f *fakeCores) read() ([]coreTicks, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	if f.fail != nil {
		return nil, f.fail
	}
	var out []coreTicks
	for i, s := range f.steps {
		if s[0] < 0 {
			continue
		}
		f.ticks[i].busy += uint64(s[0])
		f.ticks[i].total += uint64(s[1])
		out = append(out, f.ticks[i])
	}
	return out, nil
}

func (f *fakeCores) set(core int, step [2]int, fail error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.steps[core] = step
	f.fail = fail
}

func TestCoreSampler(t *testing.T) {
	f := useFakeCores(t, [2]int{5, 10}, [2]int{10, 10}, [2]int{0, 10})
	s, err := NewCoreSampler()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Names(), []string{"cpu0", "cpu1", "cpu2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Names = %v, want %v", got, want)
	}
	check := func(want ...float64) {
		t.Helper()
		got, err := s.Sample()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Sample = %v, want %v", got, want)
		}
	}
	check(50, 100, 0)
	f.set(1, [2]int{-1, -1}, nil) // cpu1 goes offline
	check(50, 0, 0)
	f.set(1, [2]int{3, 10}, nil) // and comes back: its time offline is no load
	check(50, 30, 0)
	failure := &Error{Op: "NewCoreSampler", Msg: "gone"}
	f.set(0, [2]int{5, 10}, failure)
	if _, err := s.Sample(); !errors.Is(err, failure) {
		t.Errorf("Sample's error = %v, want %v", err, failure)
	}
}

func TestCoreLoadsBadInterval(t *testing.T) {
	useFakeCores(t, [2]int{1, 1})
	for _, interval := range []float64{0, -1, 0.01, 3601, 1e300, math.NaN(), math.Inf(1)} {
		err := catch(func() { CoreLoads(interval) })
		if err == nil || err.Op != "CoreLoads" || !strings.Contains(err.Msg, "give from 0.05 to 3600") {
			t.Errorf("CoreLoads(%v): panic %v, want an *Error asking for 0.05 to 3600 s", interval, err)
		}
		if _, err := StartCoreMonitor(interval); err == nil || !strings.Contains(err.Error(), "measure.StartCoreMonitor: the interval is") {
			t.Errorf("StartCoreMonitor(%v): error %v", interval, err)
		}
	}
}

func TestCoreLoadsUnreadable(t *testing.T) {
	f := useFakeCores(t, [2]int{1, 1})
	f.set(0, [2]int{1, 1}, &Error{Op: "NewCoreSampler", Msg: "per-core load is measured on Linux and Windows only"})
	err := catch(func() { CoreLoads(0.05) })
	if err == nil || err.Op != "CoreLoads" || !strings.Contains(err.Msg, "Linux and Windows only") {
		t.Errorf("CoreLoads: panic %v", err)
	}
	err = catch(func() { MonitorCores(func() { t.Error("f ran") }, 0.1) })
	if err == nil || err.Op != "MonitorCores" || !strings.Contains(err.Msg, "Linux and Windows only") {
		t.Errorf("MonitorCores: panic %v", err)
	}
}

// TestCoreLoadsInterrupted: the interrupt button ends the wait at once.
func TestCoreLoadsInterrupted(t *testing.T) {
	useFakeCores(t, [2]int{1, 2})
	ctx, cancel := context.WithCancel(context.Background())
	defer interrupt.SetContext(ctx)()
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	loads := CoreLoads(60)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("CoreLoads took %v after the interrupt", d)
	}
	if len(loads) != 1 || loads[0] != 50 {
		t.Errorf("loads %v", loads)
	}
}

// catch returns the *Error f panics with, nil if it returns.
func catch(f func()) (e *Error) {
	defer func() {
		if r := recover(); r != nil {
			var ok bool
			if e, ok = r.(*Error); !ok {
				panic(r)
			}
		}
	}()
	f()
	return nil
}

// TestCoreLoadsOfThisMachine measures the real cores while this test keeps
// every one of them busy. Other work on the machine only adds load.
func TestCoreLoadsOfThisMachine(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "windows" {
		if _, err := NewCoreSampler(); err == nil || !strings.Contains(err.Error(), runtime.GOOS) {
			t.Errorf("NewCoreSampler on %s: error %v, want one naming the platform", runtime.GOOS, err)
		}
		return
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	loads := CoreLoads(0.3)
	close(stop)
	wg.Wait()
	if len(loads) < runtime.NumCPU() {
		t.Fatalf("%d loads for %d CPUs: %v", len(loads), runtime.NumCPU(), loads)
	}
	sum := 0.0
	for _, l := range loads {
		if l < 0 || l > 100 {
			t.Errorf("load %v out of 0..100: %v", l, loads)
		}
		sum += l
	}
	t.Logf("loads with every CPU busy: %v", loads)
	if mean := sum / float64(len(loads)); mean < 50 {
		t.Errorf("mean load %.0f%% with every CPU busy: %v", mean, loads)
	}
}
