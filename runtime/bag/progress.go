package bag

import "gopar/runtime/internal/progress"

// progressConfig is how a computation shows its progress: a bar of
// partition tasks after a second. Tests change it.
var progressConfig = progress.Defaults("partitions")

// progressNote is what the bar says after the count when a computation
// ends with err.
func progressNote(err error) string {
	if err != nil {
		return "stopped"
	}
	return ""
}
