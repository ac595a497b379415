package np

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Scalar is one number with its dtype, as numpy's np.int64 and np.float64
// scalars are: what [Array.Sum] gives. A sum of an int64 array is an
// exact int64 and prints as one (499999999500000000, where a float64 would
// show 4.999999995e+17); a sum of a float64 array is a float64.
//
// Use [Scalar.Float] or [Scalar.Int] for arithmetic; fmt's verbs apply to
// the number itself (%d, %.3f, %e, %v).
type Scalar struct {
	dtype DType
	i     int64
	f     float64
}

// IntScalar is v as an int64 scalar.
func IntScalar(v int64) Scalar { return Scalar{dtype: Int64, i: v} }

// FloatScalar is v as a float64 scalar.
func FloatScalar(v float64) Scalar { return Scalar{dtype: Float64, f: v} }

// DType is Int64 or Float64.
func (s Scalar) DType() DType {
	if s.dtype == Int64 {
		return Int64
	}
	return Float64
}

// Float is the number as a float64 (rounded beyond 2**53 for an int64).
func (s Scalar) Float() float64 {
	if s.dtype == Int64 {
		return float64(s.i)
	}
	return s.f
}

// Int is the number as an int64: exact for an int64, truncated towards
// zero for a float64.
func (s Scalar) Int() int64 {
	if s.dtype == Int64 {
		return s.i
	}
	return int64(s.f)
}

// String is the number as numpy prints it: digits for an int64, Go's
// shortest float form for a float64.
func (s Scalar) String() string {
	if s.dtype == Int64 {
		return strconv.FormatInt(s.i, 10)
	}
	return strconv.FormatFloat(s.f, 'g', -1, 64)
}

// Format applies fmt's verbs to the number: %d, %x to an int64, %e, %f, %g
// to either (an int64 converted), %v and %s as String.
func (s Scalar) Format(f fmt.State, verb rune) {
	var v any = s.f
	switch {
	case verb == 'v' || verb == 's':
		v = s.String()
		verb = 's'
	case s.dtype == Int64 && (verb == 'e' || verb == 'E' || verb == 'f' || verb == 'F' || verb == 'g' || verb == 'G'):
		v = float64(s.i)
	case s.dtype == Int64:
		v = s.i
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

// MarshalJSON writes the number.
func (s Scalar) MarshalJSON() ([]byte, error) {
	if s.dtype == Int64 {
		return json.Marshal(s.i)
	}
	return json.Marshal(s.f)
}
