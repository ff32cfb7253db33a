package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// savedOf is the text of every delta the store was given for message id.
func savedOf(j *recJournal, id string) string {
	var b strings.Builder
	for _, op := range j.Ops() {
		if op.Kind == "delta" && op.ID == id {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// deliverSaved is deliver with the store writes the frame asks for done.
func deliverSaved(t *testing.T, m *Model, text string) *Model {
	t.Helper()
	m, _ = step(m, chunkMsg{id: m.stream.id, text: text})
	m, cmd := step(m, frameMsg{})
	m, _ = settleStore(t, m, cmd)
	return m
}

// pressSaved presses a key and does the store writes it asks for.
func pressSaved(t *testing.T, m *Model, code rune) *Model {
	t.Helper()
	m, cmd := press(m, code, 0)
	m, _ = settleStore(t, m, cmd)
	return m
}

// regenerating is a chat of q1/a1 and q2/a2 whose first reply is being
// regenerated, with a1 selected's sibling streaming "part one" and the
// store's writes done so far.
func regenerating(t *testing.T) (*Model, *recJournal) {
	t.Helper()
	m, _, j := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m = answer(t, m, "q2", "a2")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'k', 0)
	m, cmd := press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	m, cmd = step(m, persistedMsg{}) // the writes so far are done
	m, _ = settleStore(t, m, cmd)
	if !m.stream.active || shownTexts(m) != "q1 / " {
		t.Fatalf("r did not start a sibling reply: %q", shownTexts(m))
	}
	return deliverSaved(t, m, "part one"), j
}

// TestSwitchBranchWhileStreaming: h while a reply streams shows the other
// branch and the stream goes on: its chunks reach its entry and the store
// but not the branch shown, the status says where it streams, a prompt
// sent meanwhile waits as it does while any reply streams, and l shows
// the reply again, still streaming, with everything that arrived.
func TestSwitchBranchWhileStreaming(t *testing.T) {
	m, j := regenerating(t)
	reply := m.stream.entry
	m = pressSaved(t, m, 'h')
	if got := shownTexts(m); got != "q1 / a1 / q2 / a2" || !m.stream.active {
		t.Fatalf("h while streaming shows %q (streaming %v)", got, m.stream.active)
	}
	if got := statusLine(m); !strings.Contains(got, "streaming gpt-4 on another branch") {
		t.Errorf("the status does not say the reply streams elsewhere: %q", got)
	}
	narrow, _ := step(m, tea.WindowSizeMsg{Width: 40, Height: m.height})
	if got := statusLine(narrow); !strings.Contains(got, "● streaming on another branch") {
		t.Errorf("at 40 columns the status is %q, want where the reply streams whole", got)
	}
	m, _ = step(narrow, tea.WindowSizeMsg{Width: 80, Height: m.height})
	before, renders := screen(m), m.renderer.Stats().Renders
	m = deliverSaved(t, m, " part two")
	if after := screen(m); after != before {
		t.Errorf("a chunk of the hidden reply changed the screen:\n%s\nwas\n%s", after, before)
	}
	if n := m.renderer.Stats().Renders - renders; n != 0 {
		t.Errorf("a chunk of the hidden reply cost %d markdown renders, want none", n)
	}
	if got := reply.text.String(); got != "part one part two" {
		t.Errorf("the hidden reply holds %q", got)
	}

	m, _ = press(m, tea.KeyTab, 0)
	m = typeText(m, "q3")
	m, _ = press(m, tea.KeyEnter, 0)
	if !strings.Contains(statusLine(m), "still streaming") || m.input.Value() != "q3" {
		t.Errorf("a prompt sent while the hidden reply streams: %q, input %q", statusLine(m), m.input.Value())
	}
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'k', 0)
	if got := selectedText(m); got != "a1" {
		t.Fatalf("selected %q, want a1", got)
	}
	m = pressSaved(t, m, 'l')
	if got := shownTexts(m); got != "q1 / part one part two" || !m.stream.active {
		t.Fatalf("l shows %q (streaming %v)", got, m.stream.active)
	}
	if !strings.Contains(screen(m), "part one part two") || strings.Contains(statusLine(m), "another branch") {
		t.Errorf("the reply shown again:\n%s", screen(m))
	}
	m = deliverSaved(t, m, " three")
	if !strings.Contains(screen(m), "part one part two three") {
		t.Errorf("a chunk after switching back is not drawn:\n%s", screen(m))
	}
	m, cmd := step(m, chunkMsg{id: m.stream.id, ended: true})
	settleStore(t, m, cmd)
	if got := savedOf(j, reply.id); got != "part one part two three" {
		t.Errorf("the store has %q for the reply", got)
	}
}

// TestFinishWhileHidden: a reply that ends on a branch not shown is
// finished in its entry and the store, and shows whole when switched to.
func TestFinishWhileHidden(t *testing.T) {
	m, j := regenerating(t)
	reply := m.stream.entry
	m = pressSaved(t, m, 'h')
	m = deliverSaved(t, m, " and the end")
	m, cmd := step(m, chunkMsg{id: m.stream.id, ended: true})
	m, _ = settleStore(t, m, cmd)
	if m.stream.active || reply.status != session.StatusComplete || shownTexts(m) != "q1 / a1 / q2 / a2" {
		t.Fatalf("after the hidden reply ended: streaming %v, status %v, shown %q", m.stream.active, reply.status, shownTexts(m))
	}
	var finished bool
	for _, op := range j.Ops() {
		finished = finished || op.Kind == "finish" && op.ID == reply.id && op.Status == session.StatusComplete
	}
	if !finished || savedOf(j, reply.id) != "part one and the end" {
		t.Errorf("the store: finished %v, text %q", finished, savedOf(j, reply.id))
	}
	m = pressSaved(t, m, 'l')
	if !strings.Contains(screen(m), "part one and the end") {
		t.Errorf("the finished reply, shown:\n%s", screen(m))
	}
}

// TestDeleteWhileStreaming: deleting messages the streaming reply is not
// among leaves it streaming; deleting the streaming reply's subtree asks
// saying it stops, then stops it, saves it stopped, and deletes it.
func TestDeleteWhileStreaming(t *testing.T) {
	m, j := regenerating(t)
	reply := m.stream.entry
	m = pressSaved(t, m, 'h') // q1 / a1 / q2 / a2, a1 selected
	m, _ = press(m, 'j', 0)
	m, _ = press(m, 'd', 0)
	if got := strings.Join(strings.Fields(statusRows(m)), " "); !strings.Contains(got, "Delete this message and the 1 message below it") || strings.Contains(got, "stopped") {
		t.Fatalf("d on q2 asked %q", got)
	}
	m, cmd := step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	m, _ = settleStore(t, m, cmd)
	if got := shownTexts(m); got != "q1 / a1" || !m.stream.active {
		t.Fatalf("after deleting q2 mid-stream: %q, streaming %v", got, m.stream.active)
	}
	m = deliverSaved(t, m, " part two")
	m = pressSaved(t, m, 'l')
	if got := shownTexts(m); got != "q1 / part one part two" || !m.stream.active {
		t.Fatalf("l shows %q (streaming %v)", got, m.stream.active)
	}

	m, _ = press(m, 'd', 0)
	if got := strings.Join(strings.Fields(statusRows(m)), " "); !strings.Contains(got, "stopped first") {
		t.Fatalf("d on the streaming reply does not say it stops it: %q", got)
	}
	m, cmd = step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	m, _ = settleStore(t, m, cmd)
	if m.stream.active || reply.status != session.StatusStopped {
		t.Fatalf("the deleted reply still streams (%v, %v)", m.stream.active, reply.status)
	}
	if got := shownTexts(m); got != "q1 / a1" {
		t.Errorf("after deleting the streaming reply: %q", got)
	}
	var kinds []string
	for _, op := range j.Ops() {
		if op.ID == reply.id {
			kinds = append(kinds, op.Kind)
		}
	}
	if got := strings.Join(kinds, " "); !strings.HasSuffix(got, "finish delete-message") {
		t.Errorf("the store was told %q for the reply, want it finished then deleted", got)
	}
	stale := m.stream.id - 1
	m, _ = step(m, chunkMsg{id: stale, text: "late"})
	if strings.Contains(screen(m), "late") {
		t.Error("a late chunk of the deleted reply was drawn")
	}
}

// TestEditSentWhileStreaming: an edited prompt sent while a reply streams
// waits, and the notice names the key that stops the reply without
// losing the edit (Esc would cancel it): Ctrl+C stops the reply, the
// edit stays in the input, and Enter then sends it as a new branch.
func TestEditSentWhileStreaming(t *testing.T) {
	m, _, _ := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m, _ = sendPrompt(t, m, "q2")
	m = deliver(m, "part")
	m = editPrompt(m)
	m = typeText(m, " edited")
	m, _ = press(m, tea.KeyEnter, 0)
	got := statusLine(m)
	if !strings.Contains(got, "press ctrl+c to stop it first") {
		t.Fatalf("the notice does not name ctrl+c: %q", got)
	}
	m, cmd := press(m, 'c', tea.ModCtrl)
	m, _ = settle(t, m, run(cmd))
	if m.stream.active || m.input.Value() != "q2 edited" || m.editing == nil {
		t.Fatalf("ctrl+c: streaming %v, input %q, editing %v", m.stream.active, m.input.Value(), m.editing != nil)
	}
	m, _ = press(m, tea.KeyEnter, 0)
	if got := shownTexts(m); got != "q1 / a1 / q2 edited / " {
		t.Errorf("after Enter the transcript is %q", got)
	}
}

// TestRegenerateStopsHiddenStream: r on a reply while another reply
// streams out of sight, on a branch not shown, stops that reply and says
// so; r on the streaming reply itself needs no word.
func TestRegenerateStopsHiddenStream(t *testing.T) {
	m, _ := regenerating(t)
	hidden := m.stream.entry
	m = pressSaved(t, m, 'h') // a1 shown, its sibling streams unseen
	m, cmd := press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	if !hidden.status.Finished() || !strings.Contains(statusLine(m), "Stopped the reply that was streaming") {
		t.Errorf("the hidden reply was stopped without a word: %q (finished %v)", statusLine(m), hidden.status.Finished())
	}
	m = deliverSaved(t, m, "more")
	m, _ = step(m, noticeExpiredMsg{seq: m.footer.seq})
	m, cmd = press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	if strings.Contains(statusLine(m), "Stopped") {
		t.Errorf("r on the streaming reply itself: %q", statusLine(m))
	}
}
