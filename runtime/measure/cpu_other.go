//go:build !darwin && !windows

package measure

// platformTopology has nothing to add beyond Linux's /sys and /proc.
func platformTopology() (topology, bool) { return topology{}, false }
