package main

import (
	"fmt"
	"strings"
	"unicode"
)

func normalize(s string) []rune {
	var out []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, r)
		}
	}
	return out
}

func isPalindrome(s string) bool {
	r := normalize(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		if r[i] != r[j] {
			return false
		}
	}
	return true
}

func longestPalSub(s string) string {
	best := ""
	for i := range len(s) {
		for _, odd := range []bool{true, false} {
			lo, hi := i, i
			if !odd {
				hi = i + 1
			}
			for lo >= 0 && hi < len(s) && s[lo] == s[hi] {
				lo--
				hi++
			}
			if cand := s[lo+1 : hi]; len(cand) > len(best) {
				best = cand
			}
		}
	}
	return best
}

func main() {
	for _, s := range []string{"A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw?", "", "ÉtÉ"} {
		fmt.Printf("%-32q %v\n", s, isPalindrome(s))
	}
	fmt.Println(longestPalSub("forgeeksskeegfor"), longestPalSub("abacdfgdcaba"), longestPalSub("x"))
}
