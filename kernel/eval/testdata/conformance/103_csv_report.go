package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
)

const data = `name,dept,salary
"Smith, Ann",eng,120000
Bob,ops,90000
Cid,eng,"100000"
`

func main() {
	r := csv.NewReader(strings.NewReader(data))
	records, err := r.ReadAll()
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	header, rows := records[0], records[1:]
	fmt.Println(header, len(rows))
	totals := map[string]int{}
	var depts []string
	for _, row := range rows {
		n, _ := strconv.Atoi(row[2])
		if _, seen := totals[row[1]]; !seen {
			depts = append(depts, row[1])
		}
		totals[row[1]] += n
		fmt.Printf("%-10s|%s\n", row[0], row[1])
	}
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"dept", "total"})
	for _, d := range depts {
		w.Write([]string{d, strconv.Itoa(totals[d])})
	}
	w.Write([]string{"note", `has "quotes", commas`})
	w.Flush()
	fmt.Println(w.Error())
}
