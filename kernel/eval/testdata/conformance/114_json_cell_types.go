package main

import (
	"encoding/json"
	"fmt"
)

type Address struct {
	City string `json:"city"`
	Zip  string `json:"zip,omitempty"`
}

type User struct {
	Name    string    `json:"name"`
	Age     int       `json:"age"`
	Emails  []string  `json:"emails"`
	Address *Address  `json:"address,omitempty"`
	Friends []Address `json:"friends"`
	secret  string
}

func main() {
	u := User{Name: "ann", Age: 31, Emails: []string{"a@x"}, Address: &Address{City: "Oslo"}, secret: "s"}
	b, err := json.Marshal(u)
	fmt.Println(string(b), err)
	var back User
	err = json.Unmarshal([]byte(`{"name":"bo","age":25,"friends":[{"city":"Rome","zip":"001"}]}`), &back)
	fmt.Println(back.Name, back.Age, back.Friends[0].City, back.Address == nil, err)
	users := []User{{Name: "cy"}, {Name: "di", Age: 3}}
	b, _ = json.MarshalIndent(users, "", " ")
	fmt.Println(string(b))
}
