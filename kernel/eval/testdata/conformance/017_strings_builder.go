package main

import (
	"fmt"
	"strings"
)

type Item struct {
	Name  string
	Price float64
	Qty   int
}

func receipt(items []Item) string {
	var b strings.Builder
	b.WriteString("RECEIPT\n")
	total := 0.0
	for i, it := range items {
		line := it.Price * float64(it.Qty)
		total += line
		fmt.Fprintf(&b, "%d. %-8s %2d x %6.2f = %7.2f\n", i+1, it.Name, it.Qty, it.Price, line)
	}
	b.WriteString(strings.Repeat("-", 36))
	b.WriteByte('\n')
	fmt.Fprintf(&b, "%-27s %8.2f\n", "TOTAL", total)
	return b.String()
}

func main() {
	items := []Item{{"apple", 0.5, 6}, {"bread", 2.25, 1}, {"cheese", 7.8, 2}}
	fmt.Print(receipt(items))

	var sb strings.Builder
	for i := range 5 {
		if i > 0 {
			sb.WriteRune('→')
		}
		sb.WriteString(fmt.Sprint(i))
	}
	fmt.Println(sb.String(), sb.Len())
	sb.Reset()
	fmt.Printf("%q\n", sb.String())
}
