package main

import "fmt"

func main() {
	s := "héllo, 世界"
	fmt.Println(len(s), len([]rune(s)))

	for i := 0; i < 3; i++ {
		fmt.Printf("byte %d: %x\n", i, s[i])
	}
	for i, r := range s {
		fmt.Printf("%d:%c(%U) ", i, r, r)
	}
	fmt.Println()

	b := []byte(s)
	b[0] = 'H'
	fmt.Println(string(b), s[:1])

	runes := []rune(s)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	fmt.Println(string(runes))

	var r rune = '世'
	fmt.Println(r, string(r), fmt.Sprintf("%q", r))
	fmt.Println(s[7:], s[1:3] == "é")
	bad := string([]byte{0xff, 'a'})
	for _, r := range bad {
		fmt.Print(r, " ")
	}
	fmt.Println()
}
