package main

import "fmt"

type Animal struct {
	Name string
	Legs int
}

func (a Animal) Describe() string {
	return fmt.Sprintf("%s has %d legs", a.Name, a.Legs)
}

func (a *Animal) Rename(n string) { a.Name = n }

type Dog struct {
	Animal
	Breed string
}

func (d Dog) Speak() string { return d.Name + " says woof" }

type Logger struct{ prefix string }

func (l *Logger) Log(msg string) { fmt.Println(l.prefix + msg) }

type Service struct {
	*Logger
	Name string
}

type Base struct{ ID int }

func (b Base) Describe() string { return fmt.Sprint("base#", b.ID) }

type Override struct {
	Base
}

func (o Override) Describe() string { return "override of " + o.Base.Describe() }

func main() {
	d := Dog{Animal{"Rex", 4}, "collie"}
	fmt.Println(d.Describe())
	fmt.Println(d.Speak())
	d.Rename("Max")
	fmt.Println(d.Name, d.Animal.Name, d.Legs)
	fmt.Printf("%+v\n", d)

	s := Service{&Logger{"[svc] "}, "api"}
	s.Log("started " + s.Name)

	o := Override{Base{7}}
	fmt.Println(o.Describe(), o.ID)

	type describer interface{ Describe() string }
	for _, x := range []describer{d, o, Base{1}} {
		fmt.Println(x.Describe())
	}
}
