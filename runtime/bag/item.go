package bag

import (
	"errors"
	"fmt"
	"reflect"

	"gopar/runtime/internal/funcname"
)

// Item is a lazy single value, the reduction of a bag, as dask's Item:
// each partition is reduced on its own ("sum-part"), then the partitions'
// results are combined into one ("sum-aggregate"). An Item that could not
// be made holds the error, which Compute and Err return.
type Item struct {
	in  *node
	err error
	op  string // for errors: "Sum", "Reduction(countChars, sum)"
	// keeps tells that part may keep the partitions it is given, as a
	// function of the notebook's may.
	keeps bool

	part              partFunc
	aggregate         func(partials []any) (any, error)
	partName, aggName string
}

// Err is the error that keeps the item from being computed, or nil.
func (it *Item) Err() error {
	if it == nil {
		return errors.New("bag: a nil Item: items come from reductions of bags, such as Sum")
	}
	return it.err
}

// Compute computes the item's value. It returns the first error of an
// operation, or an error when the notebook cell is interrupted.
func (it *Item) Compute() (any, error) {
	if err := it.Err(); err != nil {
		return nil, err
	}
	return execute(it.in.work(), func(r *run) (any, error) {
		partials, err := r.stage(it.in, it.part, it.op, !it.keeps)
		if err != nil {
			return nil, err
		}
		v, err := it.aggregate(partials)
		if err != nil {
			return nil, fmt.Errorf("bag: %s: %w", it.op, err)
		}
		return v, nil
	})
}

// reduce is the item of the reduction op of b.
func (b *Bag) reduce(op, name string, part partFunc, aggregate func([]any) (any, error)) *Item {
	in, err := b.input(op)
	if err != nil {
		return &Item{err: err}
	}
	return &Item{in: in, op: op, part: part, aggregate: aggregate,
		partName: name + "-part", aggName: name + "-aggregate"}
}

// Reduction is the item of a reduction of two functions, as dask's
// reduction: perPartition reduces the items of each partition, given as a
// slice of its parameter's element type (func(words []string) int), and
// aggregate reduces the slice of their results (func(counts []int) int).
// Either may also return an error, which fails the computation when not
// nil.
func (b *Bag) Reduction(perPartition, aggregate any) *Item {
	op := "Reduction"
	if p, a := funcname.Base(perPartition), funcname.Base(aggregate); p != "" && a != "" {
		op = "Reduction(" + p + ", " + a + ")"
	}
	if _, err := b.input(op); err != nil {
		return &Item{err: err}
	}
	pv, err := checkSliceFunc(op, "perPartition", perPartition, "func(words []string) int")
	if err != nil {
		return &Item{err: err}
	}
	av, err := checkSliceFunc(op, "aggregate", aggregate, "func(counts []int) int")
	if err != nil {
		return &Item{err: err}
	}
	out, want := pv.Type().Out(0), av.Type().In(0).Elem()
	if !out.AssignableTo(want) {
		return &Item{err: fmt.Errorf("bag: %s: perPartition returns %s, which aggregate cannot take: it takes []%s", op, out, want)}
	}
	part := func(t *task, p any) (any, error) {
		xs, err := itemValues(t, p, pv.Type().In(0).Elem())
		if err != nil {
			return nil, err
		}
		v, err := callSlice(pv, xs)
		if err != nil {
			return nil, fmt.Errorf("bag: %s: partition %d: %w", op, t.part, err)
		}
		return v, nil
	}
	agg := func(partials []any) (any, error) {
		xs := reflect.MakeSlice(av.Type().In(0), len(partials), len(partials))
		for i, x := range partials {
			v, _ := convertItem(reflect.ValueOf(x), want) // perPartition returned it, so it fits
			xs.Index(i).Set(v)
		}
		return callSlice(av, xs)
	}
	it := b.reduce(op, "reduction", part, agg)
	it.keeps = true
	if name := funcname.Base(perPartition); name != "" {
		it.partName = name + "-part"
	}
	if name := funcname.Base(aggregate); name != "" {
		it.aggName = name + "-aggregate"
	}
	return it
}

// checkSliceFunc checks that fn, the argument role of op, is a function
// of a slice.
func checkSliceFunc(op, role string, fn any, example string) (reflect.Value, error) {
	fv, err := checkFunc(op+": "+role, fn, nil, example)
	if err == nil && fv.Type().In(0).Kind() != reflect.Slice {
		err = fmt.Errorf("bag: %s: %s must take a slice of items, such as %s; got %s", op, role, example, fv.Type())
	}
	return fv, err
}

// callSlice calls fn with the slice xs, turning a panic or an error
// result into an error.
func callSlice(fn, xs reflect.Value) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	var res []reflect.Value
	if fn.Type().IsVariadic() {
		res = fn.CallSlice([]reflect.Value{xs})
	} else {
		res = fn.Call([]reflect.Value{xs})
	}
	if err := resultError(res); err != nil {
		return nil, err
	}
	return res[0].Interface(), nil
}

// Sum is the item of the sum of the items, which must be numbers (a bool
// counts 1 when true): an int when they are all integers, else a float64.
func (b *Bag) Sum() *Item {
	return b.reduce("Sum", "sum", totalPart, func(partials []any) (any, error) {
		s := addTotals(partials)
		if s.float {
			return float64(s.ints) + s.floats, nil
		}
		return s.ints, nil
	})
}

// Mean is the item of the mean of the items, which must be numbers, as a
// float64. The mean of an empty bag is an error.
func (b *Bag) Mean() *Item {
	return b.reduce("Mean", "mean", totalPart, func(partials []any) (any, error) {
		s := addTotals(partials)
		if s.n == 0 {
			return nil, errors.New("the bag is empty: it has no mean")
		}
		return (float64(s.ints) + s.floats) / float64(s.n), nil
	})
}

// Count is the item of the number of items, an int.
func (b *Bag) Count() *Item {
	return b.reduce("Count", "count", func(_ *task, p any) (any, error) { return partLen(p), nil },
		func(partials []any) (any, error) {
			n := 0
			for _, c := range partials {
				n += c.(int)
			}
			return n, nil
		})
}
