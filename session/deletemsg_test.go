package session

import (
	"errors"
	"testing"
)

// TestDeleteMessageRemovesItsSubtree deletes a reply that has a follow-up
// and a sibling: the reply, the follow-up and its answer go, the sibling
// stays, the count follows, and the leaf moves to the parent.
func TestDeleteMessageRemovesItsSubtree(t *testing.T) {
	s := openTest(t)
	conv := NewID()
	must(t, s.CreateConversation(Conversation{ID: conv}))
	add := func(id, parent, role string) {
		must(t, s.AddMessage(Message{ID: id, ConversationID: conv, ParentID: parent, Role: role, Content: id, Status: StatusComplete}))
	}
	add("u1", "", RoleUser)
	add("a1", "u1", RoleAssistant)
	add("a1b", "u1", RoleAssistant)
	add("u2", "a1", RoleUser)
	add("a2", "u2", RoleAssistant)
	img, err := NewAttachment("shot.png", pngBytes)
	must(t, err)
	must(t, s.AddMessage(Message{ID: "u3", ConversationID: conv, ParentID: "a2", Role: RoleUser, Content: "x", Attachments: []Attachment{img}}))

	must(t, s.DeleteMessage("a1"))
	c, msgs, err := s.Load(conv)
	must(t, err)
	if got := ids(msgs); len(got) != 2 || got[0] != "u1" || got[1] != "a1b" {
		t.Errorf("left %v, want [u1 a1b]", got)
	}
	if c.MessageCount != 2 || c.LeafID != "u1" {
		t.Errorf("conversation has %d messages, leaf %q; want 2 and u1", c.MessageCount, c.LeafID)
	}
	var blobs int
	must(t, s.db.QueryRow(`SELECT count(*) FROM blobs`).Scan(&blobs))
	if blobs != 0 {
		t.Errorf("%d blobs left", blobs)
	}
	if err := s.DeleteMessage("a1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it again: %v", err)
	}
}
