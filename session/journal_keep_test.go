package session

import (
	"path/filepath"
	"strings"
	"testing"
)

// twoWindows opens one store twice, as two lockchat windows do: the first
// written through a Journal, the second used directly (lockchat rm).
func twoWindows(t *testing.T) (*Journal, *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	a, _, err := Open(path)
	must(t, err)
	j := NewJournal(a)
	t.Cleanup(func() { j.Close() })
	b, _, err := Open(path)
	must(t, err)
	t.Cleanup(func() { b.Close() })
	return j, b
}

func wantNotice(t *testing.T, n Notice, want string) {
	t.Helper()
	if n.Text != want {
		t.Fatalf("notice = %+v, want %q", n, want)
	}
}

// TestConversationDeletedWhileStreamingIsSavedAgain deletes a conversation
// from another window while a reply streams: the reply's finish saves the
// conversation again, whole, and everything written after is saved too.
func TestConversationDeletedWhileStreamingIsSavedAgain(t *testing.T) {
	j, other := twoWindows(t)
	conv, user, reply := NewID(), NewID(), NewID()
	noNotice(t, j.CreateConversation(Conversation{ID: conv, Title: "Kept title", Provider: "https://example.com/v1", SystemPrompt: "Be brief."}))
	noNotice(t, j.AddMessage(Message{ID: user, ConversationID: conv, Role: RoleUser, Content: "first question"}))
	noNotice(t, j.AddMessage(Message{ID: reply, ConversationID: conv, ParentID: user, Role: RoleAssistant, Model: "m"}))
	noNotice(t, j.AppendDelta(reply, "thought one "))
	noNotice(t, j.Reclassify(reply, len("thought ")))
	var out strings.Builder
	must(t, other.PrintRemove(&out, conv))
	noNotice(t, j.AppendReasoning(reply, "and more"))
	noNotice(t, j.AppendDelta(reply, "two"))
	wantNotice(t, j.FinishMessage(reply, Ending{Status: StatusComplete, Usage: Usage{CompletionTokens: 2}}), deletedElsewhere)
	user2, reply2 := NewID(), NewID()
	noNotice(t, j.AddMessage(Message{ID: user2, ConversationID: conv, ParentID: reply, Role: RoleUser, Content: "typed after"}))
	noNotice(t, j.AddMessage(Message{ID: reply2, ConversationID: conv, ParentID: user2, Role: RoleAssistant}))
	noNotice(t, j.AppendDelta(reply2, "answered after"))
	noNotice(t, j.FinishMessage(reply2, Ending{Status: StatusComplete}))

	c, msgs, err := other.Load(conv)
	must(t, err)
	if c.Title != "Kept title" || c.Provider != "https://example.com/v1" || c.SystemPrompt != "Be brief." {
		t.Errorf("conversation saved again as %+v", c)
	}
	want := []struct {
		id, parent, content string
	}{{user, "", "first question"}, {reply, user, "one two"}, {user2, reply, "typed after"}, {reply2, user2, "answered after"}}
	if len(msgs) != len(want) {
		t.Fatalf("%d messages saved again: %+v", len(msgs), msgs)
	}
	for i, w := range want {
		if m := msgs[i]; m.ID != w.id || m.ParentID != w.parent || m.Content != w.content || m.Status != StatusComplete {
			t.Errorf("message %d = %s %s %q %s, want %s %s %q", i, m.ID, m.ParentID, m.Content, m.Status, w.id, w.parent, w.content)
		}
	}
	if msgs[1].Reasoning != "thought and more" {
		t.Errorf("the reply's reasoning saved again as %q", msgs[1].Reasoning)
	}
	if msgs[1].CompletionTokens != 2 || msgs[1].Model != "m" {
		t.Errorf("the reply lost its fields: %+v", msgs[1])
	}
}

// TestReplySavedAgainMidStreamHoldsItsTextOnce finds the deletion while a
// reply still streams (a rename): the reply is saved again with its text
// so far, and its finish does not add the deltas logged before a second
// time.
func TestReplySavedAgainMidStreamHoldsItsTextOnce(t *testing.T) {
	j, other := twoWindows(t)
	conv, reply := NewID(), NewID()
	noNotice(t, j.CreateConversation(Conversation{ID: conv}))
	noNotice(t, j.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant}))
	noNotice(t, j.AppendDelta(reply, "one "))
	must(t, other.Delete(conv))
	noNotice(t, j.AppendDelta(reply, "two "))
	wantNotice(t, j.Rename(conv, "renamed"), deletedElsewhere)
	noNotice(t, j.AppendDelta(reply, "three"))
	c, msgs, err := other.Load(conv)
	must(t, err)
	if c.Title != "renamed" || len(msgs) != 1 || msgs[0].Content != "one two three" || msgs[0].Status != StatusStreaming {
		t.Fatalf("while streaming: %q, %+v", c.Title, msgs)
	}
	noNotice(t, j.FinishMessage(reply, Ending{Status: StatusComplete}))
	if _, msgs, _ = other.Load(conv); msgs[0].Content != "one two three" || msgs[0].Status != StatusComplete {
		t.Fatalf("finished: %q %s", msgs[0].Content, msgs[0].Status)
	}
}

// TestResumedConversationDeletedIsSavedAgain writes to a conversation
// created before the Journal (a resumed one): what the Journal wrote is
// saved again, under the conversation's title.
func TestResumedConversationDeletedIsSavedAgain(t *testing.T) {
	j, other := twoWindows(t)
	conv, _ := newChat(t, other, "an old question")
	must(t, other.Rename(conv, "Old title"))
	user := NewID()
	noNotice(t, j.AddMessage(Message{ID: user, ConversationID: conv, Role: RoleUser, Content: "resumed"}))
	must(t, other.Delete(conv))
	wantNotice(t, j.AddMessage(Message{ID: NewID(), ConversationID: conv, ParentID: user, Role: RoleUser, Content: "typed after"}), deletedElsewhere)
	c, msgs, err := other.Load(conv)
	must(t, err)
	if c.Title != "Old title" || len(msgs) != 2 || msgs[0].Content != "resumed" || msgs[1].Content != "typed after" {
		t.Fatalf("saved again: %q %+v", c.Title, msgs)
	}
}

// TestConversationDeletedHereStaysDeleted deletes through the Journal
// itself: a late write to it is refused, not saved again.
func TestConversationDeletedHereStaysDeleted(t *testing.T) {
	j, other := twoWindows(t)
	conv, reply := NewID(), NewID()
	noNotice(t, j.CreateConversation(Conversation{ID: conv}))
	noNotice(t, j.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant}))
	noNotice(t, j.Delete(conv))
	if n := j.AppendDelta(reply, "late"); !strings.Contains(n.Text, "not saved") {
		t.Errorf("notice = %+v", n)
	}
	if _, err := other.Conversation(conv); err == nil {
		t.Error("a conversation deleted here was saved again")
	}
}
