// Package sysmem tells how much memory the machine has and can still give, so
// that the array packages refuse an allocation too large for it with an
// error instead of the kernel being killed by the operating system.
// Available gives bytes, and false where the figure is unknown.
package sysmem
