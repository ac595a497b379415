package bag

// Map is the bag of fn applied to every item, as dask's map: fn is a
// function of one parameter and one result, such as strings.ToUpper or
// func(x int) int { return x * x }; an error as a second result fails the
// computation when not nil.
func (b *Bag) Map(fn any) *Bag {
	in, err := b.input("Map")
	if err != nil {
		return broken(err)
	}
	op := opName("Map", fn)
	s, err := mapStep(op, fn)
	if err != nil {
		return broken(err)
	}
	return then(in, layerName("map", fn), op, s)
}

// Filter is the bag of the items for which pred returns true, as dask's
// filter: pred is a function of one parameter returning a bool, such as
// func(w string) bool { return strings.Contains(w, "a") }.
func (b *Bag) Filter(pred any) *Bag {
	in, err := b.input("Filter")
	if err != nil {
		return broken(err)
	}
	op := opName("Filter", pred)
	s, err := filterStep(op, pred)
	if err != nil {
		return broken(err)
	}
	return then(in, layerName("filter", pred), op, s)
}

// Pluck is the bag of the element key of every item, as dask's pluck: the
// value of a map's key, a struct's field named key (or numbered, for an
// int), a slice's or array's element at index key. An item without it is
// an error.
func (b *Bag) Pluck(key any) *Bag {
	in, err := b.input("Pluck")
	if err != nil {
		return broken(err)
	}
	op := "Pluck(" + keyString(key) + ")"
	s, err := pluckStep(op, key)
	if err != nil {
		return broken(err)
	}
	return then(in, "pluck", op, s)
}

// Flatten is the bag of the elements of every item, which must be slices
// or arrays, as dask's flatten: FromSequence([][]int{{1, 2}, {3}}, 0)
// flattened holds 1, 2 and 3.
func (b *Bag) Flatten() *Bag {
	in, err := b.input("Flatten")
	if err != nil {
		return broken(err)
	}
	return then(in, "flatten", "Flatten", flattenStep)
}
