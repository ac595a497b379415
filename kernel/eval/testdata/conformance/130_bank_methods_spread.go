package main

import (
	"errors"
	"fmt"
)

type account struct {
	owner   string
	balance int
	history []int
}

var ErrFrozen = errors.New("account frozen")

func (a *account) Deposit(n int) {
	a.balance += n
	a.history = append(a.history, n)
}

type InsufficientFunds struct {
	Need, Have int
}

func (e InsufficientFunds) Error() string { return fmt.Sprintf("need %d, have %d", e.Need, e.Have) }

func (a *account) Withdraw(n int) error {
	if a.owner == "frozen" {
		return fmt.Errorf("withdraw %d from %s: %w", n, a.owner, ErrFrozen)
	}
	if n > a.balance {
		return fmt.Errorf("withdraw from %s: %w", a.owner, InsufficientFunds{n, a.balance})
	}
	a.Deposit(-n)
	return nil
}

func transfer(from, to *account, n int) error {
	if err := from.Withdraw(n); err != nil {
		return fmt.Errorf("transfer: %w", err)
	}
	to.Deposit(n)
	return nil
}

func (a account) String() string { return fmt.Sprintf("%s:%d", a.owner, a.balance) }

func (a *account) Rename(name string) *account { a.owner = name; return a }

func main() {
	ann, bo := &account{owner: "ann"}, &account{owner: "bo", balance: 10}
	dep := ann.Deposit
	for _, n := range []int{100, 50} {
		dep(n)
	}
	fmt.Println(ann, *bo, []*account{ann, bo}, []account{*ann})
	fmt.Printf("%+v|%#v|%v\n", *bo, *bo, map[string]account{"b": *bo, "a": *ann})
	var inf InsufficientFunds
	for _, n := range []int{30, 500} {
		err := transfer(ann, bo, n)
		fmt.Println(err, errors.As(err, &inf), inf.Need-inf.Have, errors.Is(err, ErrFrozen))
	}
	frozen := (&account{balance: 1}).Rename("x").Rename("frozen")
	err := errors.Join(transfer(frozen, ann, 1), nil, transfer(ann, bo, 1000))
	fmt.Printf("%q %v %v %+v\n", err, errors.Is(err, ErrFrozen), errors.As(err, &inf), inf)
	str := bo.String
	bo.Deposit(1)
	fmt.Println(str(), bo.String(), ann.history, bo.history, fmt.Sprintf("%T %T", dep, str))
	fmt.Printf("%v %s %d %x\n", []any{ann, *bo, frozen.history}, frozen, bo.balance, ann.owner)
}
