package plot

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Shaped is a 2-D array of a type plot does not know, such as an
// np.Array: Image takes any value with these methods, Shape giving its
// rows and columns and Float64s its elements in row-major order.
type Shaped interface {
	Shape() []int
	Float64s() []float64
}

// matrix converts the values given to Image to a new row-major []float64
// of rows×cols elements. It panics with an *Error saying what to give
// instead for anything but a non-empty 2-D array or slice of rows.
func matrix(op string, v any) (vals []float64, rows, cols int) {
	const give = "give a 2-D np array (np.Zeros(rows, cols), x.Reshape(rows, cols)) or a [][]float64"
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || ((rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && rv.IsNil()) {
		fail(op, "the values are nil: %s", give)
	}
	switch a := v.(type) {
	case Shaped:
		shape := a.Shape()
		if len(shape) != 2 {
			fail(op, "the values have shape %s, %s: an image needs rows and columns; %s",
				shapeText(shape), dims(len(shape)), give)
		}
		rows, cols = shape[0], shape[1]
		data := a.Float64s()
		if len(data) != rows*cols {
			fail(op, "the values have shape %s but %d elements: %s", shapeText(shape), len(data), give)
		}
		vals = append(make([]float64, 0, len(data)), data...)
	case [][]float64:
		rows = len(a)
		if rows > 0 {
			cols = len(a[0])
		}
		vals = make([]float64, 0, rows*cols)
		for i, r := range a {
			if len(r) != cols {
				fail(op, "row %d has %d values but row 0 has %d: the rows of an image must be of equal length", i, len(r), cols)
			}
			vals = append(vals, r...)
		}
	default:
		vals, rows, cols = reflectMatrix(op, rv, give)
	}
	if rows == 0 || cols == 0 {
		fail(op, "the values have %d rows and %d columns: there is nothing to draw", rows, cols)
	}
	return vals, rows, cols
}

// reflectMatrix reads a slice or array of slices or arrays of numbers.
func reflectMatrix(op string, rv reflect.Value, give string) (vals []float64, rows, cols int) {
	isSeq := func(k reflect.Kind) bool { return k == reflect.Slice || k == reflect.Array }
	t := rv.Type()
	if !isSeq(t.Kind()) {
		if rv.Kind() == reflect.Struct {
			// Methods of a type declared in a cell are not seen through an
			// interface (a yaegi limit).
			fail(op, "the values are a %s: %s (for a type declared in a notebook cell, pass its rows as a [][]float64)", t, give)
		}
		fail(op, "the values are a %s: %s", t, give)
	}
	if !isSeq(t.Elem().Kind()) {
		fail(op, "the values are a %s, one dimension: an image needs rows and columns; %s", t, give)
	}
	rows = rv.Len()
	if rows > 0 {
		cols = rv.Index(0).Len()
	}
	vals = make([]float64, 0, rows*cols)
	for i := range rows {
		r := rv.Index(i)
		if r.Len() != cols {
			fail(op, "row %d has %d values but row 0 has %d: the rows of an image must be of equal length", i, r.Len(), cols)
		}
		for j := range cols {
			x, ok := number(r.Index(j))
			if !ok {
				fail(op, "the values are a %s: the elements must be integers or floats; %s", t, give)
			}
			vals = append(vals, x)
		}
	}
	return vals, rows, cols
}

// shapeText words a shape as numpy prints it: (3,) or (2, 3).
func shapeText(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// dims is "one dimension", "3 dimensions".
func dims(n int) string {
	if n == 1 {
		return "one dimension"
	}
	return fmt.Sprintf("%d dimensions", n)
}
