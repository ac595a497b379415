// Package np is gopar's eager array package, in the manner of numpy:
// int64, float64 and bool arrays of one and two dimensions, computed at
// once in compiled code, their memory allocated when they are made.
//
//	x := np.Random(1, 1_000_000)               // uniform in [0, 1), seeded
//	y := np.Random(2, 1_000_000)
//	inside := x.Pow(2).Add(y.Pow(2)).LessEq(1) // bool array
//	4 * float64(inside.CountNonzero()) / 1e6   // ≈ π
//
//	a := np.Arange(12).Reshape(3, 4)           // int64 [[0 1 2 3] ...]
//	a.SumAxis(0)                               // column sums [12 15 18 21]
//	a.Div(2).Mean()                            // 2.75
//
// The API is not generic (notebook cells cannot instantiate compiled
// generics): operations take an *Array or a number as "any" and every
// array knows its DType.
//
// # Arrays
//
// Constructors: Arange, ArangeFrom, Zeros, Ones, Full, Linspace, FromSlice
// (copies a Go slice), FromFloat64/FromInt64/FromBool (wrap one), and the
// seeded random Random, Uniform and Normal. Elementwise methods return new
// arrays: Add, Sub, Mul, Div, Pow, Sqrt, Exp, Log, Abs, Neg, the
// comparisons Less, LessEq, Greater, GreaterEq, Equal, NotEqual (bool
// results), And, Or, Xor, Not on bools, AsType. Reductions: Sum (a
// [Scalar] with numpy's dtype), SumInt, Mean, Var, Std, Min, Max,
// CountNonzero, and along an axis SumAxis, MeanAxis, MinAxis, MaxAxis,
// CountNonzeroAxis. Also Sort, Reshape (shares the data, as numpy's views),
// Slice, Copy, At, Set, Len, Size, Ndim, Shape, Nbytes, and the data as Go
// slices, Float64s, Int64s, Bools, Row and RowInt64 (one row, shared).
// For domain splitting: Tiles, SetBlock, Block; for the complex plane of
// fractals: Grid and GridExtent.
//
// Dtypes follow numpy: int64 with int64 stays int64 (wrapping on overflow),
// except Div, numpy's true division, which gives float64; int64 with
// float64 gives float64; bools count as 0 and 1 in arithmetic. Shapes
// broadcast as numpy's do for two dimensions: a number or 1-element array
// with anything, a row (c,) or (1, c) with each row of an (r, c) array, a
// column (r, 1) with each column.
//
// # Errors
//
// As numpy raises exceptions, np panics: given something it cannot work
// with (shapes that do not match, a dtype an operation does not take, an
// index out of range, a negative dimension, more memory than the machine
// has), a function or method panics with an *Error whose message says
// what is wrong and what to do, for example
//
//	Array.Add: operands could not be broadcast together with shapes (5,) (4,); give arrays of the same shape, ...
//
// The kernel reports a panic as the cell's error and lives on; code that
// wants to handle one recovers it and asserts *np.Error. np panics with
// nothing else: a bug of its own that would index out of range in a worker
// goroutine is also raised in the caller's goroutine, never ending the
// process.
//
// # Memory
//
// Arrays are allocated when they are made, and written at once: Arange,
// Ones, Random and every operation's result take their full size in the
// process's memory, as numpy's do (np.Arange(1_000_000_000) takes 7.5 GiB,
// which a system monitor shows). Zeros is the exception, like numpy's
// zeros (calloc): fresh memory from the operating system reads as zero
// without being touched, so a Zeros array counts only as it is written.
//
// Before a large allocation (32 MiB or more) np compares its size with the
// memory available (on Linux MemAvailable in /proc/meminfo, within a cgroup's limit;
// on macOS the physical memory; on Windows the available commit charge;
// plus what Go's heap holds free), keeping 256 MiB for everything else; a
// request that does not fit, or whose size overflows, is refused with an
// *Error before anything is allocated, instead of the kernel being killed:
//
//	np.Arange: 100000000000 int64 elements need 745.1 GiB, but only 21.3 GiB of memory is available; use da.Arange for a chunked array computed piece by piece
//
// Memory no longer used is reused rather than the process growing: before
// allocating 256 MiB or more after other large arrays, np runs the garbage
// collector; the data of unreachable arrays of 1 to 64 MiB is kept (up to
// 256 MiB) for the next arrays of the same size, which spares zeroing it
// and faulting it in again when code makes arrays of the same size over
// and over. Arrays of 64 MiB or more are advised to use transparent huge
// pages, as numpy's are, which makes first touching fresh memory several
// times faster.
//
// # Parallelism
//
// Operations on arrays of more than 65536 elements run on all cores
// (runtime.GOMAXPROCS): the work is cut into chunks of 65536 elements,
// which the calling goroutine and up to GOMAXPROCS-1 others take in turn. Chunk boundaries do not depend on the number of cores, so
// neither do results: random chunk c is drawn from its own PCG,
// Stream(seed, c), and float64 sums add per-chunk partial sums in chunk
// order. Long operations stop when the cell is interrupted (package
// interrupt), panicking with an *Error "...: interrupted".
//
// # Printing
//
// String prints an array as numpy's str() does, with numpy's default
// options (floats in their shortest form with at most 8 decimals, aligned
// columns, lines wrapped at 75 characters, more than 1000 elements
// summarised with "..."); MIMEBundle shows that text in a notebook.
package np
