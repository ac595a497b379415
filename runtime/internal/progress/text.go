package progress

import (
	"fmt"
	"html"
	"strings"
	"time"
)

// barWidth is the number of characters of the bar.
const barWidth = 10

// barText is the bar's text, as "[#####     ] 52% 13/25 chunks 1.2 s".
func barText(unit string, done, total int, elapsed time.Duration) string {
	frac := 1.0
	if total > 0 {
		frac = min(1, float64(done)/float64(total))
	}
	fill := int(frac * barWidth)
	return fmt.Sprintf("[%s%s] %d%% %d/%d %s %.1f s",
		strings.Repeat("#", fill), strings.Repeat(" ", barWidth-fill),
		int(frac*100), done, total, unit, elapsed.Seconds())
}

// barHTML is the bar in a notebook: an HTML progress element and the text.
func barHTML(done, total int, text string) string {
	return fmt.Sprintf(`<div style="font-family:monospace;white-space:pre">`+
		`<progress value="%d" max="%d" style="width:16em;vertical-align:middle"></progress> %s</div>`,
		done, total, html.EscapeString(text))
}
