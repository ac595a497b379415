//go:build !unix

package usertemp

// foreign is false where the temporary directory is the user's own
// (Windows: under the user's profile).
func foreign(string) bool { return false }
