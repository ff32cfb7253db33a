package session

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestDraft: a conversation keeps its unsent prompt until it is replaced
// or forgotten; keeping one makes the conversation the newest, so -c
// finds it.
func TestDraft(t *testing.T) {
	s := openTest(t)
	clock := time.UnixMilli(1_000_000)
	s.now = func() time.Time { return clock }
	a, _ := newChat(t, s, "a")
	b, _ := newChat(t, s, "b")
	if last, _ := s.Last(); last.ID != b {
		t.Fatalf("newest is %s, want %s", last.ID, b)
	}
	clock = clock.Add(time.Hour)
	must(t, s.SetDraft(a, "half a thought\nand a second line"))
	c, _, err := s.Load(a)
	must(t, err)
	if c.Draft != "half a thought\nand a second line" {
		t.Errorf("draft %q", c.Draft)
	}
	if last, _ := s.Last(); last.ID != a || last.Draft != c.Draft {
		t.Errorf("after a draft the newest is %s (%q), want %s with its draft", last.ID, last.Draft, a)
	}
	must(t, s.SetDraft(a, ""))
	if c, _ := s.Conversation(a); c.Draft != "" {
		t.Errorf("a forgotten draft reads %q", c.Draft)
	}
	if err := s.SetDraft("nope", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a draft for no conversation: %v, want ErrNotFound", err)
	}
}

// TestDraftThroughTheJournal: a draft saved while the disk is full is
// kept in memory and saved once writing works again.
func TestDraftThroughTheJournal(t *testing.T) {
	s := openTest(t)
	f := &flakyWriter{Store: s}
	j := NewJournal(f)
	id, _ := newChat(t, s, "a")
	f.setErr(errDiskFull)
	if n := j.SetDraft(id, "kept"); n.IsZero() {
		t.Error("a failed draft said nothing")
	}
	f.setErr(nil)
	j.Flush()
	if c, _ := s.Conversation(id); c.Draft != "kept" {
		t.Errorf("draft after the disk recovered: %q", c.Draft)
	}
}

// TestMigratedStoreHasNoDrafts: a store from before drafts opens with
// every conversation's draft empty, and takes drafts.
func TestMigratedStoreHasNoDrafts(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	writeV1Store(t, path)
	s, _, err := Open(path)
	must(t, err)
	defer s.Close()
	c, err := s.Conversation("c1")
	if err != nil || c.Draft != "" {
		t.Fatalf("migrated conversation: draft %q, %v", c.Draft, err)
	}
	must(t, s.SetDraft("c1", "new"))
	if c, _ := s.Conversation("c1"); c.Draft != "new" {
		t.Errorf("draft %q", c.Draft)
	}
}
