package main

import "fmt"

func main() {
	src := []int{1, 2, 3, 4, 5}
	dst := make([]int, 3)
	n := copy(dst, src)
	fmt.Println(n, dst)

	n = copy(src[1:], src)
	fmt.Println(n, src)

	buf := make([]byte, 5)
	n = copy(buf, "gopher")
	fmt.Println(n, string(buf))

	base := []int{0, 1, 2, 3, 4, 5, 6, 7}
	limited := base[2:4:5]
	fmt.Println(limited, len(limited), cap(limited))
	limited = append(limited, 99)
	fmt.Println("shares array:", base[4])
	limited = append(limited, 100)
	limited[0] = -2
	fmt.Println("after realloc:", base[2], limited)

	full := base[:0:0]
	full = append(full, 42)
	fmt.Println(base[0], full)

	arr := [5]string{"a", "b", "c", "d", "e"}
	part := arr[1:3]
	part[0] = "B"
	fmt.Println(arr, part, cap(part))
	clone := append([]string(nil), part...)
	clone[1] = "Z"
	fmt.Println(arr[2], clone)
}
