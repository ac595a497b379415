package main

import (
	"fmt"
	"strconv"
)

type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return "line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

func parseLine(n int, s string) (int, error) {
	if s == "" {
		return 0, &ParseError{n, "empty line"}
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, &ParseError{Line: n, Msg: "bad number " + strconv.Quote(s)}
	}
	return v, nil
}

func sumLines(lines []string) (int, error) {
	total := 0
	for i, l := range lines {
		v, err := parseLine(i+1, l)
		if err != nil {
			return total, err
		}
		total += v
	}
	return total, nil
}

func main() {
	total, err := sumLines([]string{"1", "2", "3"})
	fmt.Println(total, err)
	total, err = sumLines([]string{"10", "x", "3"})
	fmt.Println(total, err)
	if pe, ok := err.(*ParseError); ok {
		fmt.Println("failed at line", pe.Line)
	}
	_, err = sumLines([]string{""})
	fmt.Printf("%v | %T\n", err, err)
	var e error
	fmt.Println(e == nil, e)
}
