package main

import (
	"encoding/json"
	"fmt"
)

type Address struct {
	Street string `json:"street"`
	City   string `json:"city"`
}

type User struct {
	ID       int               `json:"id"`
	Name     string            `json:"name"`
	Email    string            `json:"email,omitempty"`
	Password string            `json:"-"`
	Admin    bool              `json:"is_admin"`
	Tags     []string          `json:"tags"`
	Address  *Address          `json:"address,omitempty"`
	Meta     map[string]string `json:"meta,omitempty"`
}

func main() {
	u := User{ID: 7, Name: "Ada", Password: "secret", Tags: []string{"math", "code"},
		Address: &Address{"1 Engine Way", "London"}}
	data, err := json.Marshal(u)
	fmt.Println(string(data), err)

	var back User
	err = json.Unmarshal(data, &back)
	fmt.Println(err, back.Name, back.Address.City, back.Password == "", back.Tags)

	input := `{"id": 9, "name": "Linus", "email": "l@example.com", "is_admin": true, "extra": 1, "meta": {"os": "linux"}}`
	var v User
	if err := json.Unmarshal([]byte(input), &v); err != nil {
		fmt.Println("error:", err)
	}
	fmt.Printf("%+v\n", v.Meta)
	fmt.Println(v.ID, v.Email, v.Admin, v.Tags == nil, v.Address == nil)

	var bad User
	err = json.Unmarshal([]byte(`{"id": "nine"}`), &bad)
	fmt.Println(err)
	list, _ := json.Marshal([]Address{{"a", "b"}, {City: "c"}})
	fmt.Println(string(list))
}
