package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// noticeLife is how long a transient footer notice stays.
const noticeLife = 6 * time.Second

// footer holds the transient notices shown in the status line.
type footer struct {
	text    string
	warn    bool
	expires time.Time
	seq     int
	// after makes the timer that clears a notice (Options.After).
	after func(time.Duration, tea.Msg) tea.Cmd
}

// noticeExpiredMsg clears the notice it was scheduled for.
type noticeExpiredMsg struct{ seq int }

// push shows a notice; the returned command clears it later.
func (f *footer) push(text string, warn bool, now time.Time) tea.Cmd {
	f.seq++
	f.text, f.warn, f.expires = sanitizeLine(text), warn, now.Add(noticeLife)
	return f.after(noticeLife, noticeExpiredMsg{seq: f.seq})
}

// expire clears the notice if it is still the one the tick was for.
func (f *footer) expire(seq int) {
	if seq == f.seq {
		f.text = ""
	}
}
