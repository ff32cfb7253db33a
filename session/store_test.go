package session

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTest opens a fresh store in a temporary directory and closes it at
// the end of the test.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, notices, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(notices) != 0 {
		t.Fatalf("fresh store gave notices: %v", notices)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newChat creates a conversation holding one user prompt and a streaming
// assistant reply, and returns their IDs.
func newChat(t testing.TB, s *Store, prompt string) (convID, replyID string) {
	t.Helper()
	convID, userID, replyID := NewID(), NewID(), NewID()
	must(t, s.CreateConversation(Conversation{ID: convID, Provider: "https://api.example.com/v1"}))
	must(t, s.AddMessage(Message{ID: userID, ConversationID: convID, Role: RoleUser, Content: prompt}))
	must(t, s.AddMessage(Message{ID: replyID, ConversationID: convID, ParentID: userID, Role: RoleAssistant, Model: "m1"}))
	return convID, replyID
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestStreamingReplyAssemblesAndFinishes(t *testing.T) {
	s := openTest(t)
	convID, replyID := newChat(t, s, "  \n  Hello there\nsecond line")
	for _, d := range []string{"Hel", "lo, ", "wor", "ld"} {
		must(t, s.AppendDelta(replyID, d))
	}
	c, msgs, err := s.Load(convID)
	must(t, err)
	if c.Title != "Hello there" {
		t.Errorf("title = %q, want the first non-blank line", c.Title)
	}
	if len(msgs) != 2 || msgs[1].Content != "Hello, world" || msgs[1].Status != StatusStreaming {
		t.Fatalf("before finish: %+v", msgs)
	}
	must(t, s.FinishMessage(replyID, Ending{Status: StatusComplete, Usage: Usage{PromptTokens: 3, CompletionTokens: 4}}))
	c, msgs, err = s.Load(convID)
	must(t, err)
	m := msgs[1]
	if m.Content != "Hello, world" || m.Status != StatusComplete || m.PromptTokens != 3 || m.CompletionTokens != 4 {
		t.Fatalf("after finish: %+v", m)
	}
	if m.ParentID != msgs[0].ID || msgs[0].Status != StatusComplete {
		t.Errorf("parent or user status wrong: %+v", msgs)
	}
	if c.MessageCount != 2 || strings.Join(c.Models, ",") != "m1" {
		t.Errorf("conversation summary = %+v", c)
	}
	var chunks int
	must(t, s.db.QueryRow(`SELECT count(*) FROM chunks`).Scan(&chunks))
	if chunks != 0 {
		t.Errorf("%d chunks left after finish", chunks)
	}
	if err := s.AppendDelta(replyID, "late"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delta after finish: err = %v, want ErrNotFound", err)
	}
}

func TestTitle(t *testing.T) {
	long := strings.Repeat("é", 100)
	for in, want := range map[string]string{
		"hi":                 "hi",
		"\n\n  first \nnext": "first",
		"tab\there":          "tab here",
		long:                 strings.Repeat("é", TitleRunes-1) + "…",
		"   ":                "",
	} {
		if got := Title(in); got != want {
			t.Errorf("Title(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleIsSetOnceAndRenamable(t *testing.T) {
	s := openTest(t)
	convID, _ := newChat(t, s, "first prompt")
	must(t, s.AddMessage(Message{ID: NewID(), ConversationID: convID, Role: RoleUser, Content: "second"}))
	c, err := s.Conversation(convID)
	must(t, err)
	if c.Title != "first prompt" {
		t.Errorf("title = %q after a second prompt", c.Title)
	}
	must(t, s.Rename(convID, "new\nname"))
	c, _ = s.Conversation(convID)
	if c.Title != "new name" {
		t.Errorf("renamed title = %q", c.Title)
	}
	if err := s.Rename("nope", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("rename missing: %v", err)
	}
}

func TestListNewestFirstAndDelete(t *testing.T) {
	s := openTest(t)
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var ids []string
	for i := range 5 {
		id := NewID()
		ids = append(ids, id)
		must(t, s.CreateConversation(Conversation{ID: id, Created: base.Add(time.Duration(i) * time.Hour)}))
	}
	// A new message moves the oldest conversation to the top.
	must(t, s.AddMessage(Message{ID: NewID(), ConversationID: ids[0], Role: RoleUser, Content: "bump",
		Created: base.Add(10 * time.Hour)}))
	got, err := s.List(3, 0)
	must(t, err)
	want := []string{ids[0], ids[4], ids[3]}
	for i := range want {
		if got[i].ID != want[i] {
			t.Fatalf("List order = %v, want %v", idsOf(got), want)
		}
	}
	rest, _ := s.List(0, 3)
	if len(rest) != 2 || rest[0].ID != ids[2] {
		t.Errorf("List offset 3 = %v", idsOf(rest))
	}
	last, err := s.Last()
	must(t, err)
	if last.ID != ids[0] {
		t.Errorf("Last = %s, want %s", last.ID, ids[0])
	}
	must(t, s.Delete(ids[0]))
	if _, _, err := s.Load(ids[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("load deleted: %v", err)
	}
	var n int
	must(t, s.db.QueryRow(`SELECT count(*) FROM messages`).Scan(&n))
	if n != 0 {
		t.Errorf("%d messages left after deleting their conversation", n)
	}
}

func idsOf(cs []Conversation) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestResolve(t *testing.T) {
	s := openTest(t)
	for _, id := range []string{"abc111", "abc222", "xyz999"} {
		must(t, s.CreateConversation(Conversation{ID: id}))
	}
	for ref, want := range map[string]string{"xyz999": "xyz999", "x": "xyz999", "ABC1": "abc111", "last": "xyz999"} {
		got, err := s.Resolve(ref)
		if err != nil || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", ref, got, err, want)
		}
	}
	if _, err := s.Resolve("abc"); !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), "abc111 and abc222") {
		t.Errorf("ambiguous prefix: %v", err)
	}
	if _, err := s.Resolve("q"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown prefix: %v", err)
	}
}

func TestNewIDSortsAndIsUnique(t *testing.T) {
	seen := map[string]bool{}
	prev := ""
	for range 10000 {
		id := NewID()
		if len(id) != IDLength || strings.Trim(id, idAlphabet) != "" {
			t.Fatalf("bad ID %q", id)
		}
		if seen[id] || id <= prev {
			t.Fatalf("ID %q repeats or sorts before %q", id, prev)
		}
		seen[id], prev = true, id
	}
}

func TestProviderURLDropsSecrets(t *testing.T) {
	for in, want := range map[string]string{
		"https://user:sk-secret@api.example.com/v1?key=sk-x#frag": "https://api.example.com/v1",
		"http://localhost:11434/v1":                               "http://localhost:11434/v1",
		"https://api.example.com/v1?":                             "https://api.example.com/v1",
	} {
		if got := ProviderURL(in); got != want {
			t.Errorf("ProviderURL(%q) = %q, want %q", in, got, want)
		}
	}
	s := openTest(t)
	must(t, s.CreateConversation(Conversation{ID: "c1", Provider: "https://u:p@h.example/v1?api_key=sk"}))
	c, _ := s.Conversation("c1")
	if c.Provider != "https://h.example/v1" {
		t.Errorf("stored provider %q", c.Provider)
	}
}
