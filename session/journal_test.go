package session

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// flakyWriter fails every write with err while err is set, standing in for
// a full disk or an unwritable directory.
type flakyWriter struct {
	*Store
	mu  sync.Mutex
	err error
}

func (f *flakyWriter) setErr(err error) {
	f.mu.Lock()
	f.err = err
	f.mu.Unlock()
}

func (f *flakyWriter) check() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

func (f *flakyWriter) CreateConversation(c Conversation) error {
	if err := f.check(); err != nil {
		return err
	}
	return f.Store.CreateConversation(c)
}

func (f *flakyWriter) AddMessage(m Message) error {
	if err := f.check(); err != nil {
		return err
	}
	return f.Store.AddMessage(m)
}

func (f *flakyWriter) AppendDelta(id, text string) error {
	if err := f.check(); err != nil {
		return err
	}
	return f.Store.AppendDelta(id, text)
}

func (f *flakyWriter) FinishMessage(id string, end Ending) error {
	if err := f.check(); err != nil {
		return err
	}
	return f.Store.FinishMessage(id, end)
}

func (f *flakyWriter) Rename(id, title string) error {
	if err := f.check(); err != nil {
		return err
	}
	return f.Store.Rename(id, title)
}

func (f *flakyWriter) Delete(id string) error {
	if err := f.check(); err != nil {
		return err
	}
	return f.Store.Delete(id)
}

func (f *flakyWriter) SetDraft(id, text string) error {
	if err := f.check(); err != nil {
		return err
	}
	return f.Store.SetDraft(id, text)
}

var errDiskFull = fmt.Errorf("write lockchat.db-wal: %w", syscall.ENOSPC)

func TestJournalKeepsEverythingThroughAFullDisk(t *testing.T) {
	s := openTest(t)
	f := &flakyWriter{Store: s}
	j := NewJournal(f)
	conv, user, reply := NewID(), NewID(), NewID()
	noNotice(t, j.CreateConversation(Conversation{ID: conv}))
	noNotice(t, j.AddMessage(Message{ID: user, ConversationID: conv, Role: RoleUser, Content: "question"}))
	noNotice(t, j.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant, Model: "m"}))
	noNotice(t, j.AppendDelta(reply, "saved "))

	f.setErr(errDiskFull)
	n := j.AppendDelta(reply, "kept ")
	if n.Level != LevelWarning || !strings.Contains(n.Text, "disk is full") || !strings.Contains(n.Text, "free some space") {
		t.Fatalf("first failure notice = %+v", n)
	}
	noNotice(t, j.AppendDelta(reply, "in "))
	noNotice(t, j.AppendDelta(reply, "memory"))
	noNotice(t, j.FinishMessage(reply, Ending{Status: StatusComplete, Usage: Usage{CompletionTokens: 7}}))
	noNotice(t, j.Rename(conv, "renamed while full"))
	noNotice(t, j.Flush())
	if p := j.Pending(); p != 3 {
		t.Errorf("pending = %d, want 3 (deltas merged, finish, rename)", p)
	}
	_, msgs, _ := s.Load(conv)
	if msgs[1].Content != "saved " {
		t.Fatalf("store has %q before catch-up", msgs[1].Content)
	}

	f.setErr(nil)
	n = j.Flush()
	if n.Level != LevelInfo || !strings.Contains(n.Text, "Saving works again") {
		t.Fatalf("recovery notice = %+v", n)
	}
	noNotice(t, j.Flush())
	c, msgs, err := s.Load(conv)
	must(t, err)
	if m := msgs[1]; m.Content != "saved kept in memory" || m.Status != StatusComplete || m.CompletionTokens != 7 {
		t.Errorf("after catch-up: %+v", m)
	}
	if c.Title != "renamed while full" || j.Pending() != 0 {
		t.Errorf("title %q, pending %d", c.Title, j.Pending())
	}
}

func noNotice(t *testing.T, n Notice) {
	t.Helper()
	if !n.IsZero() {
		t.Fatalf("unexpected notice: %+v", n)
	}
}

// TestJournalRandomFailuresLoseNothing fails writes on and off at random
// while a conversation streams, and checks the store ends up with exactly
// what was written, with one warning per failure episode and one recovery
// notice after it.
func TestJournalRandomFailuresLoseNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	s := openTest(t)
	f := &flakyWriter{Store: s}
	j := NewJournal(f)
	conv := NewID()
	j.CreateConversation(Conversation{ID: conv})
	var want []string
	failing, warnings, recoveries, episodes := false, 0, 0, 0
	count := func(n Notice) {
		switch {
		case n.IsZero():
		case n.Level == LevelWarning:
			warnings++
		default:
			recoveries++
		}
	}
	for turn := range 30 {
		if rng.IntN(4) == 0 {
			failing = !failing
			if failing {
				f.setErr(errDiskFull)
				episodes++
			} else {
				f.setErr(nil)
			}
		}
		reply := NewID()
		count(j.AddMessage(Message{ID: NewID(), ConversationID: conv, Role: RoleUser, Content: fmt.Sprint("q", turn)}))
		count(j.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant}))
		var text strings.Builder
		for d := range rng.IntN(20) {
			piece := fmt.Sprintf("<%d.%d>", turn, d)
			text.WriteString(piece)
			count(j.AppendDelta(reply, piece))
		}
		count(j.FinishMessage(reply, Ending{Status: StatusComplete}))
		want = append(want, fmt.Sprint("q", turn), text.String())
	}
	f.setErr(nil)
	count(j.Flush())
	if episodes == 0 || warnings != episodes || recoveries != episodes {
		t.Errorf("%d failure episodes gave %d warnings and %d recoveries", episodes, warnings, recoveries)
	}
	_, msgs, err := s.Load(conv)
	must(t, err)
	if len(msgs) != len(want) {
		t.Fatalf("%d messages, want %d", len(msgs), len(want))
	}
	for i, m := range msgs {
		if m.Content != want[i] || m.Status != StatusComplete {
			t.Errorf("message %d = %q %s, want %q", i, m.Content, m.Status, want[i])
		}
	}
}

