package main

import (
	"fmt"
	"strconv"
)

func main() {
	n, err := strconv.Atoi("1234")
	fmt.Println(n+1, err)
	_, err = strconv.Atoi("12a")
	fmt.Println(err)
	fmt.Println(strconv.Itoa(-56) + "!")

	f, err := strconv.ParseFloat("3.14159", 64)
	fmt.Println(f*2, err)
	b, _ := strconv.ParseBool("true")
	fmt.Println(b)
	i64, _ := strconv.ParseInt("-ff", 16, 64)
	fmt.Println(i64)
	u, err := strconv.ParseUint("300", 10, 8)
	fmt.Println(u, err)

	fmt.Println(strconv.FormatInt(255, 2), strconv.FormatInt(255, 16), strconv.FormatInt(-35, 36))
	fmt.Println(strconv.FormatFloat(1.5e-7, 'e', 3, 64), strconv.FormatFloat(2.0/3, 'f', 4, 64), strconv.FormatFloat(100, 'g', -1, 64))
	fmt.Println(strconv.Quote(`say "hi"\n`), strconv.Quote("tab\there"), strconv.QuoteRune('☺'))
	fmt.Println(strconv.QuoteToASCII("café"))
	s, err := strconv.Unquote(`"a\tb"`)
	fmt.Printf("%q %v\n", s, err)
	buf := strconv.AppendInt([]byte("n="), 42, 10)
	fmt.Println(string(buf))
	fmt.Println(strconv.FormatBool(false))
}
