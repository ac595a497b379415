package main

import (
	"errors"
	"fmt"
)

var ErrInsufficient = errors.New("insufficient funds")

type Account struct {
	Owner   string
	balance int64
	history []string
}

type TransferError struct {
	From, To string
	Amount   int64
	Err      error
}

func (e *TransferError) Error() string {
	return fmt.Sprintf("transfer %d from %s to %s: %v", e.Amount, e.From, e.To, e.Err)
}

func (e *TransferError) Unwrap() error { return e.Err }
func (a *Account) Deposit(n int64) {
	a.balance += n
	a.history = append(a.history, fmt.Sprintf("+%d", n))
}

func (a *Account) Withdraw(n int64) error {
	if n > a.balance {
		return ErrInsufficient
	}
	a.balance -= n
	a.history = append(a.history, fmt.Sprintf("-%d", n))
	return nil
}

func Transfer(from, to *Account, n int64) error {
	if err := from.Withdraw(n); err != nil {
		return &TransferError{from.Owner, to.Owner, n, err}
	}
	to.Deposit(n)
	return nil
}

func main() {
	alice := &Account{Owner: "alice"}
	bob := &Account{Owner: "bob"}
	alice.Deposit(100)
	fmt.Println(Transfer(alice, bob, 30))
	err := Transfer(bob, alice, 50)
	fmt.Println(err, errors.Is(err, ErrInsufficient))
	if te, ok := err.(*TransferError); ok {
		fmt.Println("failed amount:", te.Amount)
	}
	fmt.Println(alice.balance, alice.history, bob.balance, bob.history)
}
