package main

import "fmt"

type Task struct {
	Name string
	Pri  int
}

func main() {
	tasks := []Task{{"write", 2}, {"test", 1}, {"ship", 3}}
	var printers []func()
	for _, t := range tasks {
		printers = append(printers, func() { fmt.Println(t.Name, t.Pri) })
	}
	for _, p := range printers {
		p()
	}

	var idx []func() int
	for i := range tasks {
		idx = append(idx, func() int { return i })
	}
	for _, f := range idx {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	var refs []*Task
	for _, t := range tasks {
		refs = append(refs, &t)
	}
	for _, r := range refs {
		fmt.Print(r.Name, " ")
	}
	fmt.Println()

	var sq []func() int
	for n := range 4 {
		sq = append(sq, func() int { return n * n })
	}
	for _, f := range sq {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	m := map[string]int{"only": 1}
	var kf []func() string
	for k, v := range m {
		kf = append(kf, func() string { return fmt.Sprint(k, "=", v) })
	}
	fmt.Println(kf[0]())
}
