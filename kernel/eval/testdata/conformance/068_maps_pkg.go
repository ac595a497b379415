package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	prices := map[string]float64{"tea": 2.5, "coffee": 3.2, "juice": 4.0}
	keys := slices.Sorted(maps.Keys(prices))
	fmt.Println(keys)
	vals := slices.Sorted(maps.Values(prices))
	fmt.Println(vals)

	clone := maps.Clone(prices)
	clone["water"] = 1.0
	fmt.Println(len(prices), len(clone), maps.Equal(prices, clone))
	delete(clone, "water")
	fmt.Println(maps.Equal(prices, clone))

	maps.DeleteFunc(clone, func(k string, v float64) bool { return v > 3 })
	fmt.Println(slices.Sorted(maps.Keys(clone)))

	extra := map[string]float64{"cocoa": 3.9, "tea": 2.75}
	maps.Copy(prices, extra)
	for _, k := range slices.Sorted(maps.Keys(prices)) {
		fmt.Printf("%s=%.2f\n", k, prices[k])
	}
	same := maps.EqualFunc(map[string]int{"a": 1}, map[string]string{"a": "1"},
		func(i int, s string) bool { return fmt.Sprint(i) == s })
	fmt.Println(same)
	inverted := map[float64]string{}
	for k, v := range maps.All(extra) {
		inverted[v] = k
	}
	fmt.Println(inverted[3.9])
}
