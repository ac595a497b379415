package delayed

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gopar/runtime/internal/progress/progresstest"
)

// sleepy is a graph of 8 tasks of 20 ms and a gather; fail makes its last
// task fail, after 60 ms.
func sleepy(fail bool) *Delayed {
	ds := make([]*Delayed, 8)
	for i := range ds {
		ds[i] = Call(func(i int) (int, error) {
			if fail && i == 7 {
				time.Sleep(60 * time.Millisecond)
				return 0, errOdd
			}
			time.Sleep(20 * time.Millisecond)
			return i, nil
		}, i)
	}
	return Gather(ds...)
}

func TestProgressTerminal(t *testing.T) {
	progresstest.RunTerminal(t, &progressConfig, []progresstest.Case{
		{Name: "long", After: 10 * time.Millisecond, Run: func() error { _, err := sleepy(false).Compute(); return err },
			Want: `^\r\[##########\] 100% 9/9 tasks \d+\.\d s\n$`},
		{Name: "quick", After: time.Second, Run: func() error { _, err := sleepy(false).Compute(); return err }},
		{Name: "failed", After: 10 * time.Millisecond, Run: func() error {
			_, err := sleepy(true).Compute()
			if !errors.Is(err, errOdd) {
				return err
			}
			return nil
		}, Want: `^\r\[[# ]{10}\] \d+% \d/9 tasks \d+\.\d s failed\n$`},
		{Name: "interrupted", After: 10 * time.Millisecond, Run: func() error {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			_, err := ComputeContext(ctx, sleepy(false))
			if !errors.Is(err, context.DeadlineExceeded) {
				return err
			}
			return nil
		}, Want: `^\r\[[# ]{10}\] \d+% \d/9 tasks \d+\.\d s interrupted\n$`},
	})
}

func TestProgressNotebook(t *testing.T) {
	pub, out := progresstest.Notebook(t, &progressConfig, 10*time.Millisecond)
	if _, err := sleepy(false).Compute(); err != nil {
		t.Fatal(err)
	}
	last := progresstest.CheckNotebook(t, pub, out)
	if !strings.Contains(last.Text, "] 100% 9/9 tasks") || !strings.Contains(last.HTML, `<progress value="9" max="9"`) {
		t.Fatalf("last display %+v", last)
	}
}
