package delayed

import (
	"errors"

	"gopar/runtime/internal/progress"
)

// progressConfig is how a computation shows its progress: a bar of tasks
// after a second. Tests change it.
var progressConfig = progress.Defaults("tasks")

// progressNote is what the bar says after the count when a computation
// ends with err: whether it was interrupted or a task failed.
func progressNote(err error) string {
	var ie *interruptedError
	switch {
	case errors.As(err, &ie):
		return "interrupted"
	case err != nil:
		return "failed"
	}
	return ""
}
