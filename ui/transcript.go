package ui

import "sort"

// transcript is the scrollable list of messages. It never hands the whole
// transcript to anything per frame, and it never renders more than the
// view needs: only a run of entries around the view, entries[lo:hi], is
// laid out (rendered for the current layout, with the line where each
// starts). The run grows as the view nears its ends and moves when the
// view jumps, so opening, resizing and scrolling a conversation of 5,000
// messages renders what is on screen and a screen's margin either side.
type transcript struct {
	entries []*entry
	lo, hi  int   // entries[lo:hi] are laid out
	starts  []int // starts[i] is the first line of entries[lo+i]
	total   int   // the lines of entries[lo:hi]

	width  int
	height int
	offset int  // first visible line, in the run's lines
	follow bool // stick to the bottom as text arrives

	// layout numbers the current layout (width and theme); an entry's
	// lines hold for it when entry.layout equals it. 0: none yet.
	layout int
	// render renders an entry for the current layout.
	render func(*entry)
}

// append adds an entry whose lines are already rendered for the current
// layout. While following, the run is brought to the bottom first, so the
// new entry is laid out below it.
func (t *transcript) append(e *entry) {
	if t.follow && t.hi < len(t.entries) {
		t.toBottom()
	}
	e.layout = t.layout
	t.entries = append(t.entries, e)
	if t.hi == len(t.entries)-1 {
		t.starts = append(t.starts, t.total)
		t.total += len(e.lines)
		t.hi++
	}
	t.settle()
}

// load replaces the entries by saved ones, not rendered yet: the view
// opens at the bottom, and settle renders what it shows.
func (t *transcript) load(entries []*entry) {
	t.reset()
	t.entries = entries
	t.lo, t.hi = len(entries), len(entries)
	t.settle()
}

// prepend puts e first, above the run (the system prompt's entry).
func (t *transcript) prepend(e *entry) {
	e.layout = t.layout
	t.entries = append([]*entry{e}, t.entries...)
	t.lo++
	t.hi++
	t.settle()
}

// dropFirst removes the first entry.
func (t *transcript) dropFirst() {
	switch {
	case len(t.entries) == 0:
		return
	case t.lo > 0:
		t.lo--
		t.hi--
	case t.hi > 0: // it is laid out
		t.offset -= len(t.entries[0].lines)
		t.starts = t.starts[1:]
		t.hi--
	}
	t.entries = t.entries[1:]
	t.relayoutAll()
}

// truncate keeps the first n entries: the branch shown is cut below a
// message, to show another.
func (t *transcript) truncate(n int) {
	n = min(max(n, 0), len(t.entries))
	t.entries = t.entries[:n]
	t.hi = min(t.hi, n)
	t.lo = min(t.lo, t.hi)
	t.starts = t.starts[:t.hi-t.lo]
	t.relayoutAll()
}

// replaceFirst puts e in the place of the first entry.
func (t *transcript) replaceFirst(e *entry) {
	e.layout = t.layout
	t.entries[0] = e
	t.relayoutAll()
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
	if n == 0 || t.hi < n {
		t.settle()
		return
	}
	t.total = t.starts[n-1-t.lo] + len(t.entries[n-1].lines)
	t.settle()
}

// relayoutAll recomputes the run's starts after its entries' lines
// changed, rendering those whose layout is no longer current (an entry
// folded or unfolded).
func (t *transcript) relayoutAll() {
	t.total = 0
	for i := t.lo; i < t.hi; i++ {
		t.ensure(t.entries[i])
		t.starts[i-t.lo] = t.total
		t.total += len(t.entries[i].lines)
	}
	t.settle()
}

// newLayout makes every entry's lines stale (a new width or theme) and
// lays the view out again from the entry at its top, or from the bottom
// when following: only what the view needs is rendered.
func (t *transcript) newLayout() {
	t.layout++
	if t.follow || t.lo >= t.hi {
		n := len(t.entries)
		t.lo, t.hi, t.starts, t.total = n, n, t.starts[:0], 0
		t.toBottom()
		return
	}
	i, within := t.at(t.offset)
	t.runAt(i)
	if n := len(t.entries[i].lines); within >= n {
		within = max(0, n-1)
	}
	t.offset = within
	t.settle()
}

// reset empties the transcript.
func (t *transcript) reset() {
	t.entries, t.starts, t.total, t.offset, t.follow = nil, nil, 0, 0, true
	t.lo, t.hi = 0, 0
}

// showEntry scrolls so that the entry with id starts at the top of the
// view, or as near as the end allows, and reports whether it is shown.
func (t *transcript) showEntry(id string) bool {
	for i, e := range t.entries {
		if e.id != id {
			continue
		}
		if i < t.lo || i >= t.hi {
			t.runAt(i)
		}
		t.follow = false
		t.offset = t.starts[i-t.lo]
		t.settle()
		t.follow = t.atBottom()
		return true
	}
	return false
}

