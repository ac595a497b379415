package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

const text = `It was the best of times, it was the worst of times, it was the age
of wisdom, it was the age of foolishness, it was the epoch of belief,
it was the epoch of incredulity, it was the season of Light.`

type wordCount struct {
	word  string
	count int
}

func topWords(s string, n int) []wordCount {
	counts := map[string]int{}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	for _, w := range words {
		counts[w]++
	}
	list := make([]wordCount, 0, len(counts))
	for w, c := range counts {
		list = append(list, wordCount{w, c})
	}
	slices.SortFunc(list, func(a, b wordCount) int {
		return cmp.Or(cmp.Compare(b.count, a.count), strings.Compare(a.word, b.word))
	})
	return list[:min(n, len(list))]
}

func main() {
	for i, wc := range topWords(text, 6) {
		fmt.Printf("%d. %-6s %s (%d)\n", i+1, wc.word, strings.Repeat("#", wc.count), wc.count)
	}
	fmt.Println(len(topWords("one two", 10)))
}
