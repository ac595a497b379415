package eval

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// runCells runs cells in a new session with native code, as a kernel
// does, and returns what they printed; a cell's error fails the test.
func runCells(t *testing.T, cells []string) (stdout, stderr string, s *Session) {
	t.Helper()
	if !builtTrimmed() {
		t.Skip("native code needs this test built as the kernel is: go test -trimpath (make unit)")
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout0 := os.Stdout
	os.Stdout = outW // where native code prints
	defer func() { os.Stdout = stdout0 }()
	s, err = New(Options{Stdin: strings.NewReader(""), Stdout: outW, Stderr: errW, Native: nativeCompiler()})
	if err != nil {
		t.Fatal(err)
	}
	done, errDone := readAll(outR), readAll(errR)
	defer errW.Close()
	for i, c := range cells {
		if _, err := s.Run(context.Background(), i+1, c); err != nil {
			outW.Close()
			t.Fatalf("cell %d:\n%s\nfailed: %v\nprinted so far:\n%s", i+1, c, err, <-done)
		}
	}
	outW.Close()
	errW.Close()
	return <-done, <-errDone, s
}

// readAll reads r to its end, and then gives what it read.
func readAll(r io.Reader) <-chan string {
	c := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(r)
		c <- string(b)
	}()
	return c
}

