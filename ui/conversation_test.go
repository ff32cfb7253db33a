package ui

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/lockchat/lockchat/session"
)

// TestResumeAcceptsPrefix opens a saved conversation by a unique prefix of
// its ID, as `lockchat rm` and `export` accept, and reports a clear error
// for an unknown one.
func TestResumeAcceptsPrefix(t *testing.T) {
	store, _, err := session.Open(filepath.Join(t.TempDir(), "lockchat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	conv := session.Conversation{ID: session.NewID(), Created: time.Now(), Updated: time.Now()}
	if err := store.CreateConversation(conv); err != nil {
		t.Fatal(err)
	}
	msg := session.Message{ID: session.NewID(), ConversationID: conv.ID, Role: session.RoleUser,
		Content: "first question", Created: time.Now(), Status: session.StatusComplete}
	if err := store.AddMessage(msg); err != nil {
		t.Fatal(err)
	}

	got := loadConversation(store, conv.ID[:9], false)().(loadedMsg)
	if got.err != nil || got.conv.ID != conv.ID || len(got.msgs) != 1 || got.msgs[0].Content != "first question" {
		t.Fatalf("resume by prefix: %+v", got)
	}
	if miss := loadConversation(store, "zzzzzz", false)().(loadedMsg); miss.err == nil {
		t.Errorf("an unknown ID opened something: %+v", miss)
	}

	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = step(m, got)
	if len(m.tr.entries) != 1 || m.conv.ID != conv.ID || !m.convSaved {
		t.Errorf("the loaded conversation is not on screen: %d entries, conv %s", len(m.tr.entries), m.conv.ID)
	}
}
