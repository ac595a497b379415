package history

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func record(t *testing.T, s *Store, line int, input, output string) {
	t.Helper()
	ctx := context.Background()
	if err := s.Record(ctx, line, input); err != nil {
		t.Fatalf("Record(%d): %v", line, err)
	}
	if output != "" {
		if err := s.SetOutput(ctx, line, output); err != nil {
			t.Fatalf("SetOutput(%d): %v", line, err)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // os.UserHomeDir on Windows
	t.Setenv("GOPAR_HISTORY", filepath.Join(home, "x", "h.db"))
	if got, err := DefaultPath(); err != nil || got != filepath.Join(home, "x", "h.db") {
		t.Errorf("with GOPAR_HISTORY: %q, %v", got, err)
	}
	t.Setenv("GOPAR_HISTORY", "")
	got, err := DefaultPath()
	want := filepath.Join(dataHome(runtime.GOOS, os.Getenv, home), "gopar", "history.sqlite")
	if err != nil || got != want {
		t.Errorf("DefaultPath() = %q, %v; want %q", got, err, want)
	}
}

// TestDataHome: each platform's place for application data, tested on any.
func TestDataHome(t *testing.T) {
	home := filepath.FromSlash("/home/u")
	abs := t.TempDir() // absolute on every system
	tests := []struct {
		goos string
		env  map[string]string
		home string
		want string
	}{
		{"linux", map[string]string{"XDG_DATA_HOME": abs}, home, abs},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative"}, home, filepath.Join(home, ".local", "share")},
		{"linux", nil, home, filepath.Join(home, ".local", "share")},
		{"freebsd", nil, home, filepath.Join(home, ".local", "share")},
		{"linux", nil, "", ""},
		{"darwin", map[string]string{"XDG_DATA_HOME": abs}, home, filepath.Join(home, "Library", "Application Support")},
		{"windows", map[string]string{"LOCALAPPDATA": abs, "APPDATA": "roaming"}, home, abs},
		{"windows", nil, home, filepath.Join(home, "AppData", "Local")},
		{"windows", nil, "", ""},
	}
	for _, tt := range tests {
		got := dataHome(tt.goos, func(k string) string { return tt.env[k] }, tt.home)
		if got != tt.want {
			t.Errorf("dataHome(%s, %v, %q) = %q, want %q", tt.goos, tt.env, tt.home, got, tt.want)
		}
	}
}

func TestOpenCreates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	name := "h?#%.sqlite" // characters a URI would misread
	if runtime.GOOS == "windows" {
		name = "h#%.sqlite" // Windows file names cannot hold '?'
	}
	path := filepath.Join(dir, name)
	s := open(t, path)
	record(t, s, 1, "x := 1", "")
	if runtime.GOOS == "windows" {
		// Windows has no Unix permission bits: Mode().Perm() shows only
		// the read-only attribute.
		if es, _ := os.ReadDir(dir); len(es) == 0 || !strings.HasPrefix(es[0].Name(), name) {
			t.Errorf("files in %s: %v", dir, es)
		}
		return
	}
	for _, c := range []struct {
		path string
		mode os.FileMode
	}{{dir, 0o700}, {path, 0o600}} {
		fi, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm() &^ 0o022; got != c.mode&^0o022 {
			t.Errorf("%s: mode %v, want %v", c.path, fi.Mode().Perm(), c.mode)
		}
	}
	if es, _ := os.ReadDir(dir); len(es) == 0 || !strings.HasPrefix(es[0].Name(), name) {
		t.Errorf("files in %s: %v", dir, es)
	}
}

func TestOpenError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	notDB := filepath.Join(t.TempDir(), "junk")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(file, "h.sqlite"), notDB} {
		s, err := Open(context.Background(), path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded", path)
			continue
		}
		if !strings.HasPrefix(err.Error(), "history: ") {
			t.Errorf("Open(%s): error %q lacks context", path, err)
		}
	}
}

func TestSessions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.sqlite")
	ctx := context.Background()
	var want []int
	var got []int
	// Closed ones and open ones alike take the next number.
	for i := 1; i <= 3; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.Session())
		want = append(want, i)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	}
	a, b := open(t, path), open(t, path)
	got = append(got, a.Session(), b.Session())
	want = append(want, 4, 5)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sessions %v, want %v", got, want)
	}
}

