package ui

import "sort"

// transcript is the scrollable list of rendered messages. It never hands
// the whole transcript to anything per frame: it keeps each message's lines
// and the line number where each message starts, and View takes a window.
type transcript struct {
	entries []*entry
	starts  []int // starts[i] is the first line of entries[i]
	total   int

	width  int
	height int
	offset int  // first visible line
	follow bool // stick to the bottom as text arrives
}

// append adds an entry whose lines are already rendered.
func (t *transcript) append(e *entry) {
	t.entries = append(t.entries, e)
	t.starts = append(t.starts, t.total)
	t.total += len(e.lines)
	t.settle()
}

// last returns the newest entry, or nil.
func (t *transcript) last() *entry {
	if len(t.entries) == 0 {
		return nil
	}
	return t.entries[len(t.entries)-1]
}

// lastID is the ID of the newest entry, the parent of the next prompt.
func (t *transcript) lastID() string {
	if e := t.last(); e != nil {
		return e.id
	}
	return ""
}

// relayoutLast recomputes the total after the last entry's lines changed:
// O(1), because only the last entry ever grows.
func (t *transcript) relayoutLast() {
	n := len(t.entries)
	if n == 0 {
		t.total = 0
		return
	}
	t.total = t.starts[n-1] + len(t.entries[n-1].lines)
	t.settle()
}

// relayoutAll recomputes every start (after a resize or a theme change).
func (t *transcript) relayoutAll() {
	t.total = 0
	for i, e := range t.entries {
		t.starts[i] = t.total
		t.total += len(e.lines)
	}
	t.settle()
}

// reset empties the transcript.
func (t *transcript) reset() {
	t.entries, t.starts, t.total, t.offset, t.follow = nil, nil, 0, 0, true
}

// showEntry scrolls so that the entry with id starts at the top of the
// view, or as near as the end allows, and reports whether it is shown.
func (t *transcript) showEntry(id string) bool {
	for i, e := range t.entries {
		if e.id == id {
			t.scroll(t.starts[i] - t.offset)
			return true
		}
	}
	return false
}

// maxOffset is the offset that shows the last line at the bottom.
func (t *transcript) maxOffset() int { return max(0, t.total-t.height) }

// atBottom reports whether the last line is visible.
func (t *transcript) atBottom() bool { return t.offset >= t.maxOffset() }

// settle keeps the offset in range and at the bottom when following.
func (t *transcript) settle() {
	if t.follow {
		t.offset = t.maxOffset()
	}
	t.offset = min(max(0, t.offset), t.maxOffset())
}

// scroll moves the view by n lines; reaching the bottom resumes following.
func (t *transcript) scroll(n int) {
	t.offset = min(max(0, t.offset+n), t.maxOffset())
	t.follow = t.atBottom()
}

// window returns the visible lines, height lines exactly (padded with
// blank lines): O(height + log messages).
func (t *transcript) window() []string {
	out := make([]string, 0, t.height)
	i := sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > t.offset }) - 1
	for line := t.offset; i >= 0 && i < len(t.entries) && len(out) < t.height; i++ {
		e := t.entries[i]
		for j := line - t.starts[i]; j < len(e.lines) && len(out) < t.height; j++ {
			out = append(out, e.lines[j])
		}
		if i+1 < len(t.starts) {
			line = t.starts[i+1]
		}
	}
	for len(out) < t.height {
		out = append(out, "")
	}
	return out
}
