package main

import (
	"fmt"
	"strings"
)

type Celsius float64

func kind(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v", x)
	case float64:
		return fmt.Sprintf("float %.1f", x)
	case string:
		return "string of length " + fmt.Sprint(len(x))
	case []int:
		return fmt.Sprintf("slice with %d ints", len(x))
	case error:
		return "error: " + x.Error()
	case Celsius:
		return fmt.Sprintf("temperature %.1f°C", float64(x))
	case func() string:
		return "func returning " + x()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	inputs := []any{
		nil, 7, int64(8), 2.5, "hello", []int{1, 2, 3},
		fmt.Errorf("boom"), Celsius(21.5), func() string { return "hi" },
		struct{}{}, map[string]int{}, true,
	}
	for _, in := range inputs {
		fmt.Println(kind(in))
	}
	var sb strings.Builder
	for _, v := range []any{1, "a", 2.0} {
		switch v.(type) {
		case int:
			sb.WriteString("I")
		case string:
			sb.WriteString("S")
		default:
			sb.WriteString("?")
		}
	}
	fmt.Println(sb.String())
}