// TestJournalWithRealFullDatabase makes SQLite itself report SQLITE_FULL by
// capping the database size, then lifts the cap. Deltas go to the delta
// log, so the cap bites when the finished reply is folded into SQLite.
func TestJournalWithRealFullDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, _, err := openWith(path, options{pragmas: []string{"max_page_count(40)"}})
	must(t, err)
	s.db.SetMaxOpenConns(1) // One connection, so the cap can be lifted on it below.
	j := NewJournal(s)
	defer j.Close()
	conv, reply := NewID(), NewID()
	noNotice(t, j.CreateConversation(Conversation{ID: conv}))
	noNotice(t, j.AddMessage(Message{ID: reply, ConversationID: conv, Role: RoleAssistant}))
	var want strings.Builder
	for i := 0; want.Len() < 60*4096; i++ { // More than the 40 pages the database may have.
		d := fmt.Sprintf("%06d %s\n", i, strings.Repeat("x", 200))
		want.WriteString(d)
		noNotice(t, j.AppendDelta(reply, d))
	}
	warned := j.FinishMessage(reply, Ending{Status: StatusComplete})
	if !strings.Contains(warned.Text, "disk is full") {
		t.Fatalf("notice = %q", warned.Text)
	}
	noNotice(t, j.AddMessage(Message{ID: NewID(), ConversationID: conv, Role: RoleUser, Content: "after"}))
	_, err = s.db.Exec(`PRAGMA max_page_count = 1000000`)
	must(t, err)
	if n := j.Flush(); !strings.Contains(n.Text, "Saving works again") {
		t.Fatalf("recovery notice = %+v", n)
	}
	_, msgs, err := s.Load(conv)
	must(t, err)
	if msgs[0].Content != want.String() || msgs[0].Status != StatusComplete {
		t.Fatalf("after catch-up: %d bytes %s, want %d bytes", len(msgs[0].Content), msgs[0].Status, want.Len())
	}
	if len(msgs) != 2 || msgs[1].Content != "after" {
		t.Fatalf("the message queued behind the failure: %+v", msgs[1:])
	}
}

func TestJournalWithoutStoreKeepsInMemory(t *testing.T) {
	j := NewJournal(nil)
	n := j.CreateConversation(Conversation{ID: "c"})
	if n.Level != LevelWarning || !strings.Contains(n.Text, "kept in memory") {
		t.Fatalf("notice = %+v", n)
	}
	noNotice(t, j.AddMessage(Message{ID: "m", ConversationID: "c", Role: RoleUser, Content: "x"}))
	if j.Pending() != 2 || j.Store() != nil {
		t.Errorf("pending %d, store %v", j.Pending(), j.Store())
	}
}

func TestJournalDropsRejectedOperationsAndGoesOn(t *testing.T) {
	s := openTest(t)
	j := NewJournal(s)
	n := j.AppendDelta("no-such-message", "x")
	if n.Level != LevelWarning || !strings.Contains(n.Text, "not saved") {
		t.Fatalf("notice = %+v", n)
	}
	noNotice(t, j.CreateConversation(Conversation{ID: "c"}))
	if j.Pending() != 0 {
		t.Errorf("a rejected operation blocks the queue")
	}
}

func TestJournalOpensStoreOnceDirectoryIsWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; TestJournalKeepsEverythingThroughAFullDisk covers failures")
	}
	dir := filepath.Join(t.TempDir(), "data")
	must(t, os.Mkdir(dir, 0o500))
	defer os.Chmod(dir, 0o700)
	j, notices := OpenJournal(filepath.Join(dir, FileName))
	defer j.Close()
	if len(notices) != 1 || !strings.Contains(notices[0].Text, "not writable") {
		t.Fatalf("notices = %v", notices)
	}
	noNotice(t, j.CreateConversation(Conversation{ID: "c"}))
	noNotice(t, j.AddMessage(Message{ID: "m", ConversationID: "c", Role: RoleUser, Content: "kept"}))
	must(t, os.Chmod(dir, 0o700))
	if n := j.Flush(); !strings.Contains(n.Text, "Saving works again") {
		t.Fatalf("notice = %+v", n)
	}
	_, msgs, err := j.Store().Load("c")
	must(t, err)
	if len(msgs) != 1 || msgs[0].Content != "kept" {
		t.Errorf("messages = %+v", msgs)
	}
}
