package eval

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// bigLen is the length of the slices the cells below make, to find them
// among the frame's slots.
const bigLen = 3 << 20

// slotsHolding counts the global frame's slots that hold a []byte of
// length n.
func slotsHolding(t *testing.T, s *Session, n int) int {
	t.Helper()
	if !s.frame.ok {
		t.Fatal("the interpreter's global frame is out of reach: yaegi's internals changed, see temporaries.go")
	}
	count := 0
	for _, v := range *s.frame.data {
		if v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 && v.Len() == n {
			count++
		}
	}
	return count
}

func TestTemporariesAreCollected(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	cells := []struct {
		code      string
		wantSlots int // slots holding a bigLen slice after the cell
	}{
		{"len(make([]byte, 3<<20))", 0},
		{"n := len(make([]byte, 3<<20)) + 1", 0},
		{"keep := make([]byte, 3<<20)", 1},
		{"for i := 0; i < 2; i++ { _ = len(make([]byte, 3<<20)) }", 1},
		{"var kept = append(make([]byte, 0, 3<<20), make([]byte, 3<<20)...)", 2},
		{"func size() int { b := make([]byte, 3<<20); return len(b) }\nsize()", 2},
		// A pointer to a composite literal points at the literal's slot.
		{"pt := &image.Point{3, 4}\nr := &image.Rectangle{Max: image.Point{1, 2}}", 2},
	}
	for i, c := range cells {
		if _, err := s.Run(ctx, i+1, c.code); err != nil {
			t.Fatalf("In [%d] %q: %v", i+1, c.code, err)
		}
		if got := slotsHolding(t, s, bigLen); got != c.wantSlots {
			t.Errorf("after In [%d] %q: %d frame slots hold a %d-byte slice, want %d", i+1, c.code, got, bigLen, c.wantSlots)
		}
	}
	// Named values, and the packages cells imported, keep working.
	runAfter := []struct{ code, want string }{
		{"len(keep) + len(kept) + n", "9437185"},
		{"slices.Max([]int{3, 9, 4})", "9"},
		{"strings.Repeat(\"ab\", 2)", "\"abab\""},
		{"fmt.Sprint(pt, r)", "\"(3,4) (0,0)-(1,2)\""},
	}
	for i, c := range runAfter {
		b, err := s.Run(ctx, 10+i, c.code)
		if err != nil {
			t.Fatalf("%q: %v", c.code, err)
		}
		if got, _ := b.Data["text/plain"].(string); got != c.want {
			t.Errorf("%q = %s, want %s", c.code, got, c.want)
		}
	}
}

// TestSyntaxTreesForgotten: the interpreter's list of compiled trees stays
// empty, so that cells' trees do not pile up over a long session, and
// what the cells declared keeps working.
func TestSyntaxTreesForgotten(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	if !s.frame.roots.IsValid() {
		t.Fatal("the interpreter's list of roots is out of reach: yaegi's internals changed, see forgetRoots")
	}
	for n, code := range []string{"x := 1", "func inc(v int) int { return v + 1 }", "type pair struct{ a, b int }", "x = inc(x)", "p := pair{x, 2}"} {
		if _, err := s.Run(ctx, n+1, code); err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if l := s.frame.roots.Len(); l != 0 {
			t.Fatalf("after %q the interpreter keeps %d trees", code, l)
		}
	}
	b, err := s.Run(ctx, 9, "p.a + p.b + inc(0)")
	if err != nil || b == nil || b.Data["text/plain"] != "5" {
		t.Fatalf("p.a + p.b + inc(0) = %v, %v; want 5", b, err)
	}
}

// TestTemporariesAfterAnInterrupt: an interrupted cell's slots are left
// alone (its goroutine may still write them), and later cells' temporaries
// are cleared as before.
func TestTemporariesAfterAnInterrupt(t *testing.T) {
	s := newSession(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := s.Run(ctx, 1, "b := len(make([]byte, 3<<20))\nfor {\n}"); err == nil {
		t.Fatal("the endless loop was not interrupted")
	}
	held := slotsHolding(t, s, bigLen)
	if held != 1 {
		t.Errorf("after the interrupt %d slots hold the interrupted cell's %d-byte slice, want it left alone in 1", held, bigLen)
	}
	if _, err := s.Run(context.Background(), 2, "len(make([]byte, 3<<20))"); err != nil {
		t.Fatal(err)
	}
	if got := slotsHolding(t, s, bigLen); got != held {
		t.Errorf("after the interrupt %d slots held a %d-byte slice, after the next cell %d", held, bigLen, got)
	}
}
