package kernel

import (
	"strings"
	"testing"
)

func TestStreamBudget(t *testing.T) {
	b := &streamBudget{limit: 10}
	steps := []struct {
		text, pass string
		noted      bool
	}{
		{"abcd", "abcd", false},
		{"efgh", "efgh", false},
		{"ijklmn", "ij", true}, // the limit falls inside: the start passes, one note
		{"more", "", false},    // after the cut: nothing, no second note
	}
	for i, st := range steps {
		pass, note := b.take(st.text)
		if pass != st.pass || (note != "") != st.noted {
			t.Fatalf("step %d: take(%q) = %q, note %q; want %q, noted %v", i, st.text, pass, note, st.pass, st.noted)
		}
		if note != "" && !strings.Contains(note, "GOPAR_OUTPUT_LIMIT") {
			t.Errorf("the note does not say how to change the limit: %q", note)
		}
	}
	b.reset()
	if pass, _ := b.take("next cell"); pass != "next cell" {
		t.Errorf("a new cell starts with the whole budget, got %q", pass)
	}
	unlimited := &streamBudget{}
	if pass, note := unlimited.take(strings.Repeat("x", 1<<20)); len(pass) != 1<<20 || note != "" {
		t.Error("limit 0 must pass everything")
	}
}

func TestOutputLimitFromEnv(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want int64
	}{{"", DefaultOutputLimit}, {"0", 0}, {"2048", 2048}, {"lots", DefaultOutputLimit}, {"-5", DefaultOutputLimit}} {
		t.Setenv("GOPAR_OUTPUT_LIMIT", tt.env)
		if got := outputLimitFromEnv(); got != tt.want {
			t.Errorf("GOPAR_OUTPUT_LIMIT=%q: %d, want %d", tt.env, got, tt.want)
		}
	}
}
