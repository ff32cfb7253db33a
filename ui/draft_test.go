package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// SetDraft records a draft kept with its conversation. (The recording
// journal's other methods are in harness_test.go.)
func (j *recJournal) SetDraft(id, text string) session.Notice {
	return j.add(journalOp{Kind: "draft", ID: id, Text: text})
}

// quitsNow reports whether cmd quits (or first restores the window
// title, which then quits).
func quitsNow(cmd tea.Cmd) bool {
	return len(runNamed(cmd, "v2.Quit"))+len(runNamed(cmd, "v2.Raw")) > 0
}

// TestCtrlCKeepsTheDraft: Ctrl+C with unsent text keeps it, saved with the
// conversation (a new one is saved for it), says how to quit, and quits
// on the second press; the text stays in the input meanwhile.
func TestCtrlCKeepsTheDraft(t *testing.T) {
	m, j := newRecorded(t, 80, 24)
	m = typeText(m, "half a thought")
	m, cmd := press(m, 'c', tea.ModCtrl)
	if m.quitting || quitsNow(cmd) {
		t.Fatal("the first Ctrl+C with a draft quit")
	}
	if got := statusLine(m); !strings.Contains(got, "press ctrl+c again to quit; your draft is kept") {
		t.Errorf("status row %q", got)
	}
	if got := m.input.Value(); got != "half a thought" {
		t.Errorf("input %q after Ctrl+C, want the draft", got)
	}
	m, _ = settleStore(t, m, cmd)
	ops := j.Ops()
	if len(ops) != 2 || ops[0].Kind != "create" || ops[0].ID != m.conv.ID ||
		ops[1] != (journalOp{Kind: "draft", ID: m.conv.ID, Text: "half a thought"}) {
		t.Fatalf("store ops %v, want the conversation created and the draft kept", ops)
	}
	m, cmd = press(m, 'c', tea.ModCtrl)
	if !m.quitting || !quitsNow(cmd) {
		t.Errorf("the second Ctrl+C did not quit")
	}
	if n := len(j.Ops()); n != 2 {
		t.Errorf("%d store ops after quitting, want the draft saved once", n)
	}
}

// TestAnotherKeyRearmsCtrlC: a key between two Ctrl+C means the user went
// on; the next Ctrl+C warns again and keeps the text as it is now.
func TestAnotherKeyRearmsCtrlC(t *testing.T) {
	m, j := newRecorded(t, 80, 24)
	m = typeText(m, "draft")
	m, cmd := press(m, 'c', tea.ModCtrl)
	m, _ = settleStore(t, m, cmd)
	m = typeText(m, " two")
	m, cmd = press(m, 'c', tea.ModCtrl)
	if m.quitting || quitsNow(cmd) {
		t.Fatal("Ctrl+C after typing quit without a word")
	}
	settleStore(t, m, cmd)
	if ops := j.Ops(); ops[len(ops)-1].Text != "draft two" {
		t.Errorf("last op %v, want the draft as it is now", ops[len(ops)-1])
	}
	// With nothing typed, Ctrl+C quits at once, as before.
	empty, _ := newRecorded(t, 80, 24)
	if _, cmd := press(empty, 'c', tea.ModCtrl); !quitsNow(cmd) {
		t.Error("Ctrl+C with an empty input did not quit")
	}
}

// TestDraftComesBackOnResume: the kept draft is in the input when the
// conversation is opened again, and sending it forgets it.
func TestDraftComesBackOnResume(t *testing.T) {
	store, journal := tempStore(t)
	opts := testOptions(newTestClock())
	opts.Journal, opts.Reader = journal, store
	m := newSized(t, opts, 80, 24)
	m, sent := sendPrompt(t, m, "first")
	m, _ = settle(t, m, sent)
	var cmd tea.Cmd
	m, cmd = step(m, chunkMsg{id: m.stream.id, text: "ok", ended: true})
	m, _ = settleStore(t, m, cmd)
	m = typeText(m, "unsent words")
	m, cmd = press(m, 'c', tea.ModCtrl)
	m, _ = settleStore(t, m, cmd)
	id := m.conv.ID

	again := newSized(t, opts, 80, 24)
	again, _ = step(again, loadConversation(store, "", true)())
	if again.conv.ID != id || again.input.Value() != "unsent words" {
		t.Fatalf("resumed %s with input %q, want %s with the draft", again.conv.ID, again.input.Value(), id)
	}
	if got := statusLine(again); !strings.Contains(got, "draft is back") {
		t.Errorf("status row %q", got)
	}
	again, cmd = press(again, tea.KeyEnter, 0)
	again, _ = settleStore(t, again, cmd)
	if c, _ := store.Conversation(id); c.Draft != "" || again.conv.Draft != "" {
		t.Errorf("the sent draft is still kept: %q", c.Draft)
	}
}

// TestDraftOnlyConversationIsNamedOnResume: a conversation saved for its
// draft alone has no title yet; reopening it names it as the lists do,
// not with empty quotes.
func TestDraftOnlyConversationIsNamedOnResume(t *testing.T) {
	store, journal := tempStore(t)
	opts := testOptions(newTestClock())
	opts.Journal, opts.Reader = journal, store
	m := newSized(t, opts, 100, 24)
	m = typeText(m, "unsent words")
	m, cmd := press(m, 'c', tea.ModCtrl)
	m, _ = settleStore(t, m, cmd)

	again := newSized(t, opts, 100, 24)
	again, _ = step(again, loadConversation(store, "", true)())
	if again.conv.ID != m.conv.ID || again.input.Value() != "unsent words" {
		t.Fatalf("resumed %s with input %q, want %s with the draft", again.conv.ID, again.input.Value(), m.conv.ID)
	}
	if got := statusLine(again); !strings.HasPrefix(got, "Opened “Untitled”. Your unsent draft is back") {
		t.Errorf("status row %q", got)
	}
}
