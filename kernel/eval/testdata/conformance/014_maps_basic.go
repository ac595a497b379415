package main

import "fmt"

type Point struct{ X, Y int }

func main() {
	ages := map[string]int{"alice": 31, "bob": 27}
	ages["carol"] = 40
	ages["bob"]++
	fmt.Println(len(ages), ages["bob"])

	if age, ok := ages["dave"]; !ok {
		fmt.Println("dave missing, zero value:", age)
	}
	if age, ok := ages["alice"]; ok {
		fmt.Println("alice is", age)
	}
	delete(ages, "alice")
	delete(ages, "nobody")
	_, ok := ages["alice"]
	fmt.Println("alice present:", ok, "len:", len(ages))

	visits := map[Point]int{}
	visits[Point{1, 2}]++
	visits[Point{1, 2}]++
	visits[Point{0, 0}]++
	fmt.Println(visits[Point{1, 2}], visits[Point{5, 5}], len(visits))

	groups := map[string][]string{}
	for _, w := range []string{"apple", "avocado", "banana", "blueberry", "cherry"} {
		k := w[:1]
		groups[k] = append(groups[k], w)
	}
	fmt.Println(groups["a"], groups["b"], groups["c"])

	var nilMap map[string]bool
	fmt.Println(nilMap["x"], len(nilMap))
	fmt.Println(ages)
}
