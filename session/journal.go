package session

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Writer is the set of writes a Journal applies. *Store implements it;
// tests wrap it to inject failures.
type Writer interface {
	CreateConversation(c Conversation) error
	AddMessage(m Message) error
	AppendDelta(msgID, text string) error
	AppendReasoning(msgID, text string) error
	Reclassify(msgID string, n int) error
	FinishMessage(msgID string, end Ending) error
	UpdateConversation(convID string, u ConversationUpdate) error
	SetProviderPrefs(baseURL string, p ProviderPrefs) error
	Rename(convID, title string) error
	Delete(convID string) error
	SetDraft(convID, text string) error
	DeleteMessage(msgID string) error
}

// reopenEvery limits how often a Journal without a store tries to open
// one, since every operation (up to one per frame) would otherwise try.
const reopenEvery = time.Second

// Journal is how the UI writes: bad storage never costs the current
// conversation. It applies operations to its Writer in order. When a write
// fails (disk full, read-only directory, store locked or written by a newer
// lockchat) it keeps that operation and every later one in memory, in
// order, and retries them on the next operation or on Flush; once writes
// work again it catches up losslessly. Consecutive deltas for the same
// message are merged while they wait.
//
// Every method returns a Notice: a warning the first time writes fail, an
// information the first time they work again, and the zero Notice
// otherwise, so the UI shows each change of state once. A Journal is safe
// for concurrent use; its operations are applied one at a time.
type Journal struct {
	mu       sync.Mutex
	w        Writer
	where    string
	open     func() (*Store, []Notice, error)
	nextOpen time.Time
	pending  []op
	// failure is the error that stopped writes, reported once; nil while
	// writes work.
	failure error

	// dir is the directory of the store, whose disk diagnose checks; ""
	// when unknown.
	dir string
	// nextReclaim is when a write failing for space may next have the
	// store give back the space it can (at most once per reopenEvery).
	nextReclaim time.Time
	// copies are what was saved of the conversations written to last,
	// to save again one deleted elsewhere (journal_keep.go).
	copies []*keptConv
}

// NewJournal returns a Journal writing to w. With a nil w (no store could
// be opened and none will be) everything is kept in memory and the first
// operation says so.
func NewJournal(w Writer) *Journal {
	j := &Journal{w: w, where: "the conversation store"}
	if s, ok := w.(*Store); ok {
		j.where, j.dir = s.Path(), filepath.Dir(s.Path())
	}
	return j
}

// OpenJournal opens the store at path (see Open) and returns a Journal
// writing to it, with Open's notices. If the store cannot be opened, the
// Journal keeps operations in memory, says so in a notice, and tries to
// open the store again (at most once a second, or on every Flush) until it
// can, then catches up.
func OpenJournal(path string) (*Journal, []Notice) {
	j := &Journal{where: path, dir: filepath.Dir(path), open: func() (*Store, []Notice, error) { return Open(path) }}
	s, notices, err := Open(path)
	if err != nil {
		err = diagnose(err, j.dir)
		j.failure = err
		j.nextOpen = time.Now().Add(reopenEvery)
		return j, append(notices, j.failedNotice(err))
	}
	j.w = s
	return j, notices
}

// Store returns the store the Journal writes to, for reading, or nil while
// there is none.
func (j *Journal) Store() *Store {
	j.mu.Lock()
	defer j.mu.Unlock()
	s, _ := j.w.(*Store)
	return s
}

// Pending returns how many operations wait in memory to be saved.
func (j *Journal) Pending() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending)
}

// CreateConversation queues Writer.CreateConversation and flushes.
// It stamps Created now if unset, so that a late catch-up keeps the time.
func (j *Journal) CreateConversation(c Conversation) Notice {
	if c.Created.IsZero() {
		c.Created = time.Now()
	}
	return j.do(op{kind: opCreate, conv: c})
}

// AddMessage queues Writer.AddMessage and flushes.
// It stamps Created now if unset, so that a late catch-up keeps the time.
func (j *Journal) AddMessage(m Message) Notice {
	if m.Created.IsZero() {
		m.Created = time.Now()
	}
	return j.do(op{kind: opAdd, msg: m})
}

// AppendDelta queues Writer.AppendDelta and flushes.
func (j *Journal) AppendDelta(msgID, text string) Notice {
	return j.do(op{kind: opDelta, id: msgID, text: text})
}

// AppendReasoning queues Writer.AppendReasoning and flushes.
func (j *Journal) AppendReasoning(msgID, text string) Notice {
	return j.do(op{kind: opReasoning, id: msgID, text: text})
}

// Reclassify queues Writer.Reclassify and flushes.
func (j *Journal) Reclassify(msgID string, n int) Notice {
	return j.do(op{kind: opReclassify, id: msgID, n: n})
}

// FinishMessage queues Writer.FinishMessage and flushes.
func (j *Journal) FinishMessage(msgID string, end Ending) Notice {
	return j.do(op{kind: opFinish, id: msgID, end: end})
}

