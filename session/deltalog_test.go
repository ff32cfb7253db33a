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
	var texts []string
	for i := range 5 {
		texts = append(texts, strings.Repeat("é", i*40))
		log = appendRecord(log, "m"+fmt.Sprint(i%2), texts[i])
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
		want := map[string]string{}
		for i := range whole {
			want["m"+fmt.Sprint(i%2)] += texts[i]
		}
		if l.damaged || l.records != whole || l.text("m0") != want["m0"] || l.text("m1") != want["m1"] {
			t.Fatalf("cut at %d: %d records, damaged %v; want %d whole records", cut, l.records, l.damaged, whole)
		}
	}
	padded := append(append([]byte{}, log...), make([]byte, 4096)...)
	if l := parseLog(padded, nil); l.damaged || l.records != len(ends) {
		t.Errorf("zeros after the records read as damage: %+v", l)
	}
}

func TestLogDamageInTheMiddleLosesOnlyThatRecord(t *testing.T) {
	log := appendRecord(nil, "m", "first ")
	mid := len(log)
	log = appendRecord(log, "m", "second ")
	log = appendRecord(log, "m", "third")
	log[mid+12] ^= 0x40
	l := parseLog(log, nil)
	if !l.damaged || l.text("m") != "first third" || l.records != 2 {
		t.Fatalf("damaged %v, text %q, %d records", l.damaged, l.text("m"), l.records)
	}
}

// TestLogBadLengthInTheFirstRecordLosesOnlyIt damages the length byte of
// the first of many records: every later one is read back.
func TestLogBadLengthInTheFirstRecordLosesOnlyIt(t *testing.T) {
	var log []byte
	var want strings.Builder
	for i := range 40 {
		d := fmt.Sprintf("piece %02d; ", i)
		log = appendRecord(log, "reply", d)
		if i > 0 {
			want.WriteString(d)
		}
	}
	for _, bad := range []byte{0x00, 0x7f, 0x80, 0xff, 0x05} {
		damaged := append([]byte{}, log...)
		damaged[markerLen+recordCRCLen+1] = bad // The text length of the first record.
		l := parseLog(damaged, nil)
		if !l.damaged || l.text("reply") != want.String() {
			t.Errorf("length byte %#x: damaged %v, read back %d of %d bytes", bad, l.damaged, len(l.text("reply")), want.Len())
		}
	}
}

func TestLogOfGarbageIsDamaged(t *testing.T) {
	for _, garbage := range []string{"garbage", "a marker \xffLD2 in the middle of garbage", strings.Repeat("\xff\x00", 300)} {
		if l := parseLog([]byte(garbage), nil); !l.damaged || l.records != 0 {
			t.Errorf("%q: damaged %v, %d records", garbage, l.damaged, l.records)
		}
	}
	for _, torn := range []string{"", "\xff", "\xffL", "\xffLD2", "\x00\x00\x00"} {
		if l := parseLog([]byte(torn), nil); l.damaged {
			t.Errorf("%q, what a write cut short leaves, reads as damage", torn)
		}
	}
}

// TestLogInFormat1IsRead reads a log as lockchat wrote it before records
// had a marker: whole, cut short, and damaged in the middle.
func TestLogInFormat1IsRead(t *testing.T) {
	log := appendRecordV1(nil, "m", "old ")
	log = appendRecordV1(log, "m", "format")
	if l := parseLog(log, nil); l.damaged || l.text("m") != "old format" {
		t.Errorf("whole: damaged %v, %q", l.damaged, l.text("m"))
	}
	if l := parseLog(log[:len(log)-2], nil); l.damaged || l.text("m") != "old " {
		t.Errorf("cut short: damaged %v, %q", l.damaged, l.text("m"))
	}
	bad := append(append([]byte{}, log...), "garbage in the middle"...)
	bad = appendRecordV1(bad, "m", " after")
	if l := parseLog(bad, nil); !l.damaged || l.text("m") != "old format" {
		t.Errorf("damaged: damaged %v, %q", l.damaged, l.text("m"))
	}
}

