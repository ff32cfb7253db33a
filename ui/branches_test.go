package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// reqRecorder is handFed that keeps every request it was sent.
type reqRecorder struct {
	handFed
	mu   sync.Mutex
	reqs []client.Request
}

func (r *reqRecorder) Stream(ctx context.Context, req client.Request) *client.Stream {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.handFed.Stream(ctx, req)
}

func (r *reqRecorder) last() []client.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[len(r.reqs)-1].Messages
}

// turns writes a history as "role:text" items, for comparing.
func turns(msgs []client.Message) string {
	var parts []string
	for _, m := range msgs {
		parts = append(parts, m.Role+":"+m.Content)
	}
	return strings.Join(parts, " | ")
}

// startAll runs cmd and hands Update the stream it started, as Bubble Tea
// would; it returns the other messages.
func startAll(m *Model, cmd tea.Cmd) (*Model, []tea.Msg) {
	var rest []tea.Msg
	for _, msg := range run(cmd) {
		if started, ok := msg.(streamStartedMsg); ok {
			m, cmd = step(m, started)
			rest = append(rest, run(cmd)...)
			continue
		}
		rest = append(rest, msg)
	}
	return m, rest
}

// recordedChat is a chat whose server keeps its requests and whose store
// writes a recording journal keeps.
func recordedChat(t testing.TB, w, h int) (*Model, *reqRecorder, *recJournal) {
	rec, j := &reqRecorder{}, newRecJournal()
	opts := testOptions(newTestClock())
	opts.Client, opts.Journal = rec, j
	return newSized(t, opts, w, h), rec, j
}

// answer sends prompt and finishes its reply with text.
func answer(t testing.TB, m *Model, prompt, text string) *Model {
	m, _ = sendPrompt(t, m, prompt)
	m = deliver(m, text)
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	return m
}

// finish ends the streaming reply with text.
func finish(m *Model, text string) *Model {
	m = deliver(m, text)
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	return m
}

// shownTexts is the transcript's messages' texts, in order.
func shownTexts(m *Model) string {
	var parts []string
	for _, e := range m.tr.entries {
		parts = append(parts, e.text.String())
	}
	return strings.Join(parts, " / ")
}

// TestRegenerateAndSwitch: r on a reply asks again with the history up to
// its prompt, as a sibling; h and l switch between the two replies, the
// label shows which, and the branch shown is saved.
func TestRegenerateAndSwitch(t *testing.T) {
	m, rec, j := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m = answer(t, m, "q2", "a2")
	m, _ = press(m, tea.KeyTab, 0)
	m, cmd := press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	if !m.stream.active {
		t.Fatal("r did not start a reply")
	}
	if got, want := turns(rec.last()), "user:q1 | assistant:a1 | user:q2"; got != want {
		t.Errorf("regenerate sent %q, want %q", got, want)
	}
	m = finish(m, "a2 again")
	if got := shownTexts(m); got != "q1 / a1 / q2 / a2 again" {
		t.Errorf("transcript after regenerate: %q", got)
	}
	if !strings.Contains(screen(m), "‹ 2/2 ›") {
		t.Errorf("the new reply's label does not say ‹ 2/2 ›:\n%s", screen(m))
	}
	m, cmd = step(m, persistedMsg{}) // the writes so far are done
	m, _ = settleStore(t, m, cmd)
	m, cmd = press(m, 'h', 0)
	m, _ = settleStore(t, m, cmd)
	if got := shownTexts(m); got != "q1 / a1 / q2 / a2" || !strings.Contains(screen(m), "‹ 1/2 ›") {
		t.Errorf("h shows %q:\n%s", got, screen(m))
	}
	var leaf bool
	for _, op := range j.Ops() {
		leaf = leaf || op.Kind == "update"
	}
	if !leaf {
		t.Error("switching branches saved no leaf")
	}
	m, _ = press(m, tea.KeyRight, 0)
	if got := shownTexts(m); got != "q1 / a1 / q2 / a2 again" {
		t.Errorf("right shows %q", got)
	}
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'l', 0)
	if !strings.Contains(screen(m), "no other branch") {
		t.Errorf("l on a prompt without siblings said nothing:\n%s", screen(m))
	}
}

