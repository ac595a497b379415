package main

import (
	"errors"
	"fmt"
	"strings"
)

type FieldError struct {
	Field string
	Why   string
}

func (e FieldError) Error() string { return e.Field + " " + e.Why }

func (e FieldError) Is(target error) bool {
	t, ok := target.(FieldError)
	return ok && t.Field == e.Field
}

type LimitError struct{ Max, Got int }

func (e *LimitError) Error() string { return fmt.Sprintf("got %d, max %d", e.Got, e.Max) }

type User struct {
	Name  string
	Email string
	Age   int
}

func validate(u User) error {
	var errs []error
	if u.Name == "" {
		errs = append(errs, FieldError{"name", "is required"})
	}
	if !strings.Contains(u.Email, "@") {
		errs = append(errs, FieldError{"email", "lacks @"})
	}
	if u.Age > 150 {
		errs = append(errs, fmt.Errorf("age: %w", &LimitError{150, u.Age}))
	}
	return errors.Join(errs...)
}

func main() {
	users := []User{{"ann", "ann@x.org", 30}, {"", "nope", 200}, {"cy", "cy", 1}}
	for _, u := range users {
		err := validate(u)
		fmt.Printf("%+v -> %q\n", u, fmt.Sprint(err))
		if err == nil {
			continue
		}
		fmt.Println("  email?", errors.Is(err, FieldError{Field: "email"}), "name?", errors.Is(err, FieldError{Field: "name"}))
		var le *LimitError
		if errors.As(err, &le) {
			fmt.Printf("  limit: %+v %v\n", *le, le)
		}
		var fe FieldError
		if errors.As(err, &fe) {
			fmt.Printf("  first field error: %#v\n", fe)
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			fmt.Println("  joined:", len(j.Unwrap()), errors.Unwrap(err) == nil)
		}
	}
	both := fmt.Errorf("save %s: %w; %w", "ann", FieldError{"age", "odd"}, &LimitError{1, 2})
	fmt.Println(both, errors.Is(both, FieldError{Field: "age"}), errors.Is(both, FieldError{Field: "x"}))
	var le *LimitError
	fmt.Println(errors.As(both, &le), le.Got, fmt.Sprintf("%T", both))
}