// appendRecordV1 encodes a record as lockchat wrote them before markers.
func appendRecordV1(buf []byte, msgID, text string) []byte {
	return append(buf, appendRecord(nil, msgID, text)[markerLen:]...)
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
	if m.Content != "before after" || m.Status != StatusStopped {
		t.Fatalf("recovered %q %s", m.Content, m.Status)
	}
	aside := keptAside(t, log, notices)
	if !strings.Contains(notices[0].Text, "12 characters of reply "+reply) {
		t.Errorf("notice %q does not say what was recovered", notices[0].Text)
	}
	if b, _ := os.ReadFile(aside); !strings.Contains(string(b), "garbage in the middle") {
		t.Errorf("the log kept aside is not the damaged log: %q", b)
	}
	if m, notices = reopenReply(t, path, conv); len(notices) != 0 || m.Content != "before after" {
		t.Errorf("a second open: %q, notices %v", m.Content, notices)
	}
}

// keptAside checks that the log was moved aside, once, and that the one
// notice says where; it returns where.
func keptAside(t *testing.T, log string, notices []Notice) string {
	t.Helper()
	aside, _ := filepath.Glob(log + ".damaged-*")
	if len(notices) != 1 || len(aside) != 1 || !strings.Contains(notices[0].Text, aside[0]) {
		t.Fatalf("notices %v, kept aside %v", notices, aside)
	}
	if _, err := os.Stat(log); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the damaged log is still in place: %v", err)
	}
	return aside[0]
}

// TestRecoveryAfterABadFirstLength damages the length of a crashed
// reply's first record: only that delta is lost, and the notice says how
// much of which reply came back.
func TestRecoveryAfterABadFirstLength(t *testing.T) {
	deltas := []string{"lost ", "kept ", "all ", "of this"}
	path, conv, reply, log := streamAndCrash(t, deltas...)
	data, err := os.ReadFile(log)
	must(t, err)
	data[markerLen+recordCRCLen+1] = 0x7f
	must(t, os.WriteFile(log, data, 0o600))
	m, notices := reopenReply(t, path, conv)
	if m.Content != "kept all of this" || m.Status != StatusStopped {
		t.Fatalf("recovered %q %s", m.Content, m.Status)
	}
	keptAside(t, log, notices)
	if want := fmt.Sprintf("16 characters of reply %s in “q”", reply); !strings.Contains(notices[0].Text, want) {
		t.Errorf("notice %q does not say %q", notices[0].Text, want)
	}
}

// TestRecoveryKeepsALogOfGarbage replaces a crashed reply's log with
// garbage: it is kept, and the notice says nothing could be read.
func TestRecoveryKeepsALogOfGarbage(t *testing.T) {
	path, conv, _, log := streamAndCrash(t, "never seen again")
	must(t, os.WriteFile(log, []byte("this is not a delta log at all, only garbage"), 0o600))
	m, notices := reopenReply(t, path, conv)
	if m.Content != "" || m.Status != StatusStopped {
		t.Fatalf("recovered %q %s", m.Content, m.Status)
	}
	keptAside(t, log, notices)
	if !strings.Contains(notices[0].Text, "0 characters of reply") {
		t.Errorf("notice %q does not say what was recovered", notices[0].Text)
	}
}

// TestRecoveryReadsAFormat1Log recovers a reply whose log an earlier
// lockchat wrote, before records had a marker.
func TestRecoveryReadsAFormat1Log(t *testing.T) {
	path, conv, reply, log := streamAndCrash(t, "replaced")
	must(t, os.WriteFile(log, appendRecordV1(appendRecordV1(nil, reply, "written by "), reply, "an older lockchat"), 0o600))
	m, notices := reopenReply(t, path, conv)
	if m.Content != "written by an older lockchat" || m.Status != StatusStopped || len(notices) != 0 {
		t.Fatalf("recovered %q %s, notices %v", m.Content, m.Status, notices)
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
