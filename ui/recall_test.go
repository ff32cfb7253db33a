package ui

import (
	"strings"
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

// TestRecallSurvivesANewConversation: ↑ after Ctrl+N, with a recalled
// prompt still in the input, starts over instead of reading past the end
// of the new conversation's (empty) history.
func TestRecallSurvivesANewConversation(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	for _, p := range []string{"one", "two"} {
		m, _ = sendPrompt(t, m, p)
		m, _ = step(m, chunkMsg{id: m.stream.id, text: "ok", ended: true})
	}
	m, _ = press(m, tea.KeyUp, 0)
	m, _ = press(m, 'n', tea.ModCtrl)
	m, _ = press(m, tea.KeyUp, 0)
	if got := m.input.Value(); got != "two" {
		t.Errorf("input = %q after ↑ in a new conversation, want the text left in it", got)
	}
}

// TestRecalledTallPromptKeepsTheCursorOnScreen: a recalled prompt taller
// than the input scrolls the input to its cursor at once.
func TestRecalledTallPromptKeepsTheCursorOnScreen(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m.input.SetValue(strings.Repeat("a line of a tall prompt\n", 40) + "the end")
	m, _ = press(m, tea.KeyEnter, 0)
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "ok", ended: true})
	m, _ = press(m, tea.KeyUp, 0)
	v := m.View()
	lines := strings.Split(v.Content, "\n")
	if v.Cursor == nil || v.Cursor.Y >= len(lines) || !strings.Contains(lines[v.Cursor.Y], "the end") {
		t.Errorf("cursor %+v is not on the prompt's last line:\n%s", v.Cursor, screen(m))
	}
}
