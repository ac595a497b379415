package main

import (
	"fmt"
	"strings"
)

type Greeter struct {
	Greeting string
}

func (g Greeter) Greet(name string) string { return g.Greeting + ", " + name }

type Tally struct{ n int }

func (t *Tally) Add(d int) { t.n += d }

func each(xs []int, f func(int)) {
	for _, x := range xs {
		f(x)
	}
}

func main() {
	g := Greeter{"Hello"}
	greet := g.Greet
	g.Greeting = "Bye"
	fmt.Println(greet("Ann"), g.Greet("Ann"))

	var t Tally
	add := t.Add
	each([]int{1, 2, 3}, add)
	fmt.Println(t.n)

	up := strings.ToUpper
	fmt.Println(up("method"), fmt.Sprint(strings.NewReplacer("a", "4").Replace("banana")))
	var b strings.Builder
	write := b.WriteString
	write("abc")
	write("def")
	fmt.Println(b.String())

	fns := map[string]func(string) string{"greet": g.Greet, "upper": strings.ToUpper}
	fmt.Println(fns["greet"]("Bo"), fns["upper"]("bo"))
	fmt.Printf("%T\n", greet)
}
