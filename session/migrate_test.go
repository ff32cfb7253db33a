package session

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// writeV1Store writes a store as lockchat wrote it with schema version 1:
// the chat saved prompts without a parent; a one-shot -c linked them.
func writeV1Store(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, false, options{}))
	must(t, err)
	defer db.Close()
	_, err = db.Exec(migrations[0] + `
INSERT INTO conversations (id, title, created, updated, provider, models, message_count)
	VALUES ('c1', 'old chat', 1000, 5000, 'http://127.0.0.1:9/v1', '["gpt-4","llama3"]', 4);
INSERT INTO messages (id, conversation_id, parent_id, role, content, model, created, status)
	VALUES ('u1', 'c1', NULL, 'user', 'first', '', 1000, 'complete'),
	       ('a1', 'c1', 'u1', 'assistant', 'one', 'gpt-4', 2000, 'complete'),
	       ('u2', 'c1', NULL, 'user', 'second', '', 3000, 'complete'),
	       ('a2', 'c1', 'u2', 'assistant', 'two', 'llama3', 4000, 'complete');
PRAGMA user_version = 1;`)
	must(t, err)
}

func TestMigrationFromVersion1KeepsABackupAndLinksMessages(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	writeV1Store(t, path)
	s, _, err := Open(path)
	must(t, err)
	defer s.Close()

	backup := BackupPath(path, 1)
	info, err := os.Stat(backup)
	must(t, err)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the backup is %v, want private", info.Mode().Perm())
	}
	old, err := sql.Open("sqlite", dsn(backup, true, options{}))
	must(t, err)
	defer old.Close()
	var v, n int
	must(t, old.QueryRow(`PRAGMA user_version`).Scan(&v))
	must(t, old.QueryRow(`SELECT count(*) FROM messages`).Scan(&n))
	if v != 1 || n != 4 {
		t.Errorf("the backup has schema %d and %d messages, want 1 and 4", v, n)
	}

	c, msgs, err := s.Load("c1")
	must(t, err)
	if c.Model != "llama3" || c.Title != "old chat" || c.MessageCount != 4 {
		t.Errorf("migrated conversation: %+v", c)
	}
	want := map[string]string{"u1": "", "a1": "u1", "u2": "a1", "a2": "u2"}
	for _, m := range msgs {
		if m.ParentID != want[m.ID] {
			t.Errorf("%s has parent %q, want %q", m.ID, m.ParentID, want[m.ID])
		}
	}
	if got := len(NewTree(msgs).Path(c.LeafID)); got != 4 {
		t.Errorf("the branch in use has %d messages, want all 4", got)
	}
}

func TestReopeningAMigratedStoreKeepsTheFirstBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	writeV1Store(t, path)
	s, _, err := Open(path)
	must(t, err)
	must(t, s.Close())
	before, err := os.ReadFile(BackupPath(path, 1))
	must(t, err)
	s, _, err = Open(path)
	must(t, err)
	must(t, s.Close())
	after, err := os.ReadFile(BackupPath(path, 1))
	must(t, err)
	if string(before) != string(after) {
		t.Error("reopening rewrote the backup")
	}
}

func TestFreshStoreMakesNoBackup(t *testing.T) {
	s := openTest(t)
	if _, err := os.Stat(BackupPath(s.Path(), 0)); !os.IsNotExist(err) {
		t.Errorf("a fresh store left a backup: %v", err)
	}
}
