package main

import (
	"encoding/xml"
	"fmt"
	"sort"
)

type Price struct {
	Currency string  `xml:"currency,attr"`
	Amount   float64 `xml:",chardata"`
}

type Book struct {
	XMLName xml.Name `xml:"book"`
	ID      string   `xml:"id,attr"`
	Title   string   `xml:"title"`
	Authors []string `xml:"authors>author"`
	Price   Price    `xml:"price"`
	Note    string   `xml:"note,omitempty"`
	Year    int      `xml:"year"`
}

type Catalog struct {
	XMLName xml.Name `xml:"catalog"`
	Owner   string   `xml:"owner,attr,omitempty"`
	Books   []Book   `xml:"book"`
}

type byYearThenTitle []Book

func (b byYearThenTitle) Len() int      { return len(b) }
func (b byYearThenTitle) Swap(i, j int) { b[i], b[j] = b[j], b[i] }
func (b byYearThenTitle) Less(i, j int) bool {
	if b[i].Year != b[j].Year {
		return b[i].Year < b[j].Year
	}
	return b[i].Title < b[j].Title
}

const doc = `<catalog owner="lib">
  <book id="b2"><title>Go &amp; You</title><authors><author>Ann</author><author>Bo</author></authors>
    <price currency="EUR">12.5</price><year>2020</year></book>
  <book id="b1"><title>Alpha</title><price currency="USD">9</price><year>2020</year><note>used</note></book>
  <book id="b3"><title>Old</title><price currency="EUR">1.25</price><year>1999</year></book>
</catalog>`

func main() {
	var c Catalog
	if err := xml.Unmarshal([]byte(doc), &c); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(c.Owner, len(c.Books), c.XMLName.Local)
	for _, b := range c.Books {
		fmt.Printf("%s %q %v %+v %d %q\n", b.ID, b.Title, b.Authors, b.Price, b.Year, b.Note)
	}
	sort.Sort(byYearThenTitle(c.Books))
	for _, b := range c.Books {
		fmt.Print(b.ID, " ")
	}
	fmt.Println(sort.IsSorted(byYearThenTitle(c.Books)))
	sort.Sort(sort.Reverse(byYearThenTitle(c.Books)))
	c.Owner = ""
	out, err := xml.MarshalIndent(c, "", " ")
	fmt.Println(string(out), err)
	one, _ := xml.Marshal(Price{"NOK", 3.5})
	fmt.Println(string(one))
}