// UpdateConversation queues Writer.UpdateConversation and flushes.
func (j *Journal) UpdateConversation(convID string, u ConversationUpdate) Notice {
	return j.do(op{kind: opUpdate, id: convID, update: u.copy()})
}

// SetProviderPrefs queues Writer.SetProviderPrefs and flushes.
func (j *Journal) SetProviderPrefs(baseURL string, p ProviderPrefs) Notice {
	return j.do(op{kind: opPrefs, id: baseURL, prefs: p})
}

// SetDraft queues Writer.SetDraft and flushes.
func (j *Journal) SetDraft(convID, text string) Notice {
	return j.do(op{kind: opDraft, id: convID, text: text})
}

// Rename queues Writer.Rename and flushes.
func (j *Journal) Rename(convID, title string) Notice {
	return j.do(op{kind: opRename, id: convID, text: title})
}

// DeleteMessage queues Writer.DeleteMessage and flushes.
func (j *Journal) DeleteMessage(msgID string) Notice {
	return j.do(op{kind: opDeleteMsg, id: msgID})
}

// Delete queues Writer.Delete and flushes.
func (j *Journal) Delete(convID string) Notice {
	return j.do(op{kind: opDelete, id: convID})
}

// Flush retries the operations waiting in memory now, including opening
// the store if there is none.
func (j *Journal) Flush() Notice {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.nextOpen = time.Time{}
	return j.flushLocked()
}

// Close flushes and closes the store. Operations that still cannot be
// saved are lost with the process; the error says how many and why.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.nextOpen = time.Time{}
	j.flushLocked()
	var err error
	if n := len(j.pending); n > 0 {
		what, _ := reason(j.failure)
		err = fmt.Errorf("%d changes could not be saved to %s: %s", n, j.where, what)
	}
	if s, ok := j.w.(*Store); ok {
		if cerr := s.Close(); err == nil {
			err = cerr
		}
	}
	j.w = nil
	j.open = nil
	return err
}

func (j *Journal) do(o op) Notice {
	j.mu.Lock()
	defer j.mu.Unlock()
	if n := len(j.pending); n > 0 && o.mergesWith(j.pending[n-1]) {
		j.pending[n-1].text += o.text
	} else {
		j.pending = append(j.pending, o)
	}
	return j.flushLocked()
}

// flushLocked applies pending operations in order until one fails.
func (j *Journal) flushLocked() Notice {
	var notes []string
	if j.w == nil {
		if j.open == nil || time.Now().Before(j.nextOpen) {
			return j.fail(errNoStore)
		}
		s, opened, err := j.open()
		if err != nil {
			j.nextOpen = time.Now().Add(reopenEvery)
			return j.fail(diagnose(err, j.dir))
		}
		j.w = s
		for _, n := range opened {
			notes = append(notes, n.Text)
		}
	}
	level := LevelInfo
	for len(j.pending) > 0 {
		note, err := j.applyKept(j.pending[0])
		if note != "" {
			level = LevelWarning
			notes = append(notes, note)
		}
		if err != nil && !rejected(err) {
			err = diagnose(err, j.dir)
			j.reclaimSpace(err)
			if n := j.fail(err); !n.IsZero() {
				notes = append(notes, n.Text)
			}
			return joinNotices(LevelWarning, notes)
		}
		if err != nil {
			level = LevelWarning
			notes = append(notes, fmt.Sprintf("A change was not saved: %v.", err))
		} else {
			j.keep(j.pending[0])
		}
		j.pending[0] = op{}
		j.pending = j.pending[1:]
	}
	if j.failure != nil {
		j.failure = nil
		notes = append(notes, fmt.Sprintf("Saving works again: everything kept in memory is now in %s.", j.where))
	}
	return joinNotices(level, notes)
}

// reclaimSpace has the store give back what space it can when err says a
// write found none, so that a retry finds it once the user frees some.
func (j *Journal) reclaimSpace(err error) {
	r, ok := j.w.(spaceReclaimer)
	if !ok || !outOfSpace(err) || time.Now().Before(j.nextReclaim) {
		return
	}
	j.nextReclaim = time.Now().Add(reopenEvery)
	r.reclaimSpace()
}

// fail records a write failure and returns a notice the first time.
func (j *Journal) fail(err error) Notice {
	if j.failure != nil {
		return Notice{}
	}
	j.failure = err
	return j.failedNotice(err)
}

func (j *Journal) failedNotice(err error) Notice {
	if err == errNoStore {
		return Notice{Level: LevelWarning, Text: "Conversations are not being saved; this one is kept in memory only."}
	}
	what, fix := reason(err)
	return Notice{Level: LevelWarning, Text: fmt.Sprintf(
		"Cannot save to %s because %s; this conversation is kept in memory and will be saved once you %s.",
		j.where, what, fix)}
}

func joinNotices(level Level, texts []string) Notice {
	if len(texts) == 0 {
		return Notice{}
	}
	return Notice{Level: level, Text: strings.Join(texts, " ")}
}
