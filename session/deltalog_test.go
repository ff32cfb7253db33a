package session

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestLogRecordsSurviveATornTail(t *testing.T) {
	var log []byte
	var ends []int
	for i := range 5 {
		log = appendRecord(log, "m"+fmt.Sprint(i%2), strings.Repeat("é", i*40))
		ends = append(ends, len(log))
	}
	for cut := 0; cut <= len(log); cut++ {
		l := parseLog(log[:cut], nil)
		whole := 0
		for _, e := range ends {
			if e <= cut {
				whole++
			}
		}
		if l.damaged || (whole > 0 && l.good != int64(ends[whole-1])) || (whole == 0 && l.good != 0) {
			t.Fatalf("cut at %d: good %d, damaged %v; want %d whole records", cut, l.good, l.damaged, whole)
		}
	}
	padded := append(append([]byte{}, log...), make([]byte, 4096)...)
	if l := parseLog(padded, nil); l.damaged || l.good != int64(len(log)) {
		t.Errorf("zeros after the records read as damage: %+v", l)
	}
}

func TestLogDamageInTheMiddleStopsReading(t *testing.T) {
	log := appendRecord(nil, "m", "first ")
	mid := len(log)
	log = appendRecord(log, "m", "second ")
	log = appendRecord(log, "m", "third")
	log[mid+8] ^= 0x40
	l := parseLog(log, nil)
	if !l.damaged || l.text("m") != "first " || l.good != int64(mid) {
		t.Fatalf("damaged %v, text %q, good %d", l.damaged, l.text("m"), l.good)
	}
}

// streamAndCrash streams deltas on a fresh store, abandons it as a killed
// process would, and returns its path, conversation, reply and log.
func streamAndCrash(t *testing.T, deltas ...string) (path, conv, reply, log string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), FileName)
	s, _, err := Open(path)
	must(t, err)
	conv, reply = newChat(t, s, "q")
	for _, d := range deltas {
		must(t, s.AppendDelta(reply, d))
	}
	log = s.log.path
	crash(s)
	return path, conv, reply, log
}

func reopenReply(t *testing.T, path, conv string) (Message, []Notice) {
	t.Helper()
	s, notices, err := Open(path)
	must(t, err)
	defer s.Close()
	_, msgs, err := s.Load(conv)
	must(t, err)
	return msgs[len(msgs)-1], notices
}

func TestRecoveryIgnoresATornRecord(t *testing.T) {
	path, conv, _, log := streamAndCrash(t, "kept ", "whole")
	torn := appendRecord(nil, "x", "cut short")
	appendFile(t, log, torn[:len(torn)-3])
	m, notices := reopenReply(t, path, conv)
	if m.Content != "kept whole" || m.Status != StatusStopped || len(notices) != 0 {
		t.Fatalf("recovered %q %s, notices %v", m.Content, m.Status, notices)
	}
	if _, err := os.Stat(log); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the recovered log is still there: %v", err)
	}
}

func TestRecoveryKeepsADamagedLogAside(t *testing.T) {
	path, conv, reply, log := streamAndCrash(t, "before ")
	appendFile(t, log, []byte("garbage in the middle of the log"))
	appendFile(t, log, appendRecord(nil, reply, "after"))
	m, notices := reopenReply(t, path, conv)
	if m.Content != "before " || m.Status != StatusStopped {
		t.Fatalf("recovered %q %s", m.Content, m.Status)
	}
	aside, _ := filepath.Glob(log + ".damaged-*")
	if len(notices) != 1 || len(aside) != 1 || !strings.Contains(notices[0].Text, aside[0]) {
		t.Fatalf("notices %v, kept aside %v", notices, aside)
	}
	if m, notices = reopenReply(t, path, conv); len(notices) != 0 || m.Content != "before " {
		t.Errorf("a second open: %q, notices %v", m.Content, notices)
	}
}

func appendFile(t *testing.T, path string, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	must(t, err)
	_, err = f.Write(b)
	must(t, err)
	must(t, f.Close())
}

// TestFinishedReplyIsNotFoldedTwice crashes after a reply was finished but
// before the log could be reset, since another reply still streamed.
func TestFinishedReplyIsNotFoldedTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, _, err := Open(path)
	must(t, err)
	conv, first := newChat(t, s, "q")
	second := NewID()
	must(t, s.AddMessage(Message{ID: second, ConversationID: conv, Role: RoleAssistant}))
	must(t, s.AppendDelta(first, "one"))
	must(t, s.AppendDelta(second, "two"))
	must(t, s.FinishMessage(first, Ending{Status: StatusComplete}))
	crash(s)
	s, _, err = Open(path)
	must(t, err)
	defer s.Close()
	_, msgs, err := s.Load(conv)
	must(t, err)
	if msgs[1].Content != "one" || msgs[1].Status != StatusComplete ||
		msgs[2].Content != "two" || msgs[2].Status != StatusStopped {
		t.Fatalf("after recovery: %q %s, %q %s", msgs[1].Content, msgs[1].Status, msgs[2].Content, msgs[2].Status)
	}
}

