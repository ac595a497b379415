package main

import (
	"fmt"
	"sort"
)

type Cache struct {
	entries map[string]int
	order   []string
}

func (c *Cache) Put(k string, v int) {
	if _, ok := c.entries[k]; !ok {
		c.order = append(c.order, k)
	}
	c.entries[k] = v
}

func (c *Cache) Reset() {
	clear(c.entries)
	c.order = c.order[:0]
}

func main() {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	clear(m)
	fmt.Println(len(m), m)
	m["d"] = 4
	fmt.Println(m)

	s := []int{1, 2, 3, 4}
	clear(s[1:3])
	fmt.Println(s, len(s))

	names := []string{"x", "y"}
	clear(names)
	fmt.Printf("%q\n", names)

	c := &Cache{entries: map[string]int{}}
	c.Put("k1", 1)
	c.Put("k2", 2)
	c.Put("k1", 3)
	keys := append([]string(nil), c.order...)
	sort.Strings(keys)
	fmt.Println(keys, c.entries["k1"])
	c.Reset()
	fmt.Println(len(c.entries), len(c.order))

	type pt struct{ X, Y int }
	pts := []pt{{1, 2}, {3, 4}}
	clear(pts)
	fmt.Println(pts)
	var nilMap map[int]bool
	clear(nilMap)
	fmt.Println(nilMap == nil)
}
