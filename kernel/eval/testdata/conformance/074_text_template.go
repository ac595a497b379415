package main

import (
	"os"
	"strings"
	"text/template"
)

type Order struct {
	Customer string
	Items    []Line
	Paid     bool
}

type Line struct {
	Name  string
	Qty   int
	Price float64
}

func (l Line) Total() float64 { return float64(l.Qty) * l.Price }

const tmplText = `Order for {{.Customer | upper}}
{{range $i, $l := .Items}}{{inc $i}}. {{$l.Name}} x{{$l.Qty}} = {{printf "%.2f" $l.Total}}
{{else}}no items
{{end}}{{if .Paid}}Status: paid{{else}}Status: due{{end}}
{{with .Customer}}Thanks, {{.}}!{{end}}
`

func main() {
	funcs := template.FuncMap{
		"upper": strings.ToUpper,
		"inc":   func(i int) int { return i + 1 },
	}
	t := template.Must(template.New("order").Funcs(funcs).Parse(tmplText))
	orders := []Order{
		{"ann", []Line{{"pen", 3, 1.5}, {"pad", 1, 4.25}}, true},
		{"bob", nil, false},
	}
	for _, o := range orders {
		if err := t.Execute(os.Stdout, o); err != nil {
			panic(err)
		}
	}
	small := template.Must(template.New("s").Parse("{{define \"T\"}}<{{.}}>{{end}}{{template \"T\" .A}}{{len .B}}\n"))
	small.Execute(os.Stdout, map[string]any{"A": "x", "B": []int{1, 2, 3}})
}