// TestRegenerateStopsStreaming: r on a reply still streaming stops it
// and keeps it, as the first of two branches.
func TestRegenerateStopsStreaming(t *testing.T) {
	m, rec, _ := recordedChat(t, 80, 30)
	m, _ = sendPrompt(t, m, "q")
	m = deliver(m, "partial")
	m, _ = press(m, tea.KeyTab, 0)
	old, _ := m.selected()
	m, cmd := press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	if old.status.Finished() == false || old.text.String() != "partial" {
		t.Errorf("the streaming reply was not stopped and kept: %q %v", old.text.String(), old.status)
	}
	if got := turns(rec.last()); got != "user:q" {
		t.Errorf("regenerate sent %q", got)
	}
	m = finish(m, "fresh")
	m, _ = press(m, 'h', 0)
	if got := shownTexts(m); got != "q / partial" {
		t.Errorf("h shows %q, want the stopped reply", got)
	}
}

// TestEditPrompt: e on a prompt puts it in the input, marked as editing;
// Enter sends it as a sibling of that prompt, with the history before it;
// Esc cancels an edit.
func TestEditPrompt(t *testing.T) {
	m, rec, _ := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m = answer(t, m, "q2", "a2")
	m = editPrompt(m)
	if m.sel.active || m.input.Value() != "q2" || !strings.Contains(screen(m), "editing a prompt") {
		t.Fatalf("e did not put the prompt in the input, marked as editing (input %q):\n%s", m.input.Value(), screen(m))
	}
	m, _ = press(m, tea.KeyEscape, 0)
	if m.editing != nil || m.input.Value() != "" {
		t.Fatal("esc did not cancel the edit")
	}
	m = editPrompt(m)
	m = typeText(m, " edited")
	m, cmd := press(m, tea.KeyEnter, 0)
	m, _ = startAll(m, cmd)
	if got, want := turns(rec.last()), "user:q1 | assistant:a1 | user:q2 edited"; got != want {
		t.Errorf("the edit sent %q, want %q", got, want)
	}
	m = finish(m, "a2'")
	if got := shownTexts(m); got != "q1 / a1 / q2 edited / a2'" {
		t.Errorf("transcript after the edit: %q", got)
	}
	if !strings.Contains(screen(m), "You  ‹ 2/2 ›") {
		t.Errorf("the edited prompt's label does not say ‹ 2/2 ›:\n%s", screen(m))
	}
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'h', 0)
	if got := shownTexts(m); got != "q1 / a1 / q2 / a2" {
		t.Errorf("h on the edited prompt shows %q", got)
	}
}

// TestNoReplyMark: a reply stopped before any text says the prompt gets
// no reply, and the next request leaves that prompt out.
func TestNoReplyMark(t *testing.T) {
	m, rec, _ := recordedChat(t, 80, 30)
	m, _ = sendPrompt(t, m, "lost")
	m, _ = press(m, tea.KeyEscape, 0)
	if !strings.Contains(screen(m), "no reply") {
		t.Errorf("a prompt stopped before any reply is not marked:\n%s", screen(m))
	}
	sendPrompt(t, m, "next")
	if got := turns(rec.last()); got != "user:next" {
		t.Errorf("sent %q, want the unanswered prompt left out", got)
	}
}

// TestBranchHistoryProperty: over random sequences of sends, stops,
// regenerations, edits, branch switches and deletes (some while a reply
// streams), every request is the branch shown, root to the prompt, with
// roles alternating from a user turn and no empty reply.
func TestBranchHistoryProperty(t *testing.T) {
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 7))
		m, rec, _ := recordedChat(t, 80, 30)
		for op := range 25 {
			m = randomOp(t, m, r, op)
			if len(rec.reqs) > 0 {
				checkHistory(t, seed, rec.last())
			}
			checkPath(t, seed, m)
		}
	}
}

