package session

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func walSize(t *testing.T, s *Store) int64 {
	t.Helper()
	info, err := os.Stat(s.Path() + "-wal")
	must(t, err)
	return info.Size()
}

// TestFullDatabaseTruncatesTheWAL makes SQLite report SQLITE_FULL: the
// WAL is checkpointed and truncated, so that its space is free for the
// retry, and everything is saved once the cap is lifted.
func TestFullDatabaseTruncatesTheWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, _, err := openWith(path, options{pragmas: []string{"max_page_count(40)"}})
	must(t, err)
	s.db.SetMaxOpenConns(1) // One connection, so the cap can be lifted on it below.
	j := NewJournal(s)
	defer j.Close()
	conv, reply := NewID(), NewID()
	noNotice(t, j.CreateConversation(Conversation{ID: conv}))
	noNotice(t, j.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant}))
	big := strings.Repeat("x", 60*4096) // More than the 40 pages the database may have.
	noNotice(t, j.AppendDelta(reply, big))
	if n := walSize(t, s); n == 0 {
		t.Fatal("nothing in the WAL before the failure: the test shows nothing")
	}
	if n := j.FinishMessage(reply, Ending{Status: StatusComplete}); !strings.Contains(n.Text, "disk is full") {
		t.Fatalf("notice = %q", n.Text)
	}
	if n := walSize(t, s); n != 0 {
		t.Errorf("the WAL holds %d bytes after a write failed for space", n)
	}
	_, err = s.db.Exec(`PRAGMA max_page_count = 1000000`)
	must(t, err)
	if n := j.Flush(); !strings.Contains(n.Text, "Saving works again") {
		t.Fatalf("recovery notice = %+v", n)
	}
	if _, msgs, _ := s.Load(conv); msgs[0].Content != big || msgs[0].Status != StatusComplete {
		t.Fatalf("after the retry: %d bytes %s", len(msgs[0].Content), msgs[0].Status)
	}
}

// TestFullDiskOnTheLogTruncatesTheWAL fails the delta log's writes as a
// full disk does: the WAL gives its space back too.
func TestFullDiskOnTheLogTruncatesTheWAL(t *testing.T) {
	fail := false
	s, _, err := openWith(filepath.Join(t.TempDir(), FileName), options{
		wrapLog: func(w io.WriterAt) io.WriterAt { return partialWriter{w, &fail} },
	})
	must(t, err)
	j := NewJournal(s)
	defer j.Close()
	_, reply := newChat(t, s, "q")
	if walSize(t, s) == 0 {
		t.Fatal("nothing in the WAL before the failure")
	}
	fail = true
	if n := j.AppendDelta(reply, "kept"); !strings.Contains(n.Text, "disk is full") {
		t.Fatalf("notice = %+v", n)
	}
	if n := walSize(t, s); n != 0 {
		t.Errorf("the WAL holds %d bytes after a write failed for space", n)
	}
}

// fullDisk makes diskFree report a disk with no space left.
func fullDisk(t *testing.T) {
	real := diskFree
	diskFree = func(string) (uint64, uint64, bool) { return 4096, 100, true }
	t.Cleanup(func() { diskFree = real })
}

// TestFullDiskBeforeTheWALIndexSaysFull opens a store whose WAL index
// cannot be sized, the I/O error SQLite gives when a full disk refuses
// the index's first bytes: on a full disk the notice says full; on one
// with space, an I/O error.
func TestFullDiskBeforeTheWALIndexSaysFull(t *testing.T) {
	for _, full := range []bool{true, false} {
		t.Run(fmt.Sprint("full=", full), func(t *testing.T) {
			path, _ := storeToRead(t, t.TempDir())
			// A FIFO opens for writing but cannot be sized: SQLITE_IOERR_SHMSIZE.
			must(t, syscall.Mkfifo(path+"-shm", 0o600))
			if full {
				fullDisk(t)
			}
			j, notices := OpenJournal(path)
			defer j.Close()
			want := "the disk reported an I/O error"
			if full {
				want = "because the disk is full; this conversation is kept in memory and will be saved once you free some space"
			}
			if len(notices) != 1 || !strings.Contains(notices[0].Text, want) {
				t.Fatalf("notices = %v, want %q", notices, want)
			}
		})
	}
}
