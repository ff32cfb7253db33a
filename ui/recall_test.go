package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
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

// savedPrompts stores a conversation holding the given prompts, each
// answered, oldest first.
func savedPrompts(t *testing.T, store *session.Store, prompts ...string) string {
	t.Helper()
	conv := session.Conversation{ID: session.NewID(), Title: prompts[0]}
	if err := store.CreateConversation(conv); err != nil {
		t.Fatal(err)
	}
	parent := ""
	for _, p := range prompts {
		for _, sm := range []session.Message{
			{ID: session.NewID(), ConversationID: conv.ID, ParentID: parent, Role: session.RoleUser, Content: p},
			{ID: session.NewID(), ConversationID: conv.ID, Role: session.RoleAssistant, Content: "ok", Status: session.StatusComplete},
		} {
			if sm.Role == session.RoleAssistant {
				sm.ParentID = parent
			}
			if err := store.AddMessage(sm); err != nil {
				t.Fatal(err)
			}
			parent = sm.ID
		}
	}
	return conv.ID
}

// TestRecallWalksEveryConversation: ↑ in an empty input walks this
// conversation's prompts first, newest first, then every other saved
// conversation's, newest first, read in a command when the walk starts
// (Update never reads the store); ↓ walks back to the draft.
func TestRecallWalksEveryConversation(t *testing.T) {
	store, journal := tempStore(t)
	savedPrompts(t, store, "older chat, first", "older chat, second")
	savedPrompts(t, store, "newer chat", "shared words")
	opts := testOptions(newTestClock())
	opts.Reader, opts.Journal = store, journal
	m := newSized(t, opts, 80, 24)
	for _, p := range []string{"here, first", "shared words", "here, last"} {
		m, _ = sendPrompt(t, m, p)
		m, _ = step(m, chunkMsg{id: m.stream.id, text: "ok", ended: true})
	}

	m, cmd := press(m, tea.KeyUp, 0)
	if got := m.input.Value(); got != "here, last" {
		t.Fatalf("first ↑: %q, want this conversation's newest prompt", got)
	}
	loads := runNamed(cmd, "loadPrompts")
	if len(loads) != 1 {
		t.Fatalf("the first ↑ started %d loads, want 1", len(loads))
	}
	var walked []string
	for range 7 {
		walked = append(walked, m.input.Value())
		if len(walked) == 3 { // the other conversations' prompts arrive mid-walk
			m, _ = step(m, loads[0])
		}
		var again tea.Cmd
		m, again = press(m, tea.KeyUp, 0)
		if n := len(runNamed(again, "loadPrompts")); n != 0 {
			t.Fatalf("↑ during a walk loaded the prompts again (%d)", n)
		}
	}
	want := []string{"here, last", "shared words", "here, first", "newer chat",
		"older chat, second", "older chat, first", "older chat, first"}
	if strings.Join(walked, " | ") != strings.Join(want, " | ") {
		t.Errorf("↑ walked\n%q\nwant\n%q", walked, want)
	}
	for range 6 {
		m, _ = press(m, tea.KeyDown, 0)
	}
	if got := m.input.Value(); got != "" {
		t.Errorf("↓ past the newest: %q, want the empty draft", got)
	}
}

// TestRecallInANewConversation: with nothing typed here yet, ↑ shows the
// newest prompt of the other conversations as soon as they are read; a
// late answer for a walk already left is dropped.
func TestRecallInANewConversation(t *testing.T) {
	store, journal := tempStore(t)
	savedPrompts(t, store, "from yesterday")
	opts := testOptions(newTestClock())
	opts.Reader, opts.Journal = store, journal
	m := newSized(t, opts, 80, 24)

	m, cmd := press(m, tea.KeyUp, 0)
	if got := m.input.Value(); got != "" {
		t.Fatalf("before the load: %q", got)
	}
	m, _ = step(m, runNamed(cmd, "loadPrompts")[0])
	if got := m.input.Value(); got != "from yesterday" {
		t.Fatalf("after the load: %q, want the newest saved prompt", got)
	}

	m, _ = press(m, tea.KeyDown, 0) // back to the empty draft: the walk ends
	m = typeText(m, "typing")
	_, cmd = press(m, tea.KeyUp, 0)
	stale := runNamed(cmd, "loadPrompts")[0]
	m, _ = press(m, tea.KeyDown, 0)
	m = typeText(m, " more")
	m, _ = step(m, stale)
	if got := m.input.Value(); got != "typing more" {
		t.Errorf("a stale load changed the input to %q", got)
	}
}
