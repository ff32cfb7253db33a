package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// overlay draws box centred over base, the lines of the area it covers:
// each row of the box keeps the lines' text to its left and right, so a
// dialog opens over the transcript rather than on a blank screen. A box
// taller than the area loses its last rows rather than push the input off
// a very short terminal.
func overlay(base []string, box string, width int) []string {
	rows := strings.Split(box, "\n")
	rows = rows[:min(len(rows), len(base))]
	w := 0
	for _, r := range rows {
		w = max(w, ansi.StringWidth(r))
	}
	w = min(w, width)
	x, y := (width-w)/2, (len(base)-len(rows))/2
	out := append([]string(nil), base...)
	for i, r := range rows {
		out[y+i] = splice(base[y+i], r, x, w)
	}
	return out
}

// splice puts mid, made exactly w cells wide, at column x of line. The
// line's styles are closed before mid and replayed after it; a wide
// character that either edge of mid would cut becomes a space.
func splice(line, mid string, x, w int) string {
	left := ansi.Truncate(line, x, "")
	left += strings.Repeat(" ", x-ansi.StringWidth(left))
	mid = ansi.Truncate(mid, w, "")
	mid += strings.Repeat(" ", w-ansi.StringWidth(mid))
	right := ""
	if rest := ansi.StringWidth(line) - (x + w); rest > 0 {
		right = ansi.TruncateLeft(line, x+w, "")
		if ansi.StringWidth(right) > rest {
			right = " " + ansi.TruncateLeft(line, x+w+1, "")
		}
	}
	return left + ansi.ResetStyle + mid + ansi.ResetStyle + right
}
