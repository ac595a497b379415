package main

import (
	"fmt"
	"slices"
)

type Category string

type Product struct {
	SKU, Name string
	Category  Category
	Price     float64
	Stock     int
}

type Inventory struct{ products map[string]*Product }

func NewInventory(ps ...Product) *Inventory {
	inv := &Inventory{products: make(map[string]*Product)}
	for i := range ps {
		inv.products[ps[i].SKU] = &ps[i]
	}
	return inv
}

func (inv *Inventory) Sell(sku string, qty int) error {
	p, ok := inv.products[sku]
	switch {
	case !ok:
		return fmt.Errorf("unknown SKU %s", sku)
	case p.Stock < qty:
		return fmt.Errorf("%s: only %d left", p.Name, p.Stock)
	}
	p.Stock -= qty
	return nil
}

func main() {
	inv := NewInventory(
		Product{"A1", "Hammer", "tools", 12.5, 10},
		Product{"A2", "Wrench", "tools", 8, 4},
		Product{"B1", "Paint", "supplies", 20, 3},
	)
	fmt.Println(inv.Sell("A1", 3), inv.Sell("B1", 5))
	fmt.Println(inv.Sell("C9", 1), inv.Sell("A2", 4))
	vals := map[Category]float64{}
	for _, p := range inv.products {
		vals[p.Category] += p.Price * float64(p.Stock)
	}
	var cats []Category
	for c := range vals {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	for _, c := range cats {
		fmt.Printf("%-9s %7.2f\n", c, vals[c])
	}
	fmt.Println(inv.products["A2"].Stock, inv.products["A1"].Stock)
}
