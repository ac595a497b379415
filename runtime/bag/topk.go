package bag

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
)

// TopK is the bag of the k largest items, largest first, as dask's topk,
// in one partition. key ranks them: nil for the items themselves, a
// function of an item, or as Pluck takes a map key, a field or an index of
// each item; the ranks must be numbers or strings. Items of equal rank
// keep their order. Frequencies().TopK(10, "Value") gives the ten most
// frequent items.
func (b *Bag) TopK(k int, key any) *Bag {
	op := keyOp("TopK", key)
	in, err := b.input(op)
	if err != nil {
		return broken(err)
	}
	if k < 1 {
		return broken(fmt.Errorf("bag: %s: k must be at least 1, got %d", op, k))
	}
	var keys step
	if key != nil {
		if keys, err = keyStep(op, key); err != nil {
			return broken(err)
		}
	}
	part := func(t *task, p any) (any, error) {
		ks := p
		if keys != nil {
			var err error
			if ks, err = keys(t, p, false); err != nil {
				return nil, err
			}
		}
		o, err := orderOf(ks)
		if err != nil {
			return nil, fmt.Errorf("bag: %s: partition %d: %w", op, t.part, err)
		}
		top := o.top(k)
		return ranked{items: gather(p, top), order: o.pick(top)}, nil
	}
	combine := func(partials []any) ([]any, error) {
		items := make([]any, len(partials))
		orders := make([]order, len(partials))
		for i, p := range partials {
			r := p.(ranked)
			items[i], orders[i] = r.items, r.order
		}
		o, err := joinOrders(orders)
		if err != nil {
			return nil, err
		}
		return []any{gather(concat(items, items[0]), o.top(k))}, nil
	}
	return &Bag{&node{kind: kindCombine, name: "topk-aggregate", op: op, in: in, nparts: 1,
		part: part, combine: combine, partName: "topk-part"}}
}

// ranked are a partition's top items with their ranks.
type ranked struct {
	items any
	order order
}

// order holds the ranks of items: integers, floats or strings.
type order struct {
	ints   []int64
	floats []float64
	strs   []string
	kind   reflect.Kind // reflect.Int64, Float64 or String
}

func (o order) len() int { return len(o.ints) + len(o.floats) + len(o.strs) }

// top is the indices of the k largest ranks, largest first, equal ones in
// their order.
func (o order) top(k int) []int {
	idx := make([]int, o.len())
	for i := range idx {
		idx[i] = i
	}
	switch o.kind {
	case reflect.Int64:
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(o.ints[b], o.ints[a]) })
	case reflect.Float64:
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(o.floats[b], o.floats[a]) })
	default:
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(o.strs[b], o.strs[a]) })
	}
	return idx[:min(k, len(idx))]
}

// pick is the order of the ranks at idx.
func (o order) pick(idx []int) order {
	return order{kind: o.kind, ints: pickOf(o.ints, idx), floats: pickOf(o.floats, idx), strs: pickOf(o.strs, idx)}
}

func pickOf[T any](xs []T, idx []int) []T {
	if xs == nil {
		return nil
	}
	return gatherOf(xs, idx)
}

// orderOf ranks keys, a partition of numbers or strings.
func orderOf(keys any) (order, error) {
	switch ks := keys.(type) {
	case []int:
		o := order{kind: reflect.Int64, ints: make([]int64, len(ks))}
		for i, k := range ks {
			o.ints[i] = int64(k)
		}
		return o, nil
	case []int64:
		return order{kind: reflect.Int64, ints: ks}, nil
	case []float64:
		return order{kind: reflect.Float64, floats: ks}, nil
	case []string:
		return order{kind: reflect.String, strs: ks}, nil
	}
	v := reflect.ValueOf(keys)
	parts := make([]order, v.Len())
	for i := range v.Len() {
		o, err := rank(v.Index(i))
		if err != nil {
			return order{}, err
		}
		parts[i] = o
	}
	return joinOrders(parts)
}

// rank is the order of one key.
func rank(k reflect.Value) (order, error) {
	if k.Kind() == reflect.Interface {
		k = k.Elem()
	}
	switch {
	case k.CanInt():
		return order{kind: reflect.Int64, ints: []int64{k.Int()}}, nil
	case k.CanUint() && k.Uint() <= 1<<63-1:
		return order{kind: reflect.Int64, ints: []int64{int64(k.Uint())}}, nil
	case k.CanUint():
		return order{kind: reflect.Float64, floats: []float64{float64(k.Uint())}}, nil
	case k.CanFloat():
		return order{kind: reflect.Float64, floats: []float64{k.Float()}}, nil
	case k.Kind() == reflect.String:
		return order{kind: reflect.String, strs: []string{k.String()}}, nil
	}
	what := "nil"
	if k.IsValid() {
		what = describe(k.Interface())
	}
	return order{}, fmt.Errorf("cannot rank by %s: ranks must be numbers or strings", what)
}

// joinOrders joins orders one after the other, as floats when some are
// floats and others integers; strings and numbers do not mix.
func joinOrders(orders []order) (order, error) {
	kind := reflect.Invalid
	for _, o := range orders {
		switch {
		case o.len() == 0:
		case kind == reflect.Invalid, kind == o.kind:
			kind = o.kind
		case kind == reflect.String || o.kind == reflect.String:
			return order{}, fmt.Errorf("cannot rank strings and numbers together")
		default:
			kind = reflect.Float64
		}
	}
	out := order{kind: kind}
	for _, o := range orders {
		switch kind {
		case reflect.Int64:
			out.ints = append(out.ints, o.ints...)
		case reflect.String:
			out.strs = append(out.strs, o.strs...)
		default:
			out.floats = append(out.floats, o.floats...)
			for _, i := range o.ints {
				out.floats = append(out.floats, float64(i))
			}
		}
	}
	return out, nil
}
