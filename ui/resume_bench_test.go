package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Run with
//
//	go test -run '^$' -bench Resume -benchtime 1x ./ui/
//
// Opening, resizing and paging a long conversation must cost what the
// screen shows, the same at 5,000 messages as at 5.

var resumeSizes = []int{5, 5000}

// resumed is a 120x40 chat that has opened a conversation of n messages.
func resumed(tb testing.TB, n int) *Model {
	tb.Helper()
	m := newSized(tb, testOptions(newTestClock()), 120, 40)
	m, _ = step(m, longHistory(n))
	_ = m.View()
	return m
}

// BenchmarkResume opens a conversation: the Update of the loaded messages
// and the first View.
func BenchmarkResume(b *testing.B) {
	for _, n := range resumeSizes {
		b.Run(fmt.Sprintf("%dmsgs", n), func(b *testing.B) {
			msg := longHistory(n)
			for b.Loop() {
				b.StopTimer()
				m := newSized(b, testOptions(newTestClock()), 120, 40)
				b.StartTimer()
				m, _ = step(m, msg)
				_ = m.View()
			}
		})
	}
}

// BenchmarkResumeResize narrows and widens the terminal of an opened
// conversation, one resize and View per round.
func BenchmarkResumeResize(b *testing.B) {
	for _, n := range resumeSizes {
		b.Run(fmt.Sprintf("%dmsgs", n), func(b *testing.B) {
			m := resumed(b, n)
			w := 120
			for b.Loop() {
				w = 200 - w // 80, 120, 80, …
				m, _ = step(m, tea.WindowSizeMsg{Width: w, Height: 40})
				_ = m.View()
			}
		})
	}
}

// BenchmarkResumePageUp pages up through an opened conversation, from the
// bottom: a key and a View per round.
func BenchmarkResumePageUp(b *testing.B) {
	for _, n := range resumeSizes {
		b.Run(fmt.Sprintf("%dmsgs", n), func(b *testing.B) {
			m := resumed(b, n)
			for b.Loop() {
				m, _ = press(m, tea.KeyPgUp, 0)
				_ = m.View()
			}
		})
	}
}
