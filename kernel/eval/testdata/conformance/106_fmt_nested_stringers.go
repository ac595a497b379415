package main

import "fmt"

type Suit int

const (
	Spades Suit = iota
	Hearts
)

func (s Suit) String() string { return [...]string{"♠", "♥"}[s] }

type Card struct {
	Rank int
	Suit Suit
}

func (c Card) String() string { return fmt.Sprintf("%d%v", c.Rank, c.Suit) }

type Hand struct {
	Owner string
	Cards []Card
	Best  *Card
}

func main() {
	h := Hand{"ann", []Card{{10, Hearts}, {3, Spades}}, &Card{1, Spades}}
	fmt.Println(h.Cards, h.Cards[0], h.Best)
	fmt.Printf("%v|%+v\n", h, h.Cards)
	fmt.Printf("%s %q %d\n", Hearts, Spades, Hearts)
	byOwner := map[string][]Card{"bo": {{2, Hearts}}, "al": {{5, Spades}}}
	fmt.Println(byOwner)
	fmt.Println(fmt.Sprint(Suit(1), " ", Card{7, Hearts}))
}
