package da

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gopar/runtime/internal/progress/progresstest"
)

// slow is a computation of about 150 ms, of 30 chunks.
func slow(opts ...ComputeOption) error {
	opts = append(opts, Workers(1))
	_, err := Normal(1, 0, 1, 6_000_000, Chunks(200_000)).Sum().Compute(opts...)
	return err
}

func TestProgressTerminal(t *testing.T) {
	progresstest.RunTerminal(t, &progressConfig, []progresstest.Case{
		{Name: "long", After: 30 * time.Millisecond, Run: func() error { return slow() },
			Want: `^\r\[##########\] 100% 30/30 chunks \d+\.\d s\n$`},
		{Name: "quick", After: 30 * time.Millisecond, Run: func() error { _, err := Arange(1000).Sum().Compute(); return err }},
		{Name: "no progress", After: 30 * time.Millisecond, Run: func() error { return slow(Progress(false)) }},
		{Name: "interrupted", After: time.Millisecond, Run: func() error {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			if _, err := Normal(1, 0, 1, 1<<32, Chunks(1<<20)).Sum().Compute(Context(ctx)); err == nil {
				return errors.New("not interrupted")
			}
			return nil
		}, Want: `^\r\[[# ]{10}\] \d+% \d+/4096 chunks \d+\.\d s interrupted\n$`},
	})
}

func TestProgressNotebook(t *testing.T) {
	pub, out := progresstest.Notebook(t, &progressConfig, 30*time.Millisecond)
	if err := slow(); err != nil {
		t.Fatal(err)
	}
	last := progresstest.CheckNotebook(t, pub, out)
	if !strings.HasSuffix(last.Text, "] 100% 30/30 chunks "+last.Text[len(last.Text)-5:]) || !strings.Contains(last.HTML, `<progress value="30" max="30"`) {
		t.Fatalf("last display %+v", last)
	}
}
