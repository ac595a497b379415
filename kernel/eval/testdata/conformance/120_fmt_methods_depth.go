package main

import (
	"fmt"
	"strings"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Money struct {
	cents int64
}

func (m Money) String() string { return fmt.Sprintf("$%d.%02d", m.cents/100, m.cents%100) }

func (m Money) GoString() string { return fmt.Sprintf("Cents(%d)", m.cents) }

type Secret string

func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		if f.Flag('+') {
			fmt.Fprintf(f, "secret(%d)", len(s))
			return
		}
		fmt.Fprint(f, strings.Repeat("*", len(s)))
	default:
		fmt.Fprintf(f, "%%!%c(Secret)", verb)
	}
}

type NotFound struct{ key string }

func (e *NotFound) Error() string { return "not found: " + e.key }

type Reading struct {
	Where string
	Temp  Celsius
	Cost  Money
	Pass  Secret
	Err   error
	Prev  *Reading
}

type Plain struct{ c Celsius }

func main() {
	r := Reading{"lab", 21.5, Money{1999}, "hunter2", &NotFound{"k1"}, nil}
	r2 := &Reading{"roof", -3, Money{5}, "x", nil, &r}
	fmt.Println(r.Temp, r.Cost, r.Pass, r.Err)
	fmt.Printf("%v\n", r)
	fmt.Printf("%+v\n", r)
	fmt.Printf("%#v %#v\n", r.Cost, []Money{{1}, {250}})
	fmt.Printf("%s %q %x\n", r.Temp, r.Cost, r.Cost)
	fmt.Printf("%v %+v %d\n", r.Pass, r.Pass, r.Pass)
	fmt.Printf("%v\n", []Celsius{1, 2.25, -40})
	fmt.Printf("%.2f %6.1f\n", r.Temp, Celsius(3))
	fmt.Printf("%v\n", map[string]Money{"b": {100}, "a": {7}})
	fmt.Printf("%v\n", []any{r.Temp, r.Cost, r.Pass, r.Err, 1.5, Plain{4}, r2.Prev.Cost})
	fmt.Printf("%v %s\n", []error{&NotFound{"a"}, nil}, r.Err)
	fmt.Printf("%v|%10s|%-10v|\n", &r.Cost, Celsius(1), Money{42})
	var st fmt.Stringer = r.Temp
	fmt.Printf("%T %v\n", st, st)
	fmt.Println(fmt.Sprint(r.Cost, r.Temp), fmt.Sprintln(r.Pass, "ok"))
	fmt.Printf("%v\n", [2]*Money{{3}, nil})
	fmt.Printf("%T %T %T\n", r.Pass, r.Err, r2)
}
