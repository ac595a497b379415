package da

import "gopar/runtime/internal/progress"

// progressConfig is how a computation shows its progress: a bar of chunks
// after a second. Tests change it.
var progressConfig = progress.Defaults("chunks")

// progressNote is what the bar says after the count when a computation
// ends with err: whatever stopped it, it did not finish.
func progressNote(err error) string {
	if err != nil {
		return "interrupted"
	}
	return ""
}