func TestRecord(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "h.sqlite"))
	record(t, s, 1, "a", "A")
	record(t, s, 2, "b", "B")
	// A second run under the same count replaces input and output.
	record(t, s, 1, "a2", "")
	if err := s.SetOutput(ctx, 2, "B2"); err != nil {
		t.Fatal(err)
	}
	err := s.SetOutput(ctx, 9, "nothing")
	if err == nil || !strings.HasPrefix(err.Error(), "history: ") {
		t.Errorf("SetOutput of an unrecorded line: %v", err)
	}
	got, err := s.Range(ctx, 0, 0, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{1, 1, "a2", ""}, {1, 2, "b", "B2"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Record(ctx, 3, "c"); err == nil {
		t.Error("Record after Close succeeded")
	}
}

// fill makes three sessions and returns the third, open.
//
//	session 1: 1 "a = 1" (out "1")   2 "print(a)"   3 "b = 2" (out "2")
//	session 2: 1 "print(a)"          2 "c = [3]" (out "[3]")
//	session 3: 1 "a = 1" (out "one") 2 "d?"
func fill(t *testing.T) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "h.sqlite")
	cells := [][][2]string{
		{{"a = 1", "1"}, {"print(a)", ""}, {"b = 2", "2"}},
		{{"print(a)", ""}, {"c = [3]", "[3]"}},
		{{"a = 1", "one"}, {"d?", ""}},
	}
	var s *Store
	for i, session := range cells {
		s = open(t, path)
		if s.Session() != i+1 {
			t.Fatalf("session %d, want %d", s.Session(), i+1)
		}
		for j, c := range session {
			record(t, s, j+1, c[0], c[1])
		}
		if i < len(cells)-1 {
			s.Close()
		}
	}
	return s
}

// brief is entries as "session/line:input=output".
func brief(es []Entry) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%d/%d:%s", e.Session, e.Line, e.Input)
		if e.Output != "" {
			b.WriteString("=" + e.Output)
		}
	}
	return b.String()
}