// randomOp does one random thing to the chat and settles any reply.
func randomOp(t *testing.T, m *Model, r *rand.Rand, op int) *Model {
	var cmd tea.Cmd
	switch r.IntN(5) {
	case 0, 1:
		m, _ = sendPrompt(t, m, fmt.Sprintf("p%d", op))
	case 2, 3:
		if len(m.tr.entries) == 0 {
			return m
		}
		m, _ = press(m, tea.KeyTab, 0)
		for range r.IntN(4) {
			m, _ = press(m, 'k', 0)
		}
		keys := []rune{'r', 'e', 'h', 'l'}
		sel, _ := m.selected()
		k := keys[r.IntN(len(keys))]
		m, cmd = press(m, k, 0)
		m, _ = startAll(m, cmd)
		if m.editing != nil {
			m = typeText(m, fmt.Sprint(op))
			m, cmd = press(m, tea.KeyEnter, 0)
			m, _ = startAll(m, cmd)
		}
		// A regeneration or an edit goes in beside the message it began on.
		if n := len(m.tr.entries); (k == 'r' && sel.role == roleAssistant || k == 'e' && sel.role == roleUser) &&
			!(k == 'r' && m.tr.entries[n-1].parent == sel.parent || k == 'e' && m.tr.entries[n-2].parent == sel.parent) {
			t.Fatalf("%c on %q did not make a sibling: %q", k, sel.text.String(), shownTexts(m))
		}
		if m.sel.active {
			m, _ = press(m, tea.KeyTab, 0)
		}
	}
	if m.stream.active && r.IntN(3) == 0 {
		m = switchWhileStreaming(m, r)
		checkStreamShown(t, op, m)
	}
	if m.stream.active {
		if r.IntN(4) == 0 {
			m, _ = press(m, tea.KeyEscape, 0) // stopped before any text
		} else {
			m = finish(m, fmt.Sprintf("a%d", op))
		}
	}
	return m
}

// switchWhileStreaming moves up a few messages in select mode and shows
// another branch there, or deletes the message, while the reply streams.
func switchWhileStreaming(m *Model, r *rand.Rand) *Model {
	m, _ = press(m, tea.KeyTab, 0)
	for range r.IntN(4) {
		m, _ = press(m, 'k', 0)
	}
	switch k := []rune{'h', 'l', 'd'}[r.IntN(3)]; k {
	case 'd':
		m, _ = press(m, 'd', 0)
		m, _ = step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	default:
		m, _ = press(m, k, 0)
	}
	if m.sel.active {
		m, _ = press(m, tea.KeyTab, 0)
	}
	return m
}

// checkStreamShown holds a reply streaming to being the last message
// shown or not shown at all.
func checkStreamShown(t *testing.T, op int, m *Model) {
	t.Helper()
	if !m.stream.active {
		return
	}
	for i, e := range m.tr.entries {
		if e == m.stream.entry && i != len(m.tr.entries)-1 {
			t.Fatalf("op %d: the streaming reply is shown at %d of %d: %q", op, i, len(m.tr.entries), shownTexts(m))
		}
	}
}

// checkHistory holds a request to the rules of a history.
func checkHistory(t *testing.T, seed uint64, msgs []client.Message) {
	t.Helper()
	for i, msg := range msgs {
		want := client.RoleUser
		if i%2 == 1 {
			want = client.RoleAssistant
		}
		if msg.Role != want || strings.TrimSpace(msg.Content) == "" || (i == len(msgs)-1 && msg.Role != client.RoleUser) {
			t.Fatalf("seed %d: history %q breaks the rules at %d", seed, turns(msgs), i)
		}
	}
}

