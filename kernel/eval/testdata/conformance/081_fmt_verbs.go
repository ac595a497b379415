package main

import "fmt"

type Point struct {
	X, Y int
}

type Wrapper struct {
	Name string
	P    *Point
	Tags []string
	M    map[string]int
}

func main() {
	p := Point{1, 2}
	fmt.Printf("%v|%+v|%#v|%T\n", p, p, p, p)
	w := Wrapper{"w", nil, []string{"a"}, map[string]int{"k": 1}}
	fmt.Printf("%v\n%+v\n", w, w)
	fmt.Printf("%#v\n", []int{1, 2})
	fmt.Printf("%#v %#v\n", "q", map[string]bool{"t": true})
	fmt.Printf("%q %q %q\n", "hi\n", 'x', []string{"a b", "c"})
	fmt.Printf("%x %X %x % x\n", 255, 255, "hey", []byte{1, 171})
	fmt.Printf("%o %O %b %#x %#o\n", 8, 8, 5, 255, 8)
	fmt.Printf("[%8.3f] [%-8.2f] [%08.3f] [%+.1f]\n", 3.14159, 2.5, -1.5, 7.0)
	fmt.Printf("[%5d] [%-5d] [%05d] [%+d]\n", 42, 42, 42, 42)
	fmt.Printf("[%10s] [%-10s] [%.2s]\n", "right", "left", "truncate")
	fmt.Printf("%e %E %g %G\n", 123456.789, 0.000123, 1e21, 1e-7)
	fmt.Printf("%c %U %t\n", 'G', 'G', true)
	fmt.Printf("%v %d\n", []byte("ab"), []byte("ab"))
	fmt.Printf("%6.2f%%\n", 99.5)
	fmt.Printf("%*d|%-*d|\n", 5, 1, 4, 2)
	fmt.Printf("%[2]d %[1]d\n", 10, 20)
	fmt.Printf("%v %v\n", &p, []*int{nil})
	fmt.Println(fmt.Sprintf("%T %T %T %T", 1.5, 'r', nil, struct{}{}))
	fmt.Printf("%v %.3v %10.4v|\n", 1.0/3, 1.0/3, "abcdefg")
	fmt.Printf("%t %v\n", false, complex(1, -2))
}
