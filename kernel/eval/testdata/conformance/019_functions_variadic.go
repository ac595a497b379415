package main

import (
	"fmt"
	"strings"
)

func sum(nums ...int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}

func joinWith(sep string, parts ...string) string {
	return strings.Join(parts, sep)
}

func logf(prefix string, format string, args ...any) {
	fmt.Printf(prefix+format+"\n", args...)
}

func count(args ...any) int { return len(args) }

func main() {
	fmt.Println(sum(), sum(1), sum(1, 2, 3))
	nums := []int{10, 20, 30}
	fmt.Println(sum(nums...))
	fmt.Println(joinWith("/", "usr", "local", "bin"))
	fmt.Println(joinWith(", "))
	logf("[info] ", "%d items, %s", 3, "ok")
	logf("[warn] ", "no args")
	fmt.Println(count(nil), count(), count(1, "a", nil))
	var empty []any
	fmt.Println(count(empty...))
}