func TestTail(t *testing.T) {
	s := fill(t)
	tests := []struct {
		n      int
		output bool
		want   string
	}{
		{1, false, "3/2:d?"},
		{3, false, "2/2:c = [3] 3/1:a = 1 3/2:d?"},
		{3, true, "2/2:c = [3]=[3] 3/1:a = 1=one 3/2:d?"},
		{0, false, "1/1:a = 1 1/2:print(a) 1/3:b = 2 2/1:print(a) 2/2:c = [3] 3/1:a = 1 3/2:d?"},
		{-1, true, "1/1:a = 1=1 1/2:print(a) 1/3:b = 2=2 2/1:print(a) 2/2:c = [3]=[3] 3/1:a = 1=one 3/2:d?"},
		{100, false, "1/1:a = 1 1/2:print(a) 1/3:b = 2 2/1:print(a) 2/2:c = [3] 3/1:a = 1 3/2:d?"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("n=%d,output=%v", tt.n, tt.output), func(t *testing.T) {
			es, err := s.Tail(context.Background(), tt.n, tt.output)
			if err != nil {
				t.Fatal(err)
			}
			if got := brief(es); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestRange(t *testing.T) {
	s := fill(t)
	tests := []struct {
		session, start, stop int
		output               bool
		want                 string
	}{
		{0, 0, 0, false, "3/1:a = 1 3/2:d?"},             // current session, all of it
		{3, 1, 0, true, "3/1:a = 1=one 3/2:d?"},          // the same by number
		{-1, 0, 0, true, "2/1:print(a) 2/2:c = [3]=[3]"}, // previous
		{-2, 2, 0, false, "1/2:print(a) 1/3:b = 2"},
		{1, 2, 3, true, "1/2:print(a)"}, // stop excluded
		{1, 0, 3, true, "1/1:a = 1=1 1/2:print(a)"},
		{1, 3, 3, false, ""},
		{1, 4, 0, false, ""},
		{-3, 0, 0, false, ""}, // before the first session
		{-7, 0, 0, false, ""},
		{9, 0, 0, false, ""}, // not yet
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d[%d:%d]", tt.session, tt.start, tt.stop), func(t *testing.T) {
			es, err := s.Range(context.Background(), tt.session, tt.start, tt.stop, tt.output)
			if err != nil {
				t.Fatal(err)
			}
			if got := brief(es); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	s := fill(t)
	tests := []struct {
		pattern string
		n       int
		unique  bool
		output  bool
		want    string
	}{
		{"*", 0, false, false, "1/1:a = 1 1/2:print(a) 1/3:b = 2 2/1:print(a) 2/2:c = [3] 3/1:a = 1 3/2:d?"},
		{"*", 2, false, false, "3/1:a = 1 3/2:d?"},
		{"*", 0, true, false, "1/3:b = 2 2/1:print(a) 2/2:c = [3] 3/1:a = 1 3/2:d?"},
		{"*", 3, true, true, "2/2:c = [3]=[3] 3/1:a = 1=one 3/2:d?"},
		{"print*", 0, false, false, "1/2:print(a) 2/1:print(a)"},
		{"print*", 0, true, false, "2/1:print(a)"},
		{"print", 0, false, false, ""}, // the whole input must match
		{"*=*", 0, false, true, "1/1:a = 1=1 1/3:b = 2=2 2/2:c = [3]=[3] 3/1:a = 1=one"},
		{"? = ?", 1, false, false, "3/1:a = 1"},
		{"[ab] = *", 0, true, false, "1/3:b = 2 3/1:a = 1"},
		{"*[[]3]", 0, false, false, "2/2:c = [3]"},
		{"d[?]", 0, false, false, "3/2:d?"},
		{"A*", 0, false, false, ""}, // case matters, as with GLOB
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s,n=%d,unique=%v", tt.pattern, tt.n, tt.unique), func(t *testing.T) {
			es, err := s.Search(context.Background(), tt.pattern, tt.n, tt.unique, tt.output)
			if err != nil {
				t.Fatal(err)
			}
			if got := brief(es); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestConcurrent has several stores, as kernels would, open the same new
// file at once and write to it at once.
func TestConcurrent(t *testing.T) {
	const stores, lines = 8, 150
	path := filepath.Join(t.TempDir(), "h.sqlite")
	ctx := context.Background()
	sessions := make([]int, stores)
	errs := make(chan error, stores)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() {
			s, err := Open(ctx, path)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			sessions[i] = s.Session()
			for n := 1; n <= lines; n++ {
				if err := s.Record(ctx, n, fmt.Sprintf("s%d line %d", s.Session(), n)); err != nil {
					errs <- err
					return
				}
				if n%3 == 0 {
					if err := s.SetOutput(ctx, n, strconv.Itoa(n)); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	s := open(t, path)
	if s.Session() != stores+1 {
		t.Errorf("next session %d, want %d", s.Session(), stores+1)
	}
	seen := map[int]bool{}
	for _, n := range sessions {
		if n < 1 || n > stores || seen[n] {
			t.Fatalf("sessions %v: not distinct numbers 1..%d", sessions, stores)
		}
		seen[n] = true
	}
	all, err := s.Tail(ctx, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != stores*lines {
		t.Errorf("%d entries, want %d", len(all), stores*lines)
	}
	for n := 1; n <= stores; n++ {
		es, err := s.Range(ctx, n, 0, 0, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != lines {
			t.Fatalf("session %d: %d entries, want %d", n, len(es), lines)
		}
		for i, e := range es {
			want := Entry{n, i + 1, fmt.Sprintf("s%d line %d", n, i+1), ""}
			if (i+1)%3 == 0 {
				want.Output = strconv.Itoa(i + 1)
			}
			if e != want {
				t.Fatalf("got %+v, want %+v", e, want)
			}
		}
	}
}

const helperEnv = "GOPAR_HISTORY_TEST_WRITER"

// TestHelperWriter is not a test: it is the writer process TestKilledWriter
// runs and kills. It records lines into the file named by $helperEnv and
// reports each on stdout once it is stored.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("the writer process of TestKilledWriter")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	// Bounded, so that a writer whose parent died does not run on.
	deadline := time.Now().Add(30 * time.Second)
	for n := 1; time.Now().Before(deadline); n++ {
		if err := s.Record(ctx, n, fmt.Sprintf("cell %d", n)); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		if err := s.SetOutput(ctx, n, fmt.Sprintf("out %d", n)); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println(n)
	}
	os.Exit(1)
}

// TestKilledWriter kills a writing process with SIGKILL and checks that what
// it had stored is intact and the file still takes new sessions.
func TestKilledWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.sqlite")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Let it write a good number of lines, then kill it wherever it is.
	const some = 200
	reported := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		n, err := strconv.Atoi(sc.Text())
		if err != nil {
			t.Errorf("writer: %s", sc.Text())
			continue
		}
		reported = n
		if n >= some {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	if reported < some {
		t.Fatalf("writer reported %d lines before it ended, want %d", reported, some)
	}

	ctx := context.Background()
	s := open(t, path)
	if s.Session() != 2 {
		t.Errorf("session after the killed one: %d, want 2", s.Session())
	}
	var check string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	es, err := s.Range(ctx, -1, 0, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	// Every reported line is there; lines stored after the last report may
	// be too, the last of them maybe without its output.
	if len(es) < reported {
		t.Fatalf("%d entries, want at least %d", len(es), reported)
	}
	for i, e := range es {
		want := Entry{1, i + 1, fmt.Sprintf("cell %d", i+1), fmt.Sprintf("out %d", i+1)}
		if i == len(es)-1 && i+1 > reported && e.Output == "" {
			want.Output = ""
		}
		if e != want {
			t.Fatalf("entry %d: got %+v, want %+v", i, e, want)
		}
	}

	record(t, s, 1, "after", "ok")
	tail, err := s.Tail(ctx, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(tail) != 2 || tail[1] != (Entry{2, 1, "after", "ok"}) || tail[0].Session != 1 {
		t.Errorf("tail after the kill: %+v", tail)
	}
}
