package main

import "fmt"

func gcd(a, b int) int {
again:
	if b == 0 {
		return a
	}
	a, b = b, a%b
	goto again
}

func collatzSteps(n int) int {
	steps := 0
top:
	if n == 1 {
		goto done
	}
	if n%2 == 0 {
		n /= 2
	} else {
		n = 3*n + 1
	}
	steps++
	goto top
done:
	return steps
}

func main() {
	fmt.Println(gcd(48, 18), gcd(17, 5), gcd(100, 75))
	for _, n := range []int{1, 6, 7, 27} {
		fmt.Println(n, collatzSteps(n))
	}
	i := 0
next:
	if i < 3 {
		fmt.Println("i =", i)
		i++
		goto next
	}
}
