package main

import (
	"fmt"
	"strings"
)

type IPAddr [4]byte

func (ip IPAddr) String() string { return fmt.Sprintf("%d.%d.%d.%d", ip[0], ip[1], ip[2], ip[3]) }

type Color int

const (
	Red Color = iota
	Green
	Blue
)

func (c Color) String() string {
	switch c {
	case Red:
		return "Red"
	case Green:
		return "Green"
	case Blue:
		return "Blue"
	}
	return fmt.Sprintf("Color(%d)", int(c))
}

type Person struct {
	Name string
	Age  int
}

func (p Person) String() string { return fmt.Sprintf("%s (%d)", p.Name, p.Age) }

type Team []Person

func (t Team) String() string {
	names := make([]string, len(t))
	for i, p := range t {
		names[i] = p.Name
	}
	return "Team[" + strings.Join(names, ",") + "]"
}

func main() {
	fmt.Println(IPAddr{127, 0, 0, 1}, []IPAddr{{8, 8, 8, 8}})
	fmt.Println(Red, Blue, Color(7))
	fmt.Printf("%v %s %d\n", Green, Green, Green)
	p := Person{"Ada", 36}
	fmt.Println(p, &p)
	fmt.Printf("%v|%+v|%s\n", p, p, p)
	fmt.Println([]Color{Blue, Red}, Team{{"Ann", 1}, {"Bo", 2}})
	fmt.Println(map[string]Color{"sky": Blue})
	fmt.Println(fmt.Stringer(Blue).String() + "!")
}