// partialWriter writes half of what it is given, then fails as a full
// disk does, while fail is set.
type partialWriter struct {
	w    io.WriterAt
	fail *bool
}

func (p partialWriter) WriteAt(b []byte, off int64) (int, error) {
	if !*p.fail {
		return p.w.WriteAt(b, off)
	}
	n, _ := p.w.WriteAt(b[:len(b)/2], off)
	return n, &os.PathError{Op: "write", Path: "log", Err: syscall.ENOSPC}
}

func TestFullDiskOnTheLogKeepsDeltasInTheJournal(t *testing.T) {
	fail := false
	s, _, err := openWith(filepath.Join(t.TempDir(), FileName), options{
		wrapLog: func(w io.WriterAt) io.WriterAt { return partialWriter{w, &fail} },
	})
	must(t, err)
	j := NewJournal(s)
	defer j.Close()
	conv, reply := newChat(t, s, "q")
	noNotice(t, j.AppendDelta(reply, "saved "))
	fail = true
	if n := j.AppendDelta(reply, "kept "); !strings.Contains(n.Text, "disk is full") {
		t.Fatalf("notice = %+v", n)
	}
	noNotice(t, j.AppendDelta(reply, "in memory"))
	fail = false
	if n := j.AppendDelta(reply, "!"); !strings.Contains(n.Text, "Saving works again") {
		t.Fatalf("notice = %+v", n)
	}
	_, msgs, err := s.Load(conv)
	must(t, err)
	if msgs[1].Content != "saved kept in memory!" {
		t.Fatalf("streaming reply reads %q", msgs[1].Content)
	}
	noNotice(t, j.FinishMessage(reply, Ending{Status: StatusComplete}))
	if _, msgs, _ = s.Load(conv); msgs[1].Content != "saved kept in memory!" {
		t.Fatalf("finished reply reads %q", msgs[1].Content)
	}
}

func logSize(t *testing.T, s *Store) int64 {
	t.Helper()
	info, err := os.Stat(s.log.path)
	must(t, err)
	return info.Size()
}

// TestLogStaysSmall checks that the log is reset once nothing streams and
// compacted when one reply streams on while many others finish.
func TestLogStaysSmall(t *testing.T) {
	s := openTest(t)
	conv, long := newChat(t, s, "q")
	must(t, s.AppendDelta(long, "long-running "))
	piece := strings.Repeat("x", 8000)
	for range 3 * compactAt / len(piece) {
		reply := NewID()
		must(t, s.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant}))
		must(t, s.AppendDelta(reply, piece))
		must(t, s.FinishMessage(reply, Ending{Status: StatusComplete}))
		if n := logSize(t, s); n > compactAt+2*int64(len(piece)) {
			t.Fatalf("the log grew to %d bytes", n)
		}
	}
	_, msgs, err := s.Load(conv)
	must(t, err)
	if msgs[1].Content != "long-running " || msgs[1].Status != StatusStreaming || msgs[2].Content != piece {
		t.Fatalf("after compactions: %q %s", msgs[1].Content, msgs[1].Status)
	}
	must(t, s.FinishMessage(long, Ending{Status: StatusComplete}))
	if n := logSize(t, s); n != 0 {
		t.Errorf("the log holds %d bytes with nothing streaming", n)
	}
}

func TestDeletingAStreamingReplyLetsTheLogReset(t *testing.T) {
	s := openTest(t)
	gone, doomed := newChat(t, s, "q")
	_, kept := newChat(t, s, "q")
	must(t, s.AppendDelta(doomed, "doomed"))
	must(t, s.AppendDelta(kept, "kept"))
	must(t, s.Delete(gone))
	must(t, s.FinishMessage(kept, Ending{Status: StatusComplete}))
	if n := logSize(t, s); n != 0 {
		t.Errorf("the log holds %d bytes with nothing streaming", n)
	}
	if err := s.AppendDelta(doomed, "late"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delta to a deleted reply: %v", err)
	}
}

func TestAnotherInstancesReplyIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	a, _, err := Open(path)
	must(t, err)
	defer a.Close()
	b, _, err := Open(path)
	must(t, err)
	defer b.Close()
	_, reply := newChat(t, a, "q")
	if err := b.AppendDelta(reply, "x"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "another") {
		t.Errorf("delta to another instance's reply: %v", err)
	}
}

// TestChunksFromEarlierVersionsAreKept writes chunks rows as lockchat did
// before the delta log, then streams on through the log.
func TestChunksFromEarlierVersionsAreKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, _, err := Open(path)
	must(t, err)
	conv, reply := newChat(t, s, "q")
	_, err = s.db.Exec(`INSERT INTO chunks (message_seq, n, text)
		SELECT seq, 1, 'old ' FROM messages WHERE id = ?`, reply)
	must(t, err)
	must(t, s.AppendDelta(reply, "new"))
	if _, msgs, _ := s.Load(conv); msgs[1].Content != "old new" {
		t.Fatalf("streaming reply reads %q", msgs[1].Content)
	}
	crash(s)
	if m, _ := reopenReply(t, path, conv); m.Content != "old new" || m.Status != StatusStopped {
		t.Fatalf("recovered %q %s", m.Content, m.Status)
	}
}
