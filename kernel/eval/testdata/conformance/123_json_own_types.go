package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

type Status int

const (
	Active Status = iota + 1
	Banned
)

func (s Status) MarshalJSON() ([]byte, error) {
	return json.Marshal(strings.ToLower([]string{"", "ACTIVE", "BANNED"}[s]))
}

func (s *Status) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	switch name {
	case "active":
		*s = Active
	case "banned":
		*s = Banned
	default:
		return fmt.Errorf("unknown status %q", name)
	}
	return nil
}

type Address struct {
	City string `json:"city"`
	Zip  string `json:"zip,omitempty"`
}

type Member struct {
	ID       int               `json:"id"`
	Name     string            `json:"name"`
	Email    string            `json:"email,omitempty"`
	Status   Status            `json:"status"`
	Home     *Address          `json:"home,omitempty"`
	Tags     []string          `json:"tags"`
	Scores   map[string]int    `json:"scores,omitempty"`
	Extra    map[string]Status `json:"extra,omitempty"`
	password string
}

func main() {
	ms := []Member{
		{ID: 1, Name: "ann", Status: Active, Home: &Address{"Oslo", "0150"}, Tags: []string{"admin"}, password: "x"},
		{ID: 2, Name: "bo", Email: "bo@x", Status: Banned, Scores: map[string]int{"z": 1, "a": 2}, Extra: map[string]Status{"old": Active}},
	}
	b, err := json.Marshal(ms)
	fmt.Println(string(b), err)
	ind, _ := json.MarshalIndent(ms[0].Home, "", "  ")
	fmt.Println(string(ind))
	var back []Member
	err = json.Unmarshal(b, &back)
	fmt.Printf("%v %+v\n", err, back[1])
	fmt.Printf("%+v %v %q\n", *back[0].Home, back[0].Status == Active, back[0].password)
	var bad Member
	err = json.Unmarshal([]byte(`{"id":3,"status":"gone"}`), &bad)
	fmt.Println(err)
}
