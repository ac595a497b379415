package main

import "fmt"

type Named interface {
	Name() string
}

type Aged interface {
	Age() int
}

type Person struct {
	name string
	age  int
}

func (p Person) Name() string { return p.name }
func (p Person) Age() int     { return p.age }

type Robot struct{ id int }

func (r *Robot) Name() string { return fmt.Sprintf("RX-%d", r.id) }

type Rock struct{}

func greet(v any) string {
	n, ok := v.(Named)
	if !ok {
		return fmt.Sprintf("cannot greet a %T", v)
	}
	msg := "hello " + n.Name()
	if a, ok := v.(Aged); ok {
		msg += fmt.Sprintf(", aged %d", a.Age())
	}
	return msg
}

func main() {
	things := []any{Person{"Ann", 30}, &Robot{7}, Rock{}, Robot{8}, 42}
	for _, t := range things {
		fmt.Println(greet(t))
	}
	var n Named = Person{"Bob", 50}
	a := n.(Aged)
	fmt.Println(a.Age())
	_, isPerson := n.(Person)
	_, isRobot := n.(*Robot)
	fmt.Println(isPerson, isRobot)
	defer func() {
		fmt.Println("recovered:", recover() != nil)
	}()
	var r Named = &Robot{1}
	_ = r.(Aged)
	fmt.Println("not reached")
}
