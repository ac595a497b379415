package bag

import (
	"errors"
	"reflect"
)

// total is the sum and count of a partition's numbers: integers are added
// as integers, so that a sum of ints stays exact and an int.
type total struct {
	ints   int
	floats float64
	float  bool // a float was added: the sum is a float64
	n      int
}

// totalPart is the total of the numbers of partition p.
func totalPart(t *task, p any) (any, error) {
	s := total{n: partLen(p)}
	switch xs := p.(type) {
	case []int:
		for _, x := range xs {
			s.ints += x
		}
	case []float64:
		s.float = true
		for _, x := range xs {
			s.floats += x
		}
	case []any:
		for i, x := range xs {
			switch x := x.(type) {
			case int:
				s.ints += x
			case float64:
				s.floats += x
				s.float = true
			default:
				if err := s.add(reflect.ValueOf(x)); err != nil {
					return nil, t.itemError(i, x, err)
				}
			}
		}
	default:
		v := reflect.ValueOf(p)
		for i := range v.Len() {
			if err := s.add(v.Index(i)); err != nil {
				return nil, t.itemError(i, v.Index(i).Interface(), err)
			}
		}
	}
	return s, nil
}

var errNotNumber = errors.New("not a number: Sum and Mean take numbers")

// add adds the number x.
func (s *total) add(x reflect.Value) error {
	if x.Kind() == reflect.Interface {
		x = x.Elem()
	}
	switch {
	case !x.IsValid():
		return errNotNumber
	case x.CanInt():
		s.ints += int(x.Int())
	case x.CanUint():
		s.ints += int(x.Uint())
	case x.CanFloat():
		s.floats += x.Float()
		s.float = true
	case x.Kind() == reflect.Bool:
		if x.Bool() {
			s.ints++
		}
	default:
		return errNotNumber
	}
	return nil
}

// addTotals adds the partitions' totals, in partition order so that a
// float sum does not depend on which goroutine finished first.
func addTotals(partials []any) total {
	var s total
	for _, p := range partials {
		t := p.(total)
		s.ints += t.ints
		s.floats += t.floats
		s.float = s.float || t.float
		s.n += t.n
	}
	return s
}
