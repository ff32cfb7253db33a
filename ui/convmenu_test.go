package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

func (j *recJournal) Rename(id, title string) session.Notice {
	return j.add(journalOp{Kind: "rename", ID: id, Text: title})
}

func (j *recJournal) Delete(id string) session.Notice {
	return j.add(journalOp{Kind: "delete", ID: id})
}

func (listReader) Search(string, int) ([]session.Hit, error) { return nil, nil }

// oneConv lists one conversation.
type oneConv struct {
	listReader
	conv session.Conversation
}

func (r oneConv) List(int, int) ([]session.Conversation, error) {
	return []session.Conversation{r.conv}, nil
}

// openStore opens a store of the test's own and a journal that writes it.
func openStore(t testing.TB) (*session.Journal, *session.Store) {
	t.Helper()
	j, notices := session.OpenJournal(filepath.Join(t.TempDir(), "lockchat.db"))
	if len(notices) > 0 || j.Store() == nil {
		t.Fatalf("opening the store: %v", notices)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j, j.Store()
}

// saveChat stores a conversation of one prompt and its reply and returns
// the IDs of the conversation and of the reply.
func saveChat(t testing.TB, s *session.Store, prompt, reply string) (convID, replyID string) {
	t.Helper()
	convID, userID, replyID := session.NewID(), session.NewID(), session.NewID()
	for _, err := range []error{
		s.CreateConversation(session.Conversation{ID: convID, Created: testEpoch.Add(-72 * 3600e9)}),
		s.AddMessage(session.Message{ID: userID, ConversationID: convID, Role: session.RoleUser,
			Content: prompt, Created: testEpoch.Add(-72 * 3600e9)}),
		s.AddMessage(session.Message{ID: replyID, ConversationID: convID, ParentID: userID, Role: session.RoleAssistant,
			Content: reply, Model: "gpt-4", Status: session.StatusComplete, Created: testEpoch.Add(-72 * 3600e9)}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return convID, replyID
}

// openList presses ctrl+o and hands the list its conversations.
func openList(t *testing.T, m *Model) *Model {
	t.Helper()
	m, cmd := press(m, 'o', tea.ModCtrl)
	if cmd == nil {
		t.Fatal("ctrl+o returned no command")
	}
	msg, ok := cmd().(convsMsg)
	if !ok || msg.err != nil {
		t.Fatalf("ctrl+o's command returned %T %v", msg, msg.err)
	}
	m, _ = step(m, msg)
	return m
}

// chatted sends a prompt, finishes its reply with text and saves both.
func chatted(t *testing.T, m *Model, prompt, text string) *Model {
	t.Helper()
	m, msgs := sendPrompt(t, m, prompt)
	m, _ = settle(t, m, msgs)
	m, cmd := step(m, chunkMsg{id: m.stream.id, text: text, ended: true})
	m, _ = settleStore(t, m, cmd)
	return m
}

// opsOf returns the journal's operations of one kind, as "kind id text".
func opsOf(j *recJournal, kinds ...string) []string {
	var out []string
	for _, op := range j.Ops() {
		if slices.Contains(kinds, op.Kind) {
			out = append(out, strings.TrimSpace(op.Kind+" "+op.ID+" "+op.Text))
		}
	}
	return out
}

// TestConvListRenames: ctrl+r edits the title in the list, Enter stores
// it through the journal in a command (not in Update), and the header
// follows when it is the open conversation; the list stays open.
func TestConvListRenames(t *testing.T) {
	j, store := openStore(t)
	saveChat(t, store, "a first question", "a first answer")
	opts := testOptions(newTestClock())
	opts.Journal, opts.Reader = j, store
	m := newSized(t, opts, 100, 30)
	m = chatted(t, m, "what is the open one", "this")
	open := m.conv.ID

	m = openList(t, m)
	m, _ = press(m, 'r', tea.ModCtrl)
	m, _ = press(m, 'u', tea.ModCtrl)
	m = typeText(m, "Renamed here")
	if !strings.Contains(screen(m), "› Renamed here▏") {
		t.Fatalf("the title is not edited in its row:\n%s", screen(m))
	}
	m, cmd := press(m, tea.KeyEnter, 0)
	if c, _ := store.Conversation(open); c.Title == "Renamed here" {
		t.Errorf("the title was stored during Update, before any command ran")
	}
	m, _ = settleStore(t, m, cmd)
	if c, err := store.Conversation(open); err != nil || c.Title != "Renamed here" {
		t.Errorf("stored title %q (%v), want %q", c.Title, err, "Renamed here")
	}
	if _, ok := m.dialog.(*convMenu); !ok {
		t.Errorf("the list closed after a rename (dialog %T)", m.dialog)
	}
	s := screen(m)
	if hl := strings.SplitN(s, "\n", 2)[0]; !strings.Contains(hl, "Renamed here") {
		t.Errorf("the header does not show the new title: %q", hl)
	}
	if !strings.Contains(s, "Renamed to “Renamed here”.") {
		t.Errorf("no notice of the rename:\n%s", s)
	}
}

// TestConvListDeletesAnother: ctrl+d asks first; n keeps, y deletes
// through the journal in a command; the open conversation stays.
func TestConvListDeletesAnother(t *testing.T) {
	j, store := openStore(t)
	gone, _ := saveChat(t, store, "delete me please", "fine")
	opts := testOptions(newTestClock())
	opts.Journal, opts.Reader = j, store
	m := newSized(t, opts, 100, 30)
	m = chatted(t, m, "keep this one", "kept")
	m = openList(t, m)
	m, _ = press(m, tea.KeyDown, 0)
	m, _ = press(m, 'd', tea.ModCtrl)
	if s := screen(m); !strings.Contains(s, "Delete “delete me please”? y/n") || !strings.Contains(s, "y delete · n keep") {
		t.Fatalf("no confirmation in the dialog:\n%s", s)
	}
	m = typeText(m, "n")
	m, _ = press(m, 'd', tea.ModCtrl)
	m, cmd := step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	if _, err := store.Conversation(gone); err != nil {
		t.Errorf("deleted during Update, before any command ran: %v", err)
	}
	m, _ = settleStore(t, m, cmd)
	if _, err := store.Conversation(gone); err == nil {
		t.Errorf("the conversation is still stored")
	}
	s := screen(m)
	if strings.Count(s, "delete me please") != 1 || !strings.Contains(s, "Deleted “delete me please”.") {
		t.Errorf("the list still shows it, or no notice:\n%s", s)
	}
	if !strings.Contains(s, "kept") || len(m.tr.entries) != 2 {
		t.Errorf("the open conversation changed:\n%s", s)
	}
}

// TestConvListDeletesTheOpenOne: deleting the conversation on screen, while
// its reply streams, stops and saves the reply, then deletes, in that order,
// and starts a new conversation.
func TestConvListDeletesTheOpenOne(t *testing.T) {
	m, j := newRecorded(t, 100, 30)
	m, msgs := sendPrompt(t, m, "doomed prompt")
	m, _ = settle(t, m, msgs)
	m, cmd := step(m, chunkMsg{id: m.stream.id, text: "half a reply"})
	m, _ = settleStore(t, m, cmd)
	open, reply := m.conv.ID, m.tr.last().id
	m.opts.Reader = oneConv{conv: session.Conversation{ID: open, Title: "doomed prompt"}}
	m = openList(t, m)
	m, _ = press(m, 'd', tea.ModCtrl)
	m, cmd = step(m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	if m.stream.active || len(m.tr.entries) != 0 || m.conv.ID == open || m.convSaved {
		t.Errorf("not a new conversation: streaming %v, %d entries, same id %v", m.stream.active, len(m.tr.entries), m.conv.ID == open)
	}
	if got := opsOf(j, "delete"); len(got) != 0 {
		t.Errorf("deleted in Update: %v", got)
	}
	settleStore(t, m, cmd)
	got := opsOf(j, "finish", "delete")
	want := []string{"finish " + reply, "delete " + open}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("journal: %v, want %v", got, want)
	}
	if s := screen(m); !strings.Contains(s, "Deleted “doomed prompt”; this is a new conversation.") {
		t.Errorf("no notice:\n%s", s)
	}
}

// TestConvListWithoutJournal: with nothing saved, the list neither offers
// nor does renames and deletes.
func TestConvListWithoutJournal(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Reader = listReader{}
	m := newSized(t, opts, 100, 30)
	m = openList(t, m)
	m, c1 := press(m, 'r', tea.ModCtrl)
	m, c2 := press(m, 'd', tea.ModCtrl)
	s := screen(m)
	if strings.Contains(s, "rename") || strings.Contains(s, "Delete “") || c1 != nil || c2 != nil {
		t.Errorf("renaming or deleting offered without a journal:\n%s", s)
	}
}
