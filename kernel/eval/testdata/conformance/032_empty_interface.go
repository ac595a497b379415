package main

import "fmt"

func describe(i interface{}) string {
	return fmt.Sprintf("(%v, %T)", i, i)
}

type Box struct{ V any }

func main() {
	var i interface{}
	fmt.Println(describe(i))
	i = 42
	fmt.Println(describe(i))
	i = "hello"
	fmt.Println(describe(i))
	i = []int{1, 2}
	fmt.Println(describe(i))

	values := []any{1, 2.5, "three", true, nil, 'x', []string{"a"}, map[string]int{"k": 1}}
	for _, v := range values {
		fmt.Print(describe(v), " ")
	}
	fmt.Println()

	record := map[string]any{
		"name": "gopher",
		"age":  13,
		"tags": []string{"go", "fun"},
	}
	if name, ok := record["name"].(string); ok {
		fmt.Println("name:", name)
	}
	if age, ok := record["age"].(int); ok {
		fmt.Println("next year:", age+1)
	}
	_, ok := record["age"].(string)
	fmt.Println("age is string:", ok)

	b := Box{V: 3}
	b.V = b.V.(int) * 2
	fmt.Println(b)
	var x, y any = 3, 3
	fmt.Println(x == y, x == any(3.0))
}