// checkPath holds the transcript to being one branch: each message's
// parent is the one before it.
func checkPath(t *testing.T, seed uint64, m *Model) {
	t.Helper()
	prev := ""
	for _, e := range m.tr.entries {
		if e.parent != prev {
			t.Fatalf("seed %d: the transcript is not one branch: %q", seed, shownTexts(m))
		}
		prev = e.id
	}
}

// TestGoldenBranchLabel: a reply regenerated twice, the second of three
// shown: its label says ‹ 2/3 ›, at 80 columns.
func TestGoldenBranchLabel(t *testing.T) {
	m, _, _ := recordedChat(t, 80, 16)
	m = answer(t, m, "Name a colour.", "Red.")
	m, _ = press(m, tea.KeyTab, 0)
	for _, text := range []string{"Blue.", "Green."} {
		var cmd tea.Cmd
		m, cmd = press(m, 'r', 0)
		m, _ = startAll(m, cmd)
		m = finish(m, text)
	}
	m, _ = press(m, 'h', 0)
	requireGolden(t, m)
}

// TestEditKeepsUnsentText: text typed but not sent before e is not lost:
// Esc, which cancels the edit, gives it back to the input, and so does
// sending the edited prompt; it is not sent with it.
func TestEditKeepsUnsentText(t *testing.T) {
	m, rec, _ := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m = typeText(m, "half a thought")
	m = editPrompt(m)
	if got := m.input.Value(); got != "q1" {
		t.Fatalf("e put %q in the input", got)
	}
	m, _ = press(m, tea.KeyEscape, 0)
	if got := m.input.Value(); got != "half a thought" || m.editing != nil {
		t.Fatalf("after Esc the input holds %q (editing %v)", got, m.editing != nil)
	}

	m = editPrompt(m)
	m = typeText(m, " again")
	m, cmd := press(m, tea.KeyEnter, 0)
	m, _ = startAll(m, cmd)
	if got, want := turns(rec.last()), "user:q1 again"; got != want {
		t.Errorf("the edit sent %q, want %q", got, want)
	}
	if got := m.input.Value(); got != "half a thought" {
		t.Errorf("after the edit was sent the input holds %q", got)
	}
}

// TestBranchLabelNarrow: on a narrow screen a reply's label keeps the
// start of its model's name and its branch, whole; the time and the
// figures give way rather than be cut.
func TestBranchLabelNarrow(t *testing.T) {
	m := chatWith(t, 80, 20, "q", "a")
	t0 := time.Date(2026, 1, 2, 12, 34, 0, 0, time.UTC)
	e := &entry{role: roleAssistant, model: "a-long-model-name-v2", created: t0, status: session.StatusComplete,
		branch: "‹ 2/3 ›", meter: meter{usage: 1234, first: t0, last: t0.Add(10 * time.Second)}}
	for _, c := range []struct {
		width int
		want  string
	}{
		{100, "▍a-long-model-name-v2 · 1,234 tokens · 123 tok/s  ‹ 2/3 ›  12:34"},
		{60, "▍a-long-model-na… · 1,234 tokens · 123 tok/s  ‹ 2/3 ›  12:34"},
		{50, "▍a-long-model… · 1,234 tokens · 123 tok/s  ‹ 2/3 ›"},
		{40, "▍a-long-model-name-v2  ‹ 2/3 ›  12:34"},
		{30, "▍a-long-model…  ‹ 2/3 ›  12:34"},
		{20, "▍a-long-mo…  ‹ 2/3 ›"},
	} {
		rc := m.renderCtx()
		rc.width = c.width
		if got := ansi.Strip(e.label(rc)); got != c.want {
			t.Errorf("at %d columns the label is %q, want %q", c.width, got, c.want)
		}
	}
}

