package bag

import (
	"fmt"
	"reflect"
)

// keyStep is the step that gives every item's key: fn applied to it when
// key is a function, else the element key of it, as Pluck takes.
func keyStep(op string, key any) (step, error) {
	if reflect.ValueOf(key).Kind() == reflect.Func {
		return mapStep(op, key)
	}
	return pluckStep(op, key)
}

// keyOp is the operation op of key as errors name it: "GroupBy(length)",
// "GroupBy(\"name\")".
func keyOp(op string, key any) string {
	switch {
	case key == nil:
		return op
	case reflect.ValueOf(key).Kind() == reflect.Func:
		return opName(op, key)
	}
	return op + "(" + keyString(key) + ")"
}

// GroupBy is the bag of the groups of items of equal key, as dask's
// groupby: key is a function of an item (func(w string) int { return
// len(w) }) or, as Pluck takes, a map key, a field or an index of each
// item. Its items are Pairs of a key and its items, in a slice of the
// bag's item type ([]string for a bag of strings), in the order the keys
// first appear; it has as many partitions as b.
func (b *Bag) GroupBy(key any) *Bag {
	op := keyOp("GroupBy", key)
	in, err := b.input(op)
	if err != nil {
		return broken(err)
	}
	keys, err := keyStep(op, key)
	if err != nil {
		return broken(err)
	}
	part := func(t *task, p any) (any, error) {
		ks, err := keys(t, p, false)
		if err != nil {
			return nil, err
		}
		return groupPart(t, p, ks)
	}
	nparts := in.nparts
	return &Bag{&node{kind: kindCombine, name: "groupby-merge", op: op, in: in, nparts: nparts,
		part: part, partName: "groupby-part",
		combine: func(partials []any) ([]any, error) { return mergeGroups(partials, nparts), nil }}}
}

// groups are a partition's items by key, in the order keys first appear.
type groups struct {
	keys  []any
	items []any // a slice of the partition's type per key
}

func groupPart(t *task, p any, ks any) (any, error) {
	keys := appendItems(nil, ks)
	index := map[any]int{}
	var (
		g   groups
		idx [][]int
	)
	for i, k := range keys {
		if k != nil && !reflect.TypeOf(k).Comparable() {
			return nil, t.itemError(i, itemAt(p, i), fmt.Errorf("its key %s cannot be compared: a key must be a number, a string or another comparable value", describe(k)))
		}
		j, ok := index[k]
		if !ok {
			j = len(g.keys)
			index[k] = j
			g.keys = append(g.keys, k)
			idx = append(idx, nil)
		}
		idx[j] = append(idx[j], i)
	}
	for _, is := range idx {
		g.items = append(g.items, gather(p, is))
	}
	return g, nil
}

// mergeGroups joins the partitions' groups by key and cuts them into
// nparts partitions of Pairs.
func mergeGroups(partials []any, nparts int) []any {
	index := map[any]int{}
	var (
		keys  []any
		items [][]any
	)
	for _, p := range partials {
		g := p.(groups)
		for i, k := range g.keys {
			j, ok := index[k]
			if !ok {
				j = len(keys)
				index[k] = j
				keys = append(keys, k)
				items = append(items, nil)
			}
			items[j] = append(items[j], g.items[i])
		}
	}
	pairs := make([]Pair, len(keys))
	for j, k := range keys {
		pairs[j] = Pair{Key: k, Value: concat(items[j], items[j][0])}
	}
	size := max(1, (len(pairs)+nparts-1)/nparts)
	out := make([]any, nparts)
	for i := range out {
		lo, hi := min(i*size, len(pairs)), min((i+1)*size, len(pairs))
		out[i] = pairs[lo:hi:hi]
	}
	return out
}

// itemAt is item i of partition p.
func itemAt(p any, i int) any { return reflect.ValueOf(p).Index(i).Interface() }

// Frequencies is the bag of the distinct items with the number of times
// each occurs, as dask's frequencies: Pairs of an item and its count (an
// int), in the order the items first appear, in one partition. TopK(n,
// "Value") of it gives the n most frequent.
func (b *Bag) Frequencies() *Bag {
	in, err := b.input("Frequencies")
	if err != nil {
		return broken(err)
	}
	return &Bag{&node{kind: kindCombine, name: "frequencies-aggregate", op: "Frequencies", in: in, nparts: 1,
		part: countPart, combine: mergeCounts,
		partName: "frequencies-part"}}
}

// counts are the distinct items of a partition, in the order they first
// appear, and how often each occurs.
type counts struct {
	items []any
	n     []int
}

func countPart(t *task, p any) (any, error) {
	switch xs := p.(type) {
	case []string:
		return countOf(xs), nil
	case []int:
		return countOf(xs), nil
	}
	xs := appendItems(nil, p)
	for i, x := range xs {
		if x != nil && !reflect.TypeOf(x).Comparable() {
			return nil, t.itemError(i, x, fmt.Errorf("cannot be counted: Frequencies counts numbers, strings and other comparable values"))
		}
	}
	return countOf(xs), nil
}

func countOf[T comparable](xs []T) counts {
	index := map[T]int{}
	var c counts
	for _, x := range xs {
		j, ok := index[x]
		if !ok {
			j = len(c.items)
			index[x] = j
			c.items = append(c.items, x)
			c.n = append(c.n, 0)
		}
		c.n[j]++
	}
	return c
}

func mergeCounts(partials []any) ([]any, error) {
	index := map[any]int{}
	var (
		items []any
		n     []int
	)
	for _, p := range partials {
		c := p.(counts)
		for i, x := range c.items {
			j, ok := index[x]
			if !ok {
				j = len(items)
				index[x] = j
				items = append(items, x)
				n = append(n, 0)
			}
			n[j] += c.n[i]
		}
	}
	pairs := make([]Pair, len(items))
	for j, x := range items {
		pairs[j] = Pair{Key: x, Value: n[j]}
	}
	return []any{pairs}, nil
}
