package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestDeleteMessage: d asks first, any key but y keeps the message; y
// deletes the selected reply with what is under it, the transcript shows
// its remaining sibling, the store is told, and the next request is the
// branch left.
func TestDeleteMessage(t *testing.T) {
	m, rec, j := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m = answer(t, m, "q2", "a2")
	m, _ = press(m, tea.KeyTab, 0)
	m, cmd := press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	m = finish(m, "a2 again")
	m, cmd = step(m, persistedMsg{})
	m, _ = settleStore(t, m, cmd)

	m, _ = press(m, 'd', 0)
	if got := statusLine(m); !strings.Contains(got, "Delete this message?") {
		t.Fatalf("d asked nothing: %q", got)
	}
	m, _ = press(m, 'n', 0)
	if got := shownTexts(m); got != "q1 / a1 / q2 / a2 again" || !strings.Contains(statusLine(m), "Kept.") {
		t.Fatalf("n deleted something: %q, %q", got, statusLine(m))
	}

	deleted := m.sel.at.id
	m, _ = press(m, 'd', 0)
	m, cmd = step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	m, _ = settleStore(t, m, cmd)
	if got := shownTexts(m); got != "q1 / a1 / q2 / a2" || strings.Contains(screen(m), "‹") {
		t.Errorf("after the delete the transcript is %q:\n%s", got, screen(m))
	}
	var told bool
	for _, op := range j.Ops() {
		told = told || op.Kind == "delete-message" && op.ID == deleted
	}
	if !told {
		t.Error("the store was not told to delete the message")
	}

	// Deleting the second prompt takes its reply with it.
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'd', 0)
	if got := strings.Join(strings.Fields(statusRows(m)), " "); !strings.Contains(got, "and the 1 message below it") {
		t.Errorf("the question does not count what goes with it: %q", got)
	}
	m, cmd = step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	m, _ = settleStore(t, m, cmd)
	if got := shownTexts(m); got != "q1 / a1" || m.sel.at == nil || m.sel.at.text.String() != "a1" {
		t.Errorf("after deleting q2: %q, selected %v", got, m.sel.at)
	}
	m, _ = press(m, tea.KeyTab, 0)
	_, _ = sendPrompt(t, m, "q3")
	if got, want := turns(rec.last()), "user:q1 | assistant:a1 | user:q3"; got != want {
		t.Errorf("the next request is %q, want %q", got, want)
	}
}

// TestDeleteQuestionWaits: the delete question stays on the status row
// until it is answered (its notice's expiry leaves it), and once another
// notice has taken its place the next key is no answer: y copies the
// message as it always does, and nothing is deleted.
func TestDeleteQuestionWaits(t *testing.T) {
	m, _, _ := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m, _ = press(m, tea.KeyTab, 0)

	m, _ = press(m, 'd', 0)
	m, _ = step(m, noticeExpiredMsg{seq: m.footer.seq})
	if got := statusLine(m); !strings.Contains(got, "Delete this message?") {
		t.Fatalf("the question expired before it was answered: %q", got)
	}
	m, _ = press(m, 'n', 0)

	m, _ = press(m, 'd', 0)
	m, _ = step(m, copiedMsg{what: "the reply", large: true})
	if got := statusLine(m); strings.Contains(got, "Delete") {
		t.Fatalf("the question still shows: %q", got)
	}
	m, _ = step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	if got := shownTexts(m); got != "q1 / a1" {
		t.Errorf("y after the question had gone deleted the reply: %q", got)
	}
	if got := statusLine(m); !strings.Contains(got, "to the clipboard") {
		t.Errorf("y did not copy the message: %q", got)
	}
}

// TestDeleteQuestionNarrow: on a terminal too narrow for the delete
// question on one row it wraps, whole, onto the rows above the key help,
// the screen keeps its height, and the answer gives the rows back.
func TestDeleteQuestionNarrow(t *testing.T) {
	m, _, _ := recordedChat(t, 40, 20)
	m = answer(t, m, "q1", "a1")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'd', 0)
	lines := strings.Split(screen(m), "\n")
	if len(lines) != 20 {
		t.Fatalf("the screen has %d lines, want 20:\n%s", len(lines), screen(m))
	}
	if got := strings.Join(strings.Fields(statusRows(m)), " "); !strings.Contains(got, "Delete this message and the 1 message below it, on every branch? y deletes; any other key keeps it.") {
		t.Errorf("the question is not whole on the rows above the key help:\n%s", screen(m))
	}
	m, _ = press(m, 'n', 0)
	if lines := strings.Split(screen(m), "\n"); len(lines) != 20 || !strings.Contains(statusLine(m), "Kept.") {
		t.Errorf("after the answer:\n%s", screen(m))
	}
	if m.statusHeight() != 1 {
		t.Errorf("the status keeps %d rows after the answer", m.statusHeight())
	}
}

// TestDeleteQuestionWithoutCount: a question that fits the row but not
// beside the token count takes the row whole rather than be cut.
func TestDeleteQuestionWithoutCount(t *testing.T) {
	q := "Delete this message? y deletes; any other key keeps it."
	m, _, _ := recordedChat(t, len(q)+3, 20)
	m = answer(t, m, "q1", "a1")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'd', 0)
	if got := strings.TrimSpace(statusRows(m)); got != q {
		t.Errorf("the status row is %q, want the question whole", got)
	}
}
