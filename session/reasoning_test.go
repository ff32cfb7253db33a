package session

import (
	"path/filepath"
	"testing"
	"time"
)

func TestReasoningIsStoredApartFromTheAnswer(t *testing.T) {
	s := openTest(t)
	convID, reply := newChat(t, s, "think first")
	must(t, s.AppendReasoning(reply, "Let me "))
	must(t, s.AppendReasoning(reply, "think."))
	must(t, s.AppendDelta(reply, "The answer."))
	_, msgs, err := s.Load(convID)
	must(t, err)
	if m := msgs[1]; m.Reasoning != "Let me think." || m.Content != "The answer." || m.Status != StatusStreaming {
		t.Fatalf("while streaming: %+v", m)
	}
	must(t, s.FinishMessage(reply, Ending{Status: StatusComplete, Reasoning: 1500 * time.Millisecond}))
	_, msgs, err = s.Load(convID)
	must(t, err)
	if m := msgs[1]; m.Reasoning != "Let me think." || m.Content != "The answer." || m.ReasoningMillis != 1500 {
		t.Fatalf("finished: %+v", m)
	}
}

// A model that closes a </think> it never opened streamed its reasoning
// as answer text first; Reclassify moves it, also across a crash.
func TestReclassifiedTextMovesToTheReasoning(t *testing.T) {
	s, _, err := Open(filepath.Join(t.TempDir(), FileName))
	must(t, err)
	convID, reply := newChat(t, s, "r1")
	must(t, s.AppendDelta(reply, "thinking aloud"))
	must(t, s.Reclassify(reply, len("thinking aloud")))
	must(t, s.AppendDelta(reply, "Answer"))
	_, msgs, err := s.Load(convID)
	must(t, err)
	if m := msgs[1]; m.Reasoning != "thinking aloud" || m.Content != "Answer" {
		t.Fatalf("while streaming: %q / %q", m.Reasoning, m.Content)
	}
	crashed := s.Path()
	crash(s)
	s2, _, err := Open(crashed)
	must(t, err)
	defer s2.Close()
	_, msgs, err = s2.Load(convID)
	must(t, err)
	if m := msgs[1]; m.Reasoning != "thinking aloud" || m.Content != "Answer" || m.Status != StatusStopped {
		t.Fatalf("recovered: %q / %q %s", m.Reasoning, m.Content, m.Status)
	}
}

func TestReasoningSurvivesLogCompaction(t *testing.T) {
	s := openTest(t)
	_, kept := newChat(t, s, "kept")
	_, long := newChat(t, s, "long")
	must(t, s.AppendReasoning(kept, "thought "))
	must(t, s.AppendDelta(kept, "said"))
	big := make([]byte, compactAt)
	for i := range big {
		big[i] = 'x'
	}
	must(t, s.AppendDelta(long, string(big)))
	must(t, s.FinishMessage(long, Ending{Status: StatusComplete})) // compacts: kept still streams
	must(t, s.FinishMessage(kept, Ending{Status: StatusComplete}))
	m := loadReply(t, s, kept)
	if m.Reasoning != "thought " || m.Content != "said" {
		t.Fatalf("after compaction: %q / %q", m.Reasoning, m.Content)
	}
}

func TestConversationKeepsWhereItWasHeld(t *testing.T) {
	s := openTest(t)
	c := Conversation{ID: NewID(), ProviderName: "work", Provider: "https://user:pw@llm.example.com/v1?api-version=2024-02-01&key=s3cret"}
	must(t, s.CreateConversation(c))
	u, a := NewID(), NewID()
	must(t, s.AddMessage(Message{ID: u, ConversationID: c.ID, Role: RoleUser, Content: "q"}))
	must(t, s.AddMessage(Message{ID: a, ConversationID: c.ID, ParentID: u, Role: RoleAssistant, Model: "llama-3.1-70b"}))
	got, err := s.Conversation(c.ID)
	must(t, err)
	if got.ProviderName != "work" || got.Provider != "https://llm.example.com/v1?api-version=2024-02-01" || got.Model != "llama-3.1-70b" || got.LeafID != a {
		t.Fatalf("stored %+v", got)
	}
	name, sys, leaf := "openai", "be terse", u
	must(t, s.UpdateConversation(c.ID, ConversationUpdate{ProviderName: &name, SystemPrompt: &sys, LeafID: &leaf}))
	got, err = s.Conversation(c.ID)
	must(t, err)
	if got.ProviderName != "openai" || got.SystemPrompt != "be terse" || got.LeafID != u || got.Provider != "https://llm.example.com/v1?api-version=2024-02-01" {
		t.Fatalf("updated %+v", got)
	}
	bad := "nope"
	if err := s.UpdateConversation(c.ID, ConversationUpdate{LeafID: &bad}); err == nil {
		t.Error("a leaf outside the conversation was accepted")
	}
}

func TestProviderPrefsAreRemembered(t *testing.T) {
	s := openTest(t)
	p, err := s.ProviderPrefs("https://api.mistral.ai/v1")
	must(t, err)
	if p.NoStreamUsage {
		t.Fatal("a new server starts with a preference")
	}
	must(t, s.SetProviderPrefs("https://api.mistral.ai/v1", ProviderPrefs{NoStreamUsage: true}))
	p, err = s.ProviderPrefs("https://api.mistral.ai/v1")
	must(t, err)
	if !p.NoStreamUsage {
		t.Error("the refusal was not remembered")
	}
}
