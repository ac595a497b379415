package native

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func panics(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestStop(t *testing.T) {
	if Token() != &never {
		t.Fatal("a Stop outside cells")
	}
	s, end := Begin()
	if Token() != s {
		t.Fatal("the cell's Stop is not the running one")
	}
	if v := panics(s.Check); v != nil {
		t.Fatalf("Check panicked before the interrupt: %v", v)
	}
	s.Trip()
	if v := panics(s.Check); v != (Interrupted{}) {
		t.Fatalf("Check after the interrupt: %v, want Interrupted", v)
	}
	end()
	if Token() != &never {
		t.Fatal("the cell's Stop outlived the cell")
	}
	if v := panics(s.Check); v != (Interrupted{}) {
		t.Fatal("a tripped Stop came back")
	}
	if v := panics(Token().Check); v != nil {
		t.Fatalf("Check outside cells: %v", v)
	}
}

func TestRecover(t *testing.T) {
	var got []any
	PanicHandler = func(r any, stack []byte) {
		if !strings.Contains(string(stack), "TestRecover") {
			t.Errorf("the stack given to PanicHandler misses the goroutine's frames:\n%s", stack)
		}
		got = append(got, r)
	}
	defer func() { PanicHandler = nil }()
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer Recover()
		panic(Interrupted{})
	}()
	<-done
	done = make(chan struct{})
	go func() {
		defer close(done)
		defer Recover()
		var m map[string]int
		m["x"] = 1
	}()
	<-done
	if len(got) != 1 || !strings.Contains(fmt.Sprint(got[0]), "nil map") {
		t.Errorf("PanicHandler got %v, want the nil map panic only (an interrupt ends quietly)", got)
	}
}

func TestRecursionErrorMessage(t *testing.T) {
	for _, n := range []int{0, 7, 200_000} {
		want := fmt.Sprintf("maximum recursion depth exceeded: %d calls deep", n)
		if got := (RecursionError{n}).Error(); !strings.HasPrefix(got, want) {
			t.Errorf("RecursionError{%d}: %q", n, got)
		}
	}
}

func TestRecovered(t *testing.T) {
	err := errors.New("boom")
	for _, tt := range []struct{ in, want any }{
		{err, err}, {reflect.ValueOf(err), err}, {nil, nil}, {reflect.Value{}, reflect.Value{}}, {42, 42},
	} {
		if got := Recovered(tt.in); got != tt.want {
			t.Errorf("Recovered(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDeeper(t *testing.T) {
	if v := panics(func() { Deeper(RecursionLimit) }); v != nil {
		t.Fatalf("Deeper at the limit: %v", v)
	}
	if v := panics(func() { Deeper(RecursionLimit + 1) }); v != (RecursionError{RecursionLimit}) {
		t.Fatalf("Deeper past the limit: %v", v)
	}
}

func TestLen(t *testing.T) {
	var asked []string
	AllocCheck = func(n, size int, of string) error {
		asked = append(asked, fmt.Sprintf("%d %d %s", n, size, of))
		if n*size > 1<<40 {
			return errors.New("too much")
		}
		return nil
	}
	defer func() { AllocCheck = nil }()
	if got := Len(10, 8, "[]int64"); got != 10 {
		t.Errorf("Len(10) = %d", got)
	}
	if got := Len(-1, 8, "[]int64"); got != -1 {
		t.Errorf("Len(-1) = %d: make must see the negative length and panic as Go does", got)
	}
	if got := Len(1<<30, 8, "[]int64"); got != 1<<30 {
		t.Errorf("Len(1<<30) = %d", got)
	}
	if v := panics(func() { Len(1<<40, 8, "[]int64") }); v == nil || v.(error).Error() != "too much" {
		t.Errorf("Len past the check: panic %v, want AllocCheck's error", v)
	}
	// Small requests do not ask.
	want := []string{"1073741824 8 []int64", "1099511627776 8 []int64"}
	if !slices.Equal(asked, want) {
		t.Errorf("AllocCheck asked for %q, want %q", asked, want)
	}
}
