package oneshot

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
)

// saveEvery bounds how long streamed text waits before it is written.
const saveEvery = 50 * time.Millisecond

// Saver records a one-shot exchange in the conversation store through a
// journal, which keeps it in memory if the store can't be written.
type Saver struct {
	j       *session.Journal
	replyID string
	pending strings.Builder
	last    time.Time
	notices []session.Notice
}

// NewSaver records the prompt in conv (created first when isNew) and
// opens the reply that Delta and Finish fill in.
func NewSaver(j *session.Journal, conv session.Conversation, isNew bool, parentID, prompt, model string) *Saver {
	s := &Saver{j: j, replyID: session.NewID(), last: time.Now()}
	now := time.Now()
	if isNew {
		conv.Created, conv.Updated = now, now
		s.note(j.CreateConversation(conv))
	}
	userID := session.NewID()
	s.note(j.AddMessage(session.Message{ID: userID, ConversationID: conv.ID, ParentID: parentID,
		Role: session.RoleUser, Content: prompt, Created: now, Status: session.StatusComplete}))
	s.note(j.AddMessage(session.Message{ID: s.replyID, ConversationID: conv.ID, ParentID: userID,
		Role: session.RoleAssistant, Model: model, Created: now, Status: session.StatusStreaming}))
	return s
}

func (s *Saver) note(n session.Notice) {
	if !n.IsZero() {
		s.notices = append(s.notices, n)
	}
}

// Notices returns what the store had to say, for stderr.
func (s *Saver) Notices() []session.Notice { return s.notices }

// printNotices writes the store's notices to w, one sentence each.
func (s *Saver) printNotices(w io.Writer) {
	for _, n := range s.notices {
		fmt.Fprintf(w, "lockchat: %s\n", sanitize.Line(n.Text))
	}
}

// Delta buffers reply text and writes it at most every saveEvery.
func (s *Saver) Delta(text string) {
	s.pending.WriteString(text)
	if time.Since(s.last) >= saveEvery {
		s.flush()
	}
}

func (s *Saver) flush() {
	if s.pending.Len() > 0 {
		s.note(s.j.AppendDelta(s.replyID, s.pending.String()))
		s.pending.Reset()
	}
	s.last = time.Now()
}

// Retry is not recorded: only the reply that counts is kept.
func (s *Saver) Retry(client.RetryInfo) {}

// Finish writes the rest of the text and how the reply ended.
func (s *Saver) Finish(err error) {
	s.flush()
	s.note(s.j.FinishMessage(s.replyID, session.Outcome(err)))
}
