package session

import (
	"slices"
	"testing"
)

// TestPrompts: the prompts of the other conversations, newest first, each
// text once, at most limit of them; replies and empty prompts are not
// prompts.
func TestPrompts(t *testing.T) {
	s := openTest(t)
	a, _ := newChat(t, s, "oldest")
	b, _ := newChat(t, s, "in b")
	here, _ := newChat(t, s, "in this conversation")
	add := func(conv, text string) {
		must(t, s.AddMessage(Message{ID: NewID(), ConversationID: conv, Role: RoleUser, Content: text}))
	}
	add(a, "again")
	add(b, "  \n ")
	add(b, "again")
	add(here, "also here")
	add(a, "newest")

	got, err := s.Prompts(here, 10)
	must(t, err)
	if want := []string{"newest", "again", "in b", "oldest"}; !slices.Equal(got, want) {
		t.Errorf("Prompts = %q, want %q", got, want)
	}
	got, err = s.Prompts(here, 2)
	must(t, err)
	if want := []string{"newest", "again"}; !slices.Equal(got, want) {
		t.Errorf("Prompts with limit 2 = %q, want %q", got, want)
	}
	got, err = s.Prompts("", 10)
	must(t, err)
	if len(got) != 6 || got[1] != "also here" {
		t.Errorf("every conversation's prompts = %q", got)
	}
}
