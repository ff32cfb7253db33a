package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestRecallPrompts: ↑ and ↓ walk the conversation's prompts like a shell
// history, move the cursor inside a multi-line prompt first, and give back
// the draft past the newest prompt.
func TestRecallPrompts(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	up := func() { m, _ = press(m, tea.KeyUp, 0) }
	down := func() { m, _ = press(m, tea.KeyDown, 0) }
	want := func(v string) {
		t.Helper()
		if got := m.input.Value(); got != v {
			t.Fatalf("input = %q, want %q", got, v)
		}
	}
	up()
	want("") // nothing to recall yet

	for _, p := range []string{"first prompt", "second\nhas two lines"} {
		m.input.SetValue(p) // typeText would send at the newline
		m, _ = press(m, tea.KeyEnter, 0)
		if !m.stream.active {
			t.Fatalf("%q was not sent", p)
		}
		m = deliver(m, "reply")
		m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	}
	m = typeText(m, "draft")
	up()
	want("second\nhas two lines")
	up() // the cursor is on the prompt's last line: move up inside it
	want("second\nhas two lines")
	up()
	want("first prompt")
	up() // the oldest stays
	want("first prompt")
	down()
	want("second\nhas two lines")
	down()
	want("draft")

	// An edited recalled prompt is a draft: ↓ no longer walks the history.
	up()
	up()
	up()
	want("first prompt")
	m = typeText(m, "!")
	down()
	want("first prompt!")
}
