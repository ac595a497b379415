package progresstest

import "testing"

func TestInPlace(t *testing.T) {
	for _, c := range []struct {
		name string
		ds   []Display
		want bool
	}{
		{"none", nil, false},
		{"shown", []Display{{ID: "a"}}, true},
		{"updated", []Display{{ID: "a"}, {ID: "a", Update: true}, {ID: "a", Update: true}}, true},
		{"no id", []Display{{}}, false},
		{"shown twice", []Display{{ID: "a"}, {ID: "a"}}, false},
		{"another display", []Display{{ID: "a"}, {ID: "b", Update: true}}, false},
		{"updated first", []Display{{ID: "a", Update: true}}, false},
	} {
		if got := inPlace(c.ds); got != c.want {
			t.Errorf("%s: inPlace = %v, want %v", c.name, got, c.want)
		}
	}
}
