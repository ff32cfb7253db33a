package ui

import (
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// How long a notice stays: long enough to read a sentence, short enough
// that it has gone before it reads as news about something else. A
// warning, which may hold an error to read, stays longer.
const (
	noticeLife  = 4 * time.Second
	warningLife = 8 * time.Second
)

// stickyRows is the most rows a sticky notice wraps to: enough for the
// ways on at 80 columns, few enough to leave the transcript its room.
const stickyRows = 3

// footer holds the transient notice shown on the status row, above the
// key help. A notice lives until it expires, until the next one replaces
// it, or until the user does something else (clear).
//
// A sticky notice is the other kind: a warning about the start (the
// server can't be reached, it names no model) that must be read before
// the first prompt. It never expires and clear leaves it: it goes when a
// prompt is sent or the user dismisses it. A transient notice shows over
// it while it lives, then it shows again.
type footer struct {
	text string
	warn bool
	seq  int // increases with every notice
	// ticked is the seq of the newest notice whose expiry is scheduled.
	ticked int
	sticky string
	// after makes the timer that clears a notice (Options.After).
	after func(time.Duration, tea.Msg) tea.Cmd
}

// noticeExpiredMsg clears the notice it was scheduled for.
type noticeExpiredMsg struct{ seq int }

// push shows a notice. Update schedules its expiry (schedule), so every
// notice expires wherever it was pushed from.
func (f *footer) push(text string, warn bool) {
	f.seq++
	f.text, f.warn = sanitizeLine(text), warn
}

// clear removes the notice: the user has moved on. A sticky notice stays.
func (f *footer) clear() { f.text = "" }

// setSticky shows a sticky notice, replacing any other.
func (f *footer) setSticky(text string) { f.sticky = sanitizeLine(text) }

// dismiss removes the sticky notice.
func (f *footer) dismiss() { f.sticky = "" }

// schedule returns the tick that expires the newest notice, once per
// notice; nil when there is none to schedule.
func (f *footer) schedule() tea.Cmd {
	if f.text == "" || f.ticked == f.seq {
		return nil
	}
	f.ticked = f.seq
	return f.expiry()
}

// expiry is the tick that clears the current notice after its life.
func (f *footer) expiry() tea.Cmd {
	seq, life := f.seq, noticeLife
	if f.warn {
		life = warningLife
	}
	return f.after(life, noticeExpiredMsg{seq: seq})
}

// expire clears the notice if it is still the one the tick was for.
func (f *footer) expire(seq int) {
	if seq == f.seq {
		f.text = ""
	}
}

// statusRow is the rows above the key help: a notice, or what the chat is
// doing (a reply streaming, the view scrolled up), on one row; a sticky
// notice, wrapped to statusHeight rows, when there is nothing else to say.
// The key help is never cut for it.
func (m *Model) statusRow() string {
	rows := make([]string, m.statusHeight())
	if q := m.questionLines(); len(q) > 0 && m.footer.seq == m.sel.asked && m.footer.text != "" {
		for i, l := range q {
			rows[i] = m.styles.Notice.Render(l)
		}
	} else if m.footer.text == "" && m.footer.sticky != "" {
		for i, l := range m.stickyLines() {
			rows[i] = m.styles.Notice.Render(l)
		}
	} else {
		rows[0] = m.withTokenCount(m.statusText())
	}
	return strings.Join(rows, "\n")
}

// statusRoom is the width a status has beside the token count, or the
// whole row when the count gives way (see withTokenCount).
func (m *Model) statusRoom() int {
	count := m.tokensText()
	if room := m.width - ansi.StringWidth(count) - 2; count != "" && room >= 20 {
		return room
	}
	return m.width
}

// withTokenCount puts the context's token count at the right of the
// status row; the status gives way to it, and it to a status when the row
// is too narrow for both.
func (m *Model) withTokenCount(status string) string {
	count := m.tokensText()
	if count == "" {
		return ansi.Truncate(status, m.width, "…")
	}
	room := m.width - ansi.StringWidth(count) - 2
	if room < 20 && status != "" {
		return ansi.Truncate(status, m.width, "…")
	}
	status = ansi.Truncate(status, max(0, room), "…")
	gap := max(1, m.width-ansi.StringWidth(status)-ansi.StringWidth(count))
	return status + strings.Repeat(" ", gap) + m.styles.Meta.Render(count)
}

// statusHeight is the number of status rows: those the sticky notice
// wraps to while it lives (a transient notice over it keeps them, so the
// transcript does not jump), else one.
func (m *Model) statusHeight() int {
	return max(1, len(m.stickyLines()), len(m.questionLines()))
}

// questionLines is the delete question wrapped to the width while it
// waits for its answer, when it does not fit on one row with the token
// count: the key that answers it must be read on a narrow terminal too.
// The rows stay until the answer, even if another notice takes the
// question's place, so the transcript does not jump.
func (m *Model) questionLines() []string {
	q := m.sel.question
	if m.sel.deleting == nil || q == "" || m.width <= 0 ||
		ansi.StringWidth(q)+ansi.StringWidth(m.tokensText())+2 <= m.width {
		return nil
	}
	most := max(1, m.height-4-m.input.Height())
	lines := wrapAtSpaces(q, m.width)
	if len(lines) > most {
		lines = lines[:most]
		lines[most-1] = ansi.Truncate(lines[most-1]+" …", m.width, "…")
	}
	return lines
}

// stickyLines is the sticky notice wrapped to the width, at most
// stickyRows lines and never so many that the transcript loses its last
// line (one on a short terminal), the last cut with "…".
func (m *Model) stickyLines() []string {
	if m.footer.sticky == "" || m.width <= 0 {
		return nil
	}
	// The header, the input's border, the input, the key help and a line
	// of transcript come first.
	most := min(stickyRows, max(1, m.height-4-m.input.Height()))
	lines := wrapAtSpaces(m.footer.sticky, m.width)
	if len(lines) > most {
		lines = lines[:most]
		lines[most-1] = ansi.Truncate(lines[most-1]+" …", m.width, "…")
	}
	return lines
}

// wrapAtSpaces wraps plain text at its spaces only, so that a flag such
// as --base-url is never cut at a hyphen; a word wider than the line is
// cut where the line ends.
func wrapAtSpaces(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		for ansi.StringWidth(w) > width {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			head := ansi.Truncate(w, width, "")
			if head == "" { // a wide rune on a line narrower than it
				_, size := utf8.DecodeRuneInString(w)
				head = w[:size]
			}
			lines, w = append(lines, head), w[len(head):]
		}
		switch {
		case line == "":
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
		default:
			lines, line = append(lines, line), w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// keyHelpRow is the last row: the short key help, always.
func (m *Model) keyHelpRow() string {
	if m.sel.active {
		return m.selectHelpRow()
	}
	keys := m.keys.ShortHelp()
	if m.editing != nil { // the stop key cancels the edit, streaming or not
		for i, b := range keys {
			if b.Help() == m.keys.Stop.Help() {
				b.SetHelp(b.Help().Key, "cancel edit")
				keys[i] = b
			}
		}
	}
	return ansi.Truncate(m.help.ShortHelpView(keys), m.width, "…")
}

// selectHelpRow is select mode's key help, without its least needed hints
// where the row is too narrow for all. Fitting it renders the help a few
// times, so the row is kept for its width and styles.
func (m *Model) selectHelpRow() string {
	c := &m.cache
	if !c.selectHelpValid || c.selectHelpWidth != m.width {
		whole := m.help
		whole.SetWidth(0) // measured whole, not cut
		keys := m.keys.fitSelectHelp(m.width, whole.ShortHelpView)
		c.selectHelp = ansi.Truncate(m.help.ShortHelpView(keys), m.width, "…")
		c.selectHelpWidth, c.selectHelpValid = m.width, true
	}
	return c.selectHelp
}

// statusText is a notice, else the streaming state, else the scrolled
// state. A retry's countdown shows once, in the reply it is for.
func (m *Model) statusText() string {
	switch {
	case m.footer.text != "":
		if m.footer.warn {
			return m.styles.Notice.Render(m.footer.text)
		}
		return m.styles.Footer.Render(m.footer.text)
	case m.editing != nil:
		// The way out comes before the way on, which a narrow row cuts.
		return m.styles.Notice.Render(joinHints([]string{"✎ editing a prompt", keyHint(m.keys.Stop, "cancels"),
			keyHint(m.keys.Send, "sends it as a new branch")}))
	case m.stream.active:
		clock := m.elapsedText()
		if e := m.stream.entry; e != nil && e.text.Len() == 0 {
			clock = e.think.waitWord() + clock // no answer yet, or a retry wait
		}
		parts := []string{"● streaming " + sanitizeLine(m.model), clock}
		switch {
		case !m.streamShown(): // its text lands in the store and in its entry, unseen
			parts[0] += " on another branch"
		case !m.tr.follow: // scrolled up: the new text lands out of sight
			parts = append(parts, keyHint(m.keys.Bottom, "follows"))
		}
		parts = append(parts, m.keys.stopHint("stops"))
		// A narrow row keeps where the reply streams whole: the model
		// (in the reply's label) gives way first, then the hints at the end.
		room := m.statusRoom()
		if ansi.StringWidth(joinHints(parts)) > room {
			parts[0] = strings.Replace(parts[0], " "+sanitizeLine(m.model), "", 1)
		}
		for len(parts) > 1 && ansi.StringWidth(joinHints(parts)) > room {
			parts = parts[:len(parts)-1]
		}
		return m.styles.Streaming.Render(joinHints(parts))
	case !m.tr.follow:
		return m.styles.Footer.Render(joinHints([]string{"↑ scrolled", keyHint(m.keys.Bottom, "to follow")}))
	}
	if c := m.inputChips(); c != "" { // what goes with the next prompt
		return m.styles.Meta.Render("attached " + c)
	}
	return ""
}

// joinHints joins the parts of a status with " · ", leaving out empty ones
// (hints for keys that are not bound).
func joinHints(parts []string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, " · ")
}
