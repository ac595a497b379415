package main

import (
	"fmt"
	"sort"
	"strings"
)

type Notifier interface {
	Notify(msg string) string
}

type EmailNotifier struct{ Addr string }

func (e EmailNotifier) Notify(msg string) string { return "email to " + e.Addr + ": " + msg }

// LoudNotifier wraps any Notifier and changes one behavior.
type LoudNotifier struct {
	Notifier
}

func (l LoudNotifier) Notify(msg string) string {
	return l.Notifier.Notify(strings.ToUpper(msg))
}

type byLen struct{ sort.StringSlice }

func (b byLen) Less(i, j int) bool { return len(b.StringSlice[i]) < len(b.StringSlice[j]) }

type countingNotifier struct {
	Notifier
	count int
}

func (c *countingNotifier) Notify(msg string) string {
	c.count++
	return c.Notifier.Notify(msg)
}

func main() {
	var n Notifier = EmailNotifier{"ops@example.com"}
	fmt.Println(n.Notify("disk at 90%"))
	n = LoudNotifier{n}
	fmt.Println(n.Notify("disk at 99%"))
	c := &countingNotifier{Notifier: EmailNotifier{"dev@example.com"}}
	c.Notify("a")
	fmt.Println(c.Notify("b"), c.count)

	words := []string{"banana", "fig", "cherry", "kiwi"}
	sort.Sort(byLen{words})
	fmt.Println(words)
	sort.Stable(sort.Reverse(byLen{words}))
	fmt.Println(words)
	var empty LoudNotifier
	defer func() { fmt.Println("nil embedded interface panics:", recover() != nil) }()
	empty.Notify("x")
}
