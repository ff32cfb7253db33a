package ui

import (
	"strings"
	"time"

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

// footer holds the transient notice shown on the status row, above the
// key help. A notice lives until it expires, until the next one replaces
// it, or until the user does something else (clear).
type footer struct {
	text string
	warn bool
	seq  int // increases with every notice
	// ticked is the seq of the newest notice whose expiry is scheduled.
	ticked int
}

// noticeExpiredMsg clears the notice it was scheduled for.
type noticeExpiredMsg struct{ seq int }

// push shows a notice. Update schedules its expiry (schedule), so every
// notice expires wherever it was pushed from.
func (f *footer) push(text string, warn bool) {
	f.seq++
	f.text, f.warn = sanitizeLine(text), warn
}

// clear removes the notice: the user has moved on.
func (f *footer) clear() { f.text = "" }

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
	return tea.Tick(life, func(time.Time) tea.Msg { return noticeExpiredMsg{seq: seq} })
}

// expire clears the notice if it is still the one the tick was for.
func (f *footer) expire(seq int) {
	if seq == f.seq {
		f.text = ""
	}
}

// statusRow is the row above the key help: a notice, or what the chat is
// doing (a reply streaming, the view scrolled up). The key help is never
// cut for it.
func (m *Model) statusRow() string {
	return ansi.Truncate(m.statusText(), m.width, "…")
}

// keyHelpRow is the last row: the short key help, always.
func (m *Model) keyHelpRow() string {
	return ansi.Truncate(m.help.ShortHelpView(m.keys.ShortHelp()), m.width, "…")
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
	case m.stream.active:
		clock := m.elapsedText()
		if e := m.stream.entry; e != nil && e.text.Len() == 0 {
			clock = "waiting " + clock // no token yet: the model may be thinking, or a retry wait
		}
		parts := []string{"● streaming " + sanitizeLine(m.model), clock}
		if !m.tr.follow { // scrolled up: the new text lands out of sight
			parts = append(parts, keyHint(m.keys.Bottom, "follows"))
		}
		parts = append(parts, m.keys.stopHint("stops"))
		return m.styles.Streaming.Render(joinHints(parts))
	case !m.tr.follow:
		return m.styles.Footer.Render(joinHints([]string{"↑ scrolled", keyHint(m.keys.Bottom, "to follow")}))
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
