package session

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// crash abandons a store the way a killed process would: no Close, so its
// streaming replies stay streaming and its delta log stays behind.
func crash(s *Store) {
	unregisterWriter(s.writer)
	s.log.close()
	s.db.Close()
}

func TestReopenStopsAbandonedRepliesAndKeepsText(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, _, err := Open(path)
	must(t, err)
	convID, replyID := newChat(t, s, "tell me")
	must(t, s.AppendDelta(replyID, "partial "))
	must(t, s.AppendDelta(replyID, "answer"))
	crash(s)

	s, notices, err := Open(path)
	must(t, err)
	defer s.Close()
	if len(notices) != 0 {
		t.Errorf("notices: %v", notices)
	}
	_, msgs, err := s.Load(convID)
	must(t, err)
	if m := msgs[1]; m.Content != "partial answer" || m.Status != StatusStopped {
		t.Fatalf("recovered reply = %q %s", m.Content, m.Status)
	}
	hits, err := s.Search("partial", 10)
	must(t, err)
	if len(hits) != 1 || hits[0].MessageID != replyID {
		t.Errorf("recovered reply not searchable: %+v", hits)
	}
}

func TestOpenLeavesLiveWritersAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	a, _, err := Open(path)
	must(t, err)
	defer a.Close()
	convID, replyID := newChat(t, a, "q")
	must(t, a.AppendDelta(replyID, "one "))

	b, _, err := Open(path)
	must(t, err)
	defer b.Close()
	must(t, a.AppendDelta(replyID, "two"))
	_, msgs, err := b.Load(convID)
	must(t, err)
	if m := msgs[1]; m.Status != StatusStreaming || m.Content != "one two" {
		t.Fatalf("a second instance disturbed a live reply: %q %s", m.Content, m.Status)
	}
	must(t, a.Close())
	_, msgs, _ = b.Load(convID)
	if m := msgs[1]; m.Status != StatusStopped || m.Content != "one two" {
		t.Fatalf("Close left the reply %q %s", m.Content, m.Status)
	}
}

func TestOpenMovesNonDatabaseAside(t *testing.T) {
	for name, content := range map[string][]byte{
		"text":    []byte("this is not a database\n"),
		"garbled": append([]byte("SQLite format 3\x00"), make([]byte, 4096)...),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			must(t, os.WriteFile(path, content, 0o600))
			s, notices, err := Open(path)
			must(t, err)
			defer s.Close()
			if len(notices) != 1 || notices[0].Level != LevelWarning {
				t.Fatalf("notices = %v, want one warning", notices)
			}
			aside, _ := filepath.Glob(path + ".corrupt-*")
			if len(aside) != 1 {
				t.Fatalf("moved-aside files: %v", aside)
			}
			if !strings.Contains(notices[0].Text, aside[0]) {
				t.Errorf("notice %q does not say where the file went", notices[0].Text)
			}
			kept, _ := os.ReadFile(aside[0])
			if string(kept) != string(content) {
				t.Error("the bad file was not kept intact")
			}
			_, replyID := newChat(t, s, "fresh start")
			must(t, s.AppendDelta(replyID, "works"))
		})
	}
}

func TestOpenNewerSchemaIsReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, _, err := Open(path)
	must(t, err)
	convID, _ := newChat(t, s, "old words")
	_, err = s.db.Exec(`PRAGMA user_version = 99`)
	must(t, err)
	must(t, s.Close())

	s, notices, err := Open(path)
	must(t, err)
	defer s.Close()
	if !s.ReadOnly() || len(notices) != 1 || !strings.Contains(notices[0].Text, "read-only") {
		t.Fatalf("ReadOnly=%v notices=%v", s.ReadOnly(), notices)
	}
	if _, msgs, err := s.Load(convID); err != nil || msgs[0].Content != "old words" {
		t.Errorf("reading a newer store: %v %v", msgs, err)
	}
	if err := s.CreateConversation(Conversation{ID: NewID()}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write to a newer store: %v", err)
	}
	if _, err := s.db.Exec(`DELETE FROM conversations`); err == nil {
		t.Error("the connection itself accepted a write")
	}
	v, _ := schemaVersion(s.db)
	if v != 99 {
		t.Errorf("user_version changed to %d", v)
	}
}

func TestOpenUnwritableDirectoryFails(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; see TestJournal* for injected failures")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	must(t, os.Mkdir(dir, 0o500))
	defer os.Chmod(dir, 0o700)
	if s, _, err := Open(filepath.Join(dir, FileName)); err == nil {
		s.Close()
		t.Fatal("opened a store in a read-only directory")
	}
}

func TestSchemaVersionMatchesMigrations(t *testing.T) {
	if SchemaVersion != len(migrations) {
		t.Fatalf("SchemaVersion = %d but there are %d migrations", SchemaVersion, len(migrations))
	}
	s := openTest(t)
	if v, err := schemaVersion(s.db); err != nil || v != SchemaVersion {
		t.Errorf("fresh store is at version %d (%v)", v, err)
	}
}
