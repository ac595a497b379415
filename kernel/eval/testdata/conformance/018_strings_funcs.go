package main

import (
	"fmt"
	"strings"
)

func main() {
	s := "  Go is expressive, concise, clean, and efficient.  "
	t := strings.TrimSpace(s)
	fmt.Println(t)
	fmt.Println(strings.Contains(t, "clean"), strings.HasPrefix(t, "Go"), strings.HasSuffix(t, "!"))
	fmt.Println(strings.Index(t, "concise"), strings.LastIndex(t, "c"), strings.Count(t, "e"))
	fmt.Println(strings.ToUpper(t[:5]), strings.ToLower("MiXeD"))
	fmt.Printf("%q\n", strings.Split("a,b,,c", ","))
	fmt.Printf("%q\n", strings.Fields(" one  two\tthree\n"))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "-"))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2))
	fmt.Println(strings.ReplaceAll("oink oink", "oink", "moo"))
	fmt.Println(strings.Repeat("ab", 3))
	fmt.Println(strings.EqualFold("Go", "GO"), strings.ContainsAny("hello", "xyz"))
	before, after, found := strings.Cut("key=value=more", "=")
	fmt.Println(before, after, found)
	fmt.Println(strings.TrimLeft("xxhixx", "x"), strings.TrimSuffix("file.go", ".go"))
	fmt.Println(strings.Map(func(r rune) rune {
		if r == 'a' {
			return 'A'
		}
		return r
	}, "banana"))
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;")
	fmt.Println(r.Replace("<b>bold</b>"))
	fmt.Println(strings.Compare("a", "b"), strings.IndexByte("golang", 'l'))
}
