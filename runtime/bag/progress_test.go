package bag

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gopar/runtime/internal/progress/progresstest"
	"gopar/runtime/interrupt"
)

func slowly(x int) int { time.Sleep(10 * time.Millisecond); return x }

func TestProgressOnTerminal(t *testing.T) {
	progresstest.RunTerminal(t, &progressConfig, []progresstest.Case{
		{Name: "long", After: 20 * time.Millisecond, Run: func() error { _, err := FromSequence(make([]int, 20), 0).Map(slowly).Compute(); return err },
			Want: `^\r\[##########\] 100% 20/20 partitions \d+\.\d s\n$`},
		{Name: "quick", After: 20 * time.Millisecond, Run: func() error { _, err := FromSequence(make([]int, 3), 0).Compute(); return err }},
		{Name: "stopped", After: 20 * time.Millisecond, Run: func() error {
			ctx, cancel := context.WithCancel(context.Background())
			defer interrupt.SetContext(ctx)()
			time.AfterFunc(100*time.Millisecond, cancel)
			if _, err := FromSequence(make([]int, 1000), 0).Map(slowly).Compute(); err == nil {
				return errors.New("not interrupted")
			}
			return nil
		}, Want: `^\r\[[# ]{10}\] \d+% \d+/\d+ partitions \d+\.\d s stopped\n$`},
	})
}

func TestProgressInNotebook(t *testing.T) {
	pub, out := progresstest.Notebook(t, &progressConfig, 20*time.Millisecond)
	if _, err := FromSequence(make([]int, 10), 0).Map(slowly).Sum().Compute(); err != nil {
		t.Fatal(err)
	}
	last := progresstest.CheckNotebook(t, pub, out)
	if !strings.HasPrefix(last.Text, "[##########] 100% 10/10 partitions") ||
		!strings.Contains(last.HTML, `<progress value="10" max="10"`) {
		t.Errorf("last display %+v", last)
	}
}
