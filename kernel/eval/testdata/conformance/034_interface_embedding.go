package main

import (
	"fmt"
	"strings"
)

type Reader interface{ Read() string }

type Writer interface{ Write(s string) }

type ReadWriter interface {
	Reader
	Writer
}

type ReadWriteCloser interface {
	ReadWriter
	Close() error
}

type memFile struct {
	data   []string
	closed bool
}

func (m *memFile) Read() string {
	if len(m.data) == 0 {
		return ""
	}
	s := m.data[0]
	m.data = m.data[1:]
	return s
}

func (m *memFile) Write(s string) { m.data = append(m.data, s) }

func (m *memFile) Close() error { m.closed = true; return nil }

func copyAll(dst Writer, src Reader) int {
	n := 0
	for s := src.Read(); s != ""; s = src.Read() {
		dst.Write(strings.ToUpper(s))
		n++
	}
	return n
}

func main() {
	src := &memFile{data: []string{"alpha"}}
	var w Writer = src
	w.Write("beta")
	dst := &memFile{}
	var rwc ReadWriteCloser = dst
	fmt.Println(copyAll(rwc, src), dst.data)
	var rw ReadWriter = rwc
	fmt.Println(rw.Read(), rwc.Close(), dst.closed)
	_, isCloser := rw.(interface{ Close() error })
	fmt.Println(isCloser)
}
