package main

import "fmt"

func grade(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 80:
		return "B"
	case score >= 70:
		return "C"
	default:
		return "F"
	}
}

func describe(c byte) string {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return "vowel"
	case ' ':
		return "space"
	}
	return "consonant"
}

func levels(n int) []string {
	var out []string
	switch n {
	case 3:
		out = append(out, "three")
		fallthrough
	case 2:
		out = append(out, "two")
		fallthrough
	case 1:
		out = append(out, "one")
	case 0:
		out = append(out, "zero")
	}
	return out
}

func main() {
	fmt.Println(grade(95), grade(85), grade(72), grade(10))
	for _, c := range []byte("go is") {
		fmt.Println(string(c), describe(c))
	}
	for i := 3; i >= 0; i-- {
		fmt.Println(i, levels(i))
	}
	switch x := 5; x * 2 {
	case 10:
		fmt.Println("ten")
	default:
		fmt.Println("other")
	}
}
