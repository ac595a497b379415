package main

import (
	"bytes"
	"fmt"
	"io"
)

func main() {
	var buf bytes.Buffer
	buf.WriteString("hello ")
	buf.Write([]byte("world"))
	buf.WriteByte('!')
	fmt.Fprintf(&buf, " %d", 2024)
	fmt.Println(buf.String(), buf.Len())

	word := make([]byte, 5)
	n, _ := buf.Read(word)
	fmt.Println(n, string(word), buf.String())
	line, err := buf.ReadString('!')
	fmt.Printf("%q %v %q\n", line, err, buf.String())
	rest, _ := io.ReadAll(&buf)
	fmt.Printf("%q %d\n", rest, buf.Len())
	_, err = buf.ReadByte()
	fmt.Println(err == io.EOF)

	b := bytes.NewBufferString("a,b,c")
	for {
		tok, err := b.ReadBytes(',')
		fmt.Printf("%q ", bytes.TrimSuffix(tok, []byte(",")))
		if err != nil {
			break
		}
	}
	fmt.Println()

	data := []byte("  The Go Gopher  ")
	fmt.Printf("%q\n", bytes.TrimSpace(data))
	fmt.Println(bytes.Contains(data, []byte("Go")), bytes.Count(data, []byte("o")), bytes.Index(data, []byte("Gopher")))
	fmt.Println(bytes.Equal([]byte("x"), []byte("x")), string(bytes.ToUpper([]byte("up"))))
	fields := bytes.Fields(data)
	fmt.Println(len(fields), string(bytes.Join(fields, []byte("_"))))
	var out bytes.Buffer
	io.Copy(&out, bytes.NewReader([]byte("copied")))
	fmt.Println(out.String())
}
