package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

const input = `# inventory
apples 12
pears 7

plums 30
bad line here
`

func main() {
	sc := bufio.NewScanner(strings.NewReader(input))
	total := 0
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 {
			fmt.Printf("line %d: expected 2 fields, got %d\n", lineNo, len(fields))
			continue
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil {
			fmt.Println("bad count:", err)
			continue
		}
		fmt.Printf("%-6s %3d\n", fields[0], n)
		total += n
	}
	fmt.Println("total:", total, "lines:", lineNo, "err:", sc.Err())

	words := bufio.NewScanner(strings.NewReader("the quick  brown\tfox\njumps"))
	words.Split(bufio.ScanWords)
	count := 0
	for words.Scan() {
		count++
	}
	fmt.Println("words:", count)

	runes := bufio.NewScanner(strings.NewReader("héllo"))
	runes.Split(bufio.ScanRunes)
	var rs []string
	for runes.Scan() {
		rs = append(rs, runes.Text())
	}
	fmt.Println(rs)

}
