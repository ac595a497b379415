package capture

import (
	"strings"
	"testing"
)

func TestHeldBack(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"plain ASCII", "hello\n", 0},
		{"ASCII without newline", "abc", 0},
		{"NUL alone is a marker prefix", "\x00", 1},
		{"two-byte marker prefix", "abc\x00\x1b", 2},
		{"long marker prefix", "abc" + string(marker[:len(marker)-1]), len(marker) - 1},
		{"marker prefix without text before", string(marker[:5]), 5},
		{"marker prefix broken", "\x00\x1bgopar-X", 0},
		{"ESC alone is no marker prefix", "abc\x1b", 0},
		{"first byte of é", "caf\xc3", 1},
		{"complete é", "café", 0},
		{"first byte of €", "\xe2", 1},
		{"first two bytes of €", "x\xe2\x82", 2},
		{"complete €", "10€", 0},
		{"first byte of emoji", "\xf0", 1},
		{"first three bytes of emoji", "a\xf0\x9f\x98", 3},
		{"complete emoji", "a😀", 0},
		{"complete runes only", "é€😀", 0},
		{"invalid byte", "a\xff", 0},
		{"stray continuation bytes", "a\x80\x80\x80", 0},
		{"lone continuation byte", "\x80", 0},
		{"incomplete after complete rune", "é\xe2\x82", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := heldBack([]byte(tt.in), true); got != tt.want {
				t.Errorf("heldBack(%q, marker due) = %d, want %d", tt.in, got, tt.want)
			}
			// With no marker on its way, only an incomplete rune waits.
			want := tt.want
			if strings.HasPrefix(string(marker), tt.in[len(tt.in)-want:]) && want > 0 && tt.in[len(tt.in)-want] == 0 {
				want = 0
			}
			if got := heldBack([]byte(tt.in), false); got != want {
				t.Errorf("heldBack(%q, no marker due) = %d, want %d", tt.in, got, want)
			}
		})
	}
}
