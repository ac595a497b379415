package np

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestScalarFormat(t *testing.T) {
	big := IntScalar(499999999500000000)
	half := FloatScalar(2.5)
	tests := []struct {
		format string
		arg    Scalar
		want   string
	}{
		{"%v", big, "499999999500000000"},
		{"%d", big, "499999999500000000"},
		{"%s", big, "499999999500000000"},
		{"%.3e", big, "5.000e+17"},
		{"%v", half, "2.5"},
		{"%.2f", half, "2.50"},
		{"%8.1f|", half, "     2.5|"},
		{"%x", IntScalar(255), "ff"},
		{"%v", FloatScalar(4.999999995e+17), "4.999999995e+17"},
	}
	for _, tc := range tests {
		if got := fmt.Sprintf(tc.format, tc.arg); got != tc.want {
			t.Errorf("Sprintf(%q, %v) = %q, want %q", tc.format, tc.arg, got, tc.want)
		}
	}
	if got := fmt.Sprint([]Scalar{big, half}); got != "[499999999500000000 2.5]" {
		t.Errorf("in a slice: %s", got)
	}
	if b, _ := json.Marshal(map[string]Scalar{"s": big}); string(b) != `{"s":499999999500000000}` {
		t.Errorf("JSON: %s", b)
	}
}

func TestSumDType(t *testing.T) {
	tests := []struct {
		name string
		a    *Array
		want string
		dt   DType
	}{
		{"int64", Arange(1_000_001), "500000500000", Int64},
		{"float64", Linspace(0, 1, 5), "2.5", Float64},
		{"bool", Arange(10).Less(4), "4", Int64},
		{"empty int", Arange(0), "0", Int64},
	}
	for _, tc := range tests {
		s := tc.a.Sum()
		if s.String() != tc.want || s.DType() != tc.dt {
			t.Errorf("%s: Sum = %v (%v), want %s (%v)", tc.name, s, s.DType(), tc.want, tc.dt)
		}
	}
	if got := Arange(10).Sum().Float(); got != 45 {
		t.Errorf("Float = %v", got)
	}
	if got := FloatScalar(-2.7).Int(); got != -2 {
		t.Errorf("Int = %v", got)
	}
}