func TestCompiledTypes(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{
			name: "names and String in composites",
			cells: []string{
				"type Point struct{ X, Y int }",
				`func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }`,
				`ps := []Point{{1, 2}, {3, 4}}
fmt.Printf("%T %v %v\n", ps[0], ps, map[string]any{"a": ps[1]})`,
			},
			want: "main.Point [(1,2) (3,4)] map[a:(3,4)]\n",
		},
		{
			name: "errors.As and Is with a cell's error type",
			cells: []string{
				"type NotFound struct{ Name string }",
				`func (e *NotFound) Error() string { return e.Name + " not found" }`,
				`err := fmt.Errorf("open: %w", &NotFound{"x"})
var nf *NotFound
fmt.Println(errors.As(err, &nf), nf.Name, errors.Is(err, nf))`,
			},
			want: "true x true\n",
		},
		{
			name: "unexported fields through accessors",
			cells: []string{
				"type account struct {\n\tname    string\n\tbalance int\n}",
				"func (a *account) Deposit(n int) { a.balance += n }",
				`a := account{"ann", 10}
a.Deposit(5)
a.balance++
b := &account{name: "bob"}
b.balance = 7
as := []account{a, *b, {name: "cy"}}
fmt.Printf("%T %v %d %s\n", a, as, as[0].balance, b.name)`,
			},
			want: "main.account [{ann 16} {bob 7} {cy 0}] 16 bob\n",
		},
		{
			name: "type switch on a cell's interface",
			cells: []string{
				"type Shape interface{ Area() float64 }",
				"type Polygon interface {\n\tShape\n\tSides() int\n}",
				"type Square struct{ S float64 }",
				"func (s Square) Area() float64 { return s.S * s.S }",
				"func (s Square) Sides() int { return 4 }",
				`var sh Shape = Square{2}
switch v := sh.(type) {
case Polygon:
	fmt.Println("polygon", v.Sides(), v.Area())
default:
	fmt.Println("other")
}`,
			},
			want: "polygon 4 4\n",
		},
		{
			name: "json with tags",
			cells: []string{
				"type User struct {\n\tName string `json:\"name\"`\n\tAge  int    `json:\"age,omitempty\"`\n}",
				`b, _ := json.Marshal([]User{{"ann", 3}, {Name: "bob"}})
fmt.Println(string(b))`,
			},
			want: `[{"name":"ann","age":3},{"name":"bob"}]` + "\n",
		},
		{
			name: "functions that use a type follow it when it gains a method",
			cells: []string{
				"type Point struct{ X, Y int }",
				"func mid(a, b Point) Point { return Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2} }",
				"const unit = 1",
				"fmt.Println(mid(Point{0, 0}, Point{4, 2}))",
				"func (p Point) Norm() int { return p.X*p.X + p.Y*p.Y }",
				"fmt.Println(mid(Point{0, 0}, Point{6, 8}).Norm())",
			},
			want: "{2 1}\n25\n",
		},
		{
			name: "enum constants, unexported methods, method values, package-level pointers",
			cells: []string{
				"type Status int",
				"const (\n\tActive Status = iota + 1\n\tBanned\n)",
				`func (s Status) String() string { if s == Active { return "active" }; return "banned" }`,
				"func (s Status) weight(k int, xs ...string) int { return int(s)*k + len(xs) }",
				"func isActive(s Status) bool { return s == Active }",
				"type account struct{ name string; bal int }",
				"func (a *account) Deposit(n int) { a.bal += n }",
				`func (a account) String() string { return fmt.Sprint(a.name, ":", a.bal) }`,
				`var first = &account{"zed", 3}`,
				`x := Banned
ann := account{"ann", 1}
dep := ann.Deposit
dep(5)
str := ann.String
ann.Deposit(1)
f := Active.weight
fmt.Println([]any{x, Active}, isActive(x), Banned.weight(2, "a"), f(3), ann, str(), first)`,
			},
			want: "[banned active] false 5 3 ann:7 ann:6 zed:3\n",
		},
		{
			name: "a method in a later cell compiles the type anew",
			cells: []string{
				"type Celsius float64",
				`func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }`,
				"fmt.Println([]Celsius{1, 2})",
				"func (c Celsius) F() float64 { return float64(c)*9/5 + 32 }",
				"fmt.Println(Celsius(100).F(), []Celsius{3})",
			},
			want: "[1.0°C 2.0°C]\n212 [3.0°C]\n",
		},
		{
			name: "a type and its methods in one cell",
			cells: []string{
				"type Temp float64\nfunc (t Temp) String() string { return fmt.Sprintf(\"%.1f°\", float64(t)) }",
				`fmt.Printf("%T %v %v\n", []Temp{1}, []Temp{1}, map[string]Temp{"a": 2})`,
			},
			want: "[]main.Temp [1.0°] map[a:2.0°]\n",
		},
		{
			name: "methods that use session variables, followed when redeclared",
			cells: []string{
				`var ErrFrozen = errors.New("frozen")`,
				"var fee = 2",
				"type acct struct{ Owner string; Bal int }",
				`func (a *acct) Withdraw(n int) error {
	if a.Owner == "x" {
		return fmt.Errorf("withdraw: %w", ErrFrozen)
	}
	a.Bal -= n + fee
	return nil
}`,
				`a := &acct{"ann", 10}
err := (&acct{Owner: "x"}).Withdraw(1)
fmt.Println(a.Withdraw(1), a.Bal, err, errors.Is(err, ErrFrozen))`,
				"fee = 5",
				"var ErrFrozen = errors.New(\"iced\")",
				`err = (&acct{Owner: "x"}).Withdraw(1)
fmt.Println(a.Withdraw(1), a.Bal, err, errors.Is(err, ErrFrozen))`,
			},
			want: "<nil> 7 withdraw: frozen true\n<nil> 1 withdraw: iced true\n",
		},
		{
			name: "assertions to interface literals of compiled values",
			cells: []string{
				`err := errors.Join(errors.New("a"), errors.New("b"))`,
				`j, ok := err.(interface{ Unwrap() []error })
fmt.Println(ok, len(j.Unwrap()))
switch e := err.(type) {
case interface{ Timeout() bool }:
	fmt.Println("timeout", e.Timeout())
case interface{ Unwrap() []error }:
	fmt.Println("joined", len(e.Unwrap()))
}
_, ok = errors.New("x").(interface{ Unwrap() []error })
fmt.Println(ok)`,
			},
			want: "true 2\njoined 2\nfalse\n",
		},
		{
			name: "assertions on any holding a compiled value, or nil",
			cells: []string{
				"type Temp struct{ C float64 }\nfunc (t Temp) String() string { return fmt.Sprint(t.C, \"°\") }",
				"var v any = Temp{3}",
				`var w any
w = Temp{4}
var none any
var st fmt.Stringer
var nilStringer any = st
s1, ok1 := v.(fmt.Stringer)
s2, ok2 := w.(fmt.Stringer)
_, ok3 := none.(fmt.Stringer)
_, ok4 := nilStringer.(fmt.Stringer)
fmt.Println(s1, ok1, s2, ok2, ok3, ok4)`,
			},
			want: "3° true 4° true false false\n",
		},
		{
			name: "embedded structs, their fields and promoted methods",
			cells: []string{
				"type Base struct{ ID int }\nfunc (b Base) String() string { return fmt.Sprintf(\"Base#%d\", b.ID) }\nfunc (b *Base) SetID(i int) { b.ID = i }",
				"type Item struct {\n\tBase\n\tName string\n}",
				"type Counted struct {\n\t*Base\n\tN int\n}",
				`it := Item{Base{1}, "x"}
var st fmt.Stringer = it.Base
it.SetID(5)
it.Base.SetID(it.ID + 1)
c := Counted{&Base{7}, 1}
c.SetID(c.ID * 2)
fmt.Printf("%v %+v %T %v %v %d %v\n", it, it.Base, it.Base, []Item{it}, st, it.ID, c.Base)`,
			},
			want: "Base#6 Base#6 main.Base [Base#6] Base#1 6 Base#14\n",
		},
		{
			name: "generic calls with named basic types, compiled per instance",
			cells: []string{
				"type Grade float64",
				"type Number interface{ ~int | ~float64 }",
				"func Sum[T Number](xs []T) T {\n\tvar s T\n\tfor _, x := range xs {\n\t\ts += x * T(scale)\n\t}\n\treturn s\n}",
				"var scale = 1",
				`gs := []Grade{2.5, 1}
ds := []time.Duration{3, 1, 2}
slices.Sort(ds)
slices.Sort(gs)
m := map[time.Duration]string{2: "b", 1: "a"}
fmt.Println(Sum(gs), Sum([]int{1, 2}), gs, ds, slices.Max(ds), slices.Sorted(maps.Keys(m)))
scale = 2
fmt.Printf("%v %T\n", Sum(gs), Sum(gs))`,
			},
			want: "3.5 3 [1 2.5] [1ns 2ns 3ns] 3ns [1ns 2ns]\n7 main.Grade\n",
		},
		{
			name: "a package-level variable initialized from an earlier cell's",
			cells: []string{
				"a := 2",
				"var b = a * 10\nfunc twice() int { return 2 * b }",
				"var c, d = b + 1, twice()\nfmt.Println(a, b, c, d)",
			},
			want: "2 20 21 40\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := runCells(t, tt.cells)
			if got != tt.want {
				t.Errorf("printed\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// What stays interpreted says why, in %native's list.
func TestCompiledTypesReasons(t *testing.T) {
	_, stderr, s := runCells(t, []string{
		"type Category string",
		"type Named interface{ Name() string }",
		"type pet struct {\n\tn   string\n\ttoy any\n}",
		"func (p pet) Name() string { return p.n }",
		"type Box struct{ V any }",
		"type Point struct{ X, Y int }",
		"func (p Point) Scale(k int) Point { return Point{p.X * k, p.Y * k} }",
		"fmt.Println(Point{1, 2}.Scale(2))",
		"func (p Point) Norm() int { return p.X*p.X + p.Y*p.Y }",
		"fmt.Println(Point{3, 4}.Norm())",
	})
	want := map[string]string{
		"type Category": "",
		"type Named":    "type pet, which is interpreted, implements it",
		"type pet":      "its field toy is an interface other than error",
		"type Box":      "its field V is an interface other than error",
		"type Point":    "",
	}
	funcs := s.NativeFuncs(context.Background())
	for name, why := range want {
		found := false
		for _, f := range funcs {
			if f.Name != name {
				continue
			}
			found = true
			if why == "" && !f.Native {
				t.Errorf("%s runs interpreted: %s", name, f.Why)
			}
			if why != "" && (f.Native || !strings.Contains(f.Why, why)) {
				t.Errorf("%s: native %v, why %q; want interpreted because %q", name, f.Native, f.Why, why)
			}
		}
		if !found {
			t.Errorf("%%native does not list %s", name)
		}
	}
	if !strings.Contains(stderr, "type Point is compiled again") {
		t.Errorf("no note that Point was compiled again; stderr:\n%s", stderr)
	}
}
