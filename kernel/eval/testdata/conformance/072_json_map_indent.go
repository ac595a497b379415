package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type Point struct {
	X, Y int
}

func main() {
	m := map[string]any{
		"name":    "config",
		"version": 2,
		"enabled": true,
		"ratio":   0.25,
		"ports":   []int{80, 443},
		"nested":  map[string]string{"b": "2", "a": "1"},
		"nothing": nil,
	}
	out, err := json.MarshalIndent(m, "", "  ")
	fmt.Println(string(out), err)

	var decoded map[string]any
	json.Unmarshal([]byte(`{"n": 1, "list": [1, "two", false], "obj": {"k": null}}`), &decoded)
	fmt.Printf("%T %v\n", decoded["n"], decoded["n"])
	fmt.Printf("%T %v\n", decoded["list"], decoded["list"])
	fmt.Println(decoded["obj"])

	pts := map[string]Point{"origin": {0, 0}, "unit": {1, 1}}
	b, _ := json.Marshal(pts)
	fmt.Println(string(b))

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent(">", "\t")
	enc.Encode([]Point{{1, 2}})

	var raw json.RawMessage
	json.Unmarshal([]byte(`{"keep": [1, 2]}`), &raw)
	fmt.Println(string(raw))
	fmt.Println(json.Valid([]byte(`{"a":}`)))
}
