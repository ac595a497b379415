package main

import (
	"fmt"
	"math/bits"
)

type Perm uint8

const (
	Read Perm = 1 << iota
	Write
	Exec
)

func (p Perm) String() string {
	s := []byte("---")
	if p&Read != 0 {
		s[0] = 'r'
	}
	if p&Write != 0 {
		s[1] = 'w'
	}
	if p&Exec != 0 {
		s[2] = 'x'
	}
	return string(s)
}

func main() {
	a, b := 0b1100, 0b1010
	fmt.Printf("%04b %04b %04b %04b\n", a&b, a|b, a^b, a&^b)
	fmt.Println(1<<10, 1024>>3, -16>>2)
	fmt.Printf("%b %d\n", ^uint8(5), ^5)

	p := Read | Write
	fmt.Println(p, p|Exec, p&^Write, Perm(0))
	p ^= Exec
	fmt.Println(p, p&Exec == Exec)

	fmt.Println(bits.OnesCount(255), bits.LeadingZeros64(1), bits.TrailingZeros(8), bits.Len(1023))
	fmt.Println(bits.Reverse8(1), bits.RotateLeft8(0b10000001, 1))
	n := uint32(0xDEADBEEF)
	fmt.Printf("%08x %08x\n", n>>16, n&0xFFFF)
	isPow2 := func(x int) bool { return x > 0 && x&(x-1) == 0 }
	fmt.Println(isPow2(64), isPow2(96))
	var flags uint64
	for _, i := range []uint{0, 3, 63} {
		flags |= 1 << i
	}
	fmt.Println(flags, bits.OnesCount64(flags))
	shift := 3
	fmt.Println(1<<shift, uint8(1)<<7)
}
