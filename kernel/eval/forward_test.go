package eval

import "testing"

func TestDeclarationsWaitForLaterCells(t *testing.T) {
	runSteps(t, []step{
		// isEven uses isOdd, declared by the next cell: the cell runs, and
		// isEven waits.
		{code: "func isEven(n int) bool { return n == 0 || isOdd(n-1) }"},
		{code: "isEven(4)", errName: "CompileError", errText: "isEven is not declared yet: it waits for isOdd"},
		{code: "func isOdd(n int) bool { return n != 0 && isEven(n-1) }"},
		{code: "isEven(10) && isOdd(7) && !isEven(3)", result: "true"},
		// A type waits for the type of its field, its method for it.
		{code: "type Order struct{ Lines []Line }"},
		{code: "func (o Order) Total() (t float64) {\n\tfor _, l := range o.Lines {\n\t\tt += l.Price\n\t}\n\treturn\n}"},
		{code: "type Line struct{ Price float64 }"},
		{code: "Order{Lines: []Line{{1.5}, {2}}}.Total()", result: "3.5"},
		// A cell that declares the waiting name again replaces it; other
		// errors are errors.
		{code: "func helper() int { return missing() }"},
		{code: "func helper() int { return 2 }"},
		{code: "helper()", result: "2"},
		{code: "func broken() int { return \"x\" }", errName: "CompileError", errText: "cannot use \"x\""},
		{code: "func qualified() { fmt.Pritnln() }", errName: "CompileError", errText: "undefined: fmt.Pritnln"},
	})
}