// runAt starts the run afresh at entry i, with nothing laid out yet.
func (t *transcript) runAt(i int) {
	t.lo, t.hi, t.starts, t.total, t.offset = i, i, t.starts[:0], 0, 0
	t.growDown(1)
}

// toTop shows the first line.
func (t *transcript) toTop() {
	if t.lo > 0 {
		t.runAt(0)
	}
	t.follow = false
	t.offset = 0
	t.settle()
	t.follow = t.atBottom()
}

// toBottom shows the last line and follows.
func (t *transcript) toBottom() {
	t.follow = true
	t.settle()
}

// margin is how many lines beyond the view either way are laid out, so a
// page key finds its page rendered.
func (t *transcript) margin() int { return max(1, t.height) }

// maxOffset is the offset that shows the last line of the run at the
// bottom.
func (t *transcript) maxOffset() int { return max(0, t.total-t.height) }

// atBottom reports whether the last line is visible.
func (t *transcript) atBottom() bool {
	return t.hi == len(t.entries) && t.offset >= t.maxOffset()
}

// settle lays out the entries the view and its margins need, and keeps
// the offset in range and at the bottom when following.
func (t *transcript) settle() {
	if t.follow {
		if t.hi < len(t.entries) {
			n := len(t.entries)
			t.lo, t.hi, t.starts, t.total = n, n, t.starts[:0], 0
		}
		t.offset = t.total - t.height
	}
	t.fill()
	if t.follow {
		t.offset = t.maxOffset()
	}
	t.offset = min(max(0, t.offset), t.maxOffset())
}

// fill grows the run until it covers the view and a margin on each side,
// or reaches the ends of the transcript.
func (t *transcript) fill() {
	if t.layout == 0 || t.render == nil {
		return // nothing can be rendered before the first layout
	}
	if need := t.margin() - t.offset; need > 0 && t.lo > 0 {
		t.growUp(need)
	}
	if need := t.offset + t.height + t.margin() - t.total; need > 0 && t.hi < len(t.entries) {
		t.growDown(need)
	}
}

// growUp lays out entries above the run until it has at least n more
// lines (or none are left), keeping the view where it is.
func (t *transcript) growUp(n int) {
	added, from := 0, t.lo
	for from > 0 && added < n {
		from--
		t.ensure(t.entries[from])
		added += len(t.entries[from].lines)
	}
	starts := make([]int, 0, t.hi-from)
	line := 0
	for i := from; i < t.lo; i++ {
		starts = append(starts, line)
		line += len(t.entries[i].lines)
	}
	for _, s := range t.starts {
		starts = append(starts, s+added)
	}
	t.starts, t.lo = starts, from
	t.total += added
	t.offset += added
}

// growDown lays out entries below the run until it has at least n more
// lines (or none are left).
func (t *transcript) growDown(n int) {
	for added := 0; t.hi < len(t.entries) && added < n; t.hi++ {
		e := t.entries[t.hi]
		t.ensure(e)
		t.starts = append(t.starts, t.total)
		t.total += len(e.lines)
		added += len(e.lines)
	}
}

// ensure renders e if its lines are not for the current layout.
func (t *transcript) ensure(e *entry) {
	if e.layout != t.layout && t.render != nil && t.layout != 0 {
		t.render(e)
		e.layout = t.layout
	}
}

// startOf returns the line where entry i starts, if it is laid out.
func (t *transcript) startOf(i int) (int, bool) {
	if i < t.lo || i >= t.hi {
		return 0, false
	}
	return t.starts[i-t.lo], true
}

// at returns the run's entry that holds line, and the line within it.
func (t *transcript) at(line int) (index, within int) {
	k := max(0, sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > line })-1)
	return t.lo + k, line - t.starts[k]
}

// scroll moves the view by n lines; reaching the bottom resumes following.
func (t *transcript) scroll(n int) {
	t.follow = false
	t.offset += n
	t.fill()
	t.offset = min(max(0, t.offset), t.maxOffset())
	t.fill() // the margins, from where the view ended up
	t.follow = t.atBottom()
}

// window returns the visible lines, height lines exactly (padded with
// blank lines): O(height + log messages).
func (t *transcript) window() []string {
	out := make([]string, 0, t.height)
	if t.hi == t.lo {
		for len(out) < t.height {
			out = append(out, "")
		}
		return out
	}
	i, j := t.at(t.offset)
	for ; i < t.hi && len(out) < t.height; i, j = i+1, 0 {
		for e := t.entries[i]; j < len(e.lines) && len(out) < t.height; j++ {
			out = append(out, e.lines[j])
		}
	}
	for len(out) < t.height {
		out = append(out, "")
	}
	return out
}
