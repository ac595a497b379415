package bag

import (
	"fmt"
	"reflect"
	"slices"
)

// Bag is a lazy collection of items cut into partitions. Its operations
// return new bags and compute nothing until Compute; a Bag never changes
// and may be used by several goroutines at once. A Bag that an operation
// could not make (a bad argument) holds the error, which Compute and Err
// return.
type Bag struct {
	n *node
}

// Pair is an item of the bags that GroupBy and Frequencies make, as dask's
// (key, value) tuples: a key and its group, or an item and its count.
// Pluck and TopK take "Key" and "Value", or 0 and 1, to name its fields.
type Pair struct {
	Key   any
	Value any
}

type kind uint8

const (
	kindSource  kind = iota // partitions given
	kindStep                // a function applied to each partition alone
	kindCombine             // every partition reduced, then the results combined into new partitions
)

// node is one layer of a bag's task graph.
type node struct {
	kind   kind
	name   string // the layer's name, as dask's: "map-ToUpper"
	op     string // the operation, for errors: "Map(ToUpper)"
	in     *node
	nparts int
	err    error // why the bag cannot be computed

	parts []any // kindSource
	step  step  // kindStep

	// kindCombine: part (the layer partName) reduces each input
	// partition, combine (the layer name) makes the output partitions from
	// their results.
	part     partFunc
	partName string
	combine  func(partials []any) ([]any, error)
}

// step computes a partition from its input partition p. owned tells that p
// was made by this computation and may be reused for the result.
type step func(t *task, p any, owned bool) (any, error)

// partFunc reduces a partition to a value.
type partFunc func(t *task, p any) (any, error)

// broken is a bag that holds err.
func broken(err error) *Bag { return &Bag{&node{name: "error", err: err}} }

// input is the node that the operation op builds on, or the error that
// keeps op from building on it.
func (b *Bag) input(op string) (*node, error) {
	switch {
	case b == nil || b.n == nil:
		return nil, fmt.Errorf("bag: %s of a nil Bag: make bags with bag.FromSequence", op)
	case b.n.err != nil:
		return nil, b.n.err
	}
	return b.n, nil
}

// then is the bag of the step s applied to each partition of in.
func then(in *node, name, op string, s step) *Bag {
	return &Bag{&node{kind: kindStep, name: name, op: op, in: in, nparts: in.nparts, step: s}}
}

// Err is the error that keeps the bag from being computed, or nil.
func (b *Bag) Err() error {
	_, err := b.input("Err")
	return err
}

// NPartitions is the number of partitions, as dask's npartitions.
func (b *Bag) NPartitions() int {
	if b.Err() != nil {
		return 0
	}
	return b.n.nparts
}

// FromSequence makes a bag of the items of xs, a slice or array of any
// type, copied so that changing xs later does not change the bag.
// partitions is how many partitions to cut it into, as dask's npartitions:
// partitions of ceil(n/partitions) items, so there may be fewer. With
// partitions <= 0 it cuts as dask does by default: one item per partition
// for fewer than 100 items, else partitions of n/100 items (about 100
// partitions). An empty sequence makes one empty partition.
func FromSequence(xs any, partitions int) *Bag {
	v := reflect.ValueOf(xs)
	if !v.IsValid() || (v.Kind() != reflect.Slice && v.Kind() != reflect.Array) {
		return broken(fmt.Errorf("bag: FromSequence: want a slice or an array of items, got %s", describeType(xs)))
	}
	items := copyItems(v)
	n := v.Len()
	size := partitionSize(n, partitions)
	var parts []any
	for lo := 0; lo < n; lo += size {
		parts = append(parts, sliceItems(items, lo, min(lo+size, n)))
	}
	if len(parts) == 0 {
		parts = []any{items}
	}
	return &Bag{&node{kind: kindSource, name: "from_sequence", op: "FromSequence", nparts: len(parts), parts: parts}}
}

// partitionSize is the number of items of a partition, as dask's
// from_sequence chooses it.
func partitionSize(n, partitions int) int {
	switch {
	case partitions > 0:
		return max(1, (n+partitions-1)/partitions)
	case n < 100:
		return 1
	}
	return n / 100
}

// copyItems copies the slice or array v into a new slice of its element
// type; the common types without reflect.
func copyItems(v reflect.Value) any {
	if v.Kind() == reflect.Slice {
		switch xs := v.Interface().(type) {
		case []int:
			return slices.Clone(xs)
		case []float64:
			return slices.Clone(xs)
		case []string:
			return slices.Clone(xs)
		case []any:
			return slices.Clone(xs)
		}
	}
	out := reflect.MakeSlice(reflect.SliceOf(v.Type().Elem()), v.Len(), v.Len())
	reflect.Copy(out, v)
	return out.Interface()
}

// sliceItems is items[lo:hi] with its capacity cut to its length, so that
// appending to a partition never writes into the next.
func sliceItems(items any, lo, hi int) any {
	switch xs := items.(type) {
	case []int:
		return xs[lo:hi:hi]
	case []float64:
		return xs[lo:hi:hi]
	case []string:
		return xs[lo:hi:hi]
	case []any:
		return xs[lo:hi:hi]
	}
	return reflect.ValueOf(items).Slice3(lo, hi, hi).Interface()
}

// describeType names the type of v for an error message.
func describeType(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}
