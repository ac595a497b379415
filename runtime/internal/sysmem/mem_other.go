//go:build !linux && !darwin && !windows

package sysmem

// Available is unknown here: only requests beyond any machine are
// refused before allocating.
func Available() (float64, bool) { return 0, false }

// Total is unknown here: the kernel's memory limit is then only what
// GOPAR_MEMORY_LIMIT sets.
func Total() (float64, bool) { return 0, false }
