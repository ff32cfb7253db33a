package ui

import "strings"

// A prompt of more than foldAt lines (a pasted log) shows folded in the
// transcript: its first foldKeep lines and a dim line counting the rest.
// Select mode unfolds it (toggleFold).
const (
	foldAt   = 12
	foldKeep = 6
	// foldLongBytes is the size past which a prompt of few lines may wrap
	// to more than foldAt screen lines, and is folded if it does.
	foldLongBytes = foldAt * 80
)

// toggleFold folds or unfolds a long prompt and reports whether it is one
// (when not, nothing changed). Its lines are then stale: the transcript
// renders it again when it lays it out (transcript.relayoutAll does at
// once).
func (e *entry) toggleFold() bool {
	if e.role != roleUser || !longPrompt(e.shown()) {
		return false
	}
	e.folded = !e.folded
	e.layout = 0
	return true
}

// longPrompt reports whether text may be folded.
func longPrompt(text string) bool {
	text = strings.TrimSuffix(text, "\n")
	return strings.Count(text, "\n") >= foldAt || len(text) > foldLongBytes
}

// promptLines are a user prompt's body lines, folded when the entry is
// and the prompt is long.
func (e *entry) promptLines(rc renderCtx, text string) []string {
	width := rc.wrapWidth()
	if !e.folded || !longPrompt(text) {
		return plainLines(text, width)
	}
	text = strings.TrimSuffix(text, "\n")
	var lines []string
	more := 0
	if n := strings.Count(text, "\n") + 1; n > foldAt {
		// Only the lines shown are wrapped; the rest are counted.
		end := 0
		for range foldKeep {
			end += strings.IndexByte(text[end:], '\n') + 1
		}
		lines, more = plainLines(text[:end-1], width), n-foldKeep
		if len(lines) > 2*foldKeep { // very long lines
			lines = lines[:foldKeep]
		}
	} else {
		lines = plainLines(text, width)
		if len(lines) <= foldAt {
			return lines
		}
		lines, more = lines[:foldKeep], len(lines)-foldKeep
	}
	count := groupThousands(more) + " more lines"
	if more == 1 {
		count = "1 more line"
	}
	return append(lines, "  "+rc.styles.Meta.Render("⋯ "+count))
}