// TestEditingHelpNarrow: while a prompt is edited the key help says what
// Esc does then (it cancels the edit, and stops no reply), and on a
// 60-column screen the status row still names it.
func TestEditingHelpNarrow(t *testing.T) {
	m, _, _ := recordedChat(t, 60, 20)
	m = answer(t, m, "q1", "a1")
	m, _ = sendPrompt(t, m, "q2")
	m = deliver(m, "part")
	m = editPrompt(m)
	if got := keyHelpLine(m); !strings.Contains(got, "esc cancel edit") || strings.Contains(got, "stop reply") {
		t.Errorf("the key help while editing: %q", got)
	}
	if got := statusLine(m); !strings.Contains(got, "esc cancels") {
		t.Errorf("the status row while editing: %q", got)
	}
	m, _ = press(m, tea.KeyEscape, 0)
	if got := keyHelpLine(m); !strings.Contains(got, "esc stop reply") || !m.stream.active {
		t.Errorf("after the edit, the key help is %q (streaming %v)", got, m.stream.active)
	}
}

// TestEditedPromptGoesOutOfSight: an edit whose prompt another branch
// hides, or a delete takes away, is an edit no more: the text stays in
// the input, the status row promises no branch, and Enter sends it as
// the next prompt of the branch shown.
func TestEditedPromptGoesOutOfSight(t *testing.T) {
	m, rec, _ := recordedChat(t, 80, 30)
	m = answer(t, m, "q1", "a1")
	m, _ = press(m, tea.KeyTab, 0)
	m, cmd := press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	m = finish(m, "a1 again")
	m, _ = press(m, tea.KeyTab, 0)
	m = answer(t, m, "q2", "a2")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'e', 0) // editing q2, under "a1 again"
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'h', 0) // a1: q2 is out of sight
	m, _ = press(m, tea.KeyTab, 0)
	if m.editing != nil || strings.Contains(screen(m), "editing a prompt") || m.input.Value() != "q2" {
		t.Fatalf("the edit goes on out of sight: input %q\n%s", m.input.Value(), screen(m))
	}
	m, cmd = press(m, tea.KeyEnter, 0)
	_, _ = startAll(m, cmd)
	if got, want := turns(rec.last()), "user:q1 | assistant:a1 | user:q2"; got != want {
		t.Errorf("Enter sent %q, want %q", got, want)
	}
}

// TestEditKeepsAttachments: an edited prompt goes with the files its
// prompt was sent with (-a); Esc gives back the files attached before.
func TestEditKeepsAttachments(t *testing.T) {
	m, _, _ := recordedChat(t, 80, 30)
	notes, err := session.NewAttachment("notes.txt", []byte("some notes\n"))
	if err != nil {
		t.Fatal(err)
	}
	m.attach.pending = []session.Attachment{notes}
	m = answer(t, m, "read this", "read")
	other, _ := session.NewAttachment("other.txt", []byte("other\n"))
	m.attach.pending = []session.Attachment{other} // for the next prompt
	m = editPrompt(m)
	if got := chips(m.attach.pending); !strings.Contains(got, "notes.txt") || strings.Contains(got, "other.txt") {
		t.Fatalf("editing, the files to go are %q", got)
	}
	m, _ = press(m, tea.KeyEscape, 0)
	if got := chips(m.attach.pending); !strings.Contains(got, "other.txt") || strings.Contains(got, "notes.txt") {
		t.Fatalf("after Esc the files to go are %q", got)
	}
	m = editPrompt(m)
	m = typeText(m, " again")
	m, cmd := press(m, tea.KeyEnter, 0)
	m, _ = startAll(m, cmd)
	sent := m.tr.entries[len(m.tr.entries)-2]
	if sent.text.String() != "read this again" || chips(sent.attachments) != chips([]session.Attachment{notes}) {
		t.Errorf("the edit went as %q with %q", sent.text.String(), chips(sent.attachments))
	}
	if got := chips(m.attach.pending); !strings.Contains(got, "other.txt") {
		t.Errorf("after the edit was sent the files to go are %q", got)
	}
}

// editPrompt selects the message above the newest (the newest prompt,
// when a reply ends the transcript) and presses e on it.
func editPrompt(m *Model) *Model {
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'e', 0)
	return m
}
