package main

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

func main() {
	s := "Grüße, 世界! 👋"
	fmt.Println(len(s), utf8.RuneCountInString(s))
	r, size := utf8.DecodeRuneInString(s[2:])
	fmt.Printf("%c %d\n", r, size)
	last, lsize := utf8.DecodeLastRuneInString(s)
	fmt.Printf("%c %d %U\n", last, lsize, last)
	fmt.Println(utf8.RuneLen('é'), utf8.RuneLen('世'), utf8.ValidString(s), utf8.ValidString("\xff"))

	buf := make([]byte, 0, 8)
	buf = utf8.AppendRune(buf, '€')
	fmt.Println(buf, string(buf))

	var upper, letters, digits, spaces, punct int
	for _, r := range "Hello World 2024, ÄÖÜ!" {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case unicode.IsSpace(r):
			spaces++
		case unicode.IsPunct(r):
			punct++
		}
	}
	fmt.Println(upper, letters, digits, spaces, punct)
	fmt.Println(string(unicode.ToUpper('ß')), string(unicode.ToLower('Ä')), unicode.Is(unicode.Han, '世'))
	b := []byte("añb")
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		fmt.Printf("%d:%c(%d) ", i, r, n)
		i += n
	}
	fmt.Println()
	fmt.Println(utf8.RuneError, utf8.FullRune([]byte{0xe4, 0xb8}))
}
