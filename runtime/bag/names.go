package bag

import "gopar/runtime/internal/funcname"

// layerName is prefix-name, where name is the function's own, as dask
// names layers after a function's __name__; prefix alone when the
// function has no name: "map-ToUpper", "map".
func layerName(prefix string, fn any) string {
	if name := funcname.Base(fn); name != "" {
		return prefix + "-" + name
	}
	return prefix
}

// opName is the operation as errors name it: "Map(ToUpper)", or "Map".
func opName(op string, fn any) string {
	if name := funcname.Base(fn); name != "" {
		return op + "(" + name + ")"
	}
	return op
}
