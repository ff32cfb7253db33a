package oneshot

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
)

// Saver records a one-shot exchange in the conversation store through a
// journal, which keeps it in memory if the store can't be written.
type Saver struct {
	j       *session.Journal
	replyID string
	notices []session.Notice
	// baseURL is the server's, as its preferences are kept (see
	// UsageRefused).
	baseURL string
	// answerBytes counts the answer appended, which a reclassify moves.
	answerBytes int
	// firstText and the reasoning's first and last piece time the
	// reasoning, by now (time.Now; tests fix it).
	firstText, reasonFrom, reasonTo time.Time
	now                             func() time.Time
}

// NewSaver records the prompt in conv (created first when isNew) and
// opens the reply that Delta and Finish fill in.
func NewSaver(j *session.Journal, conv session.Conversation, isNew bool, prompt session.Message, model string) *Saver {
	s := &Saver{j: j, replyID: session.NewID(), now: time.Now}
	now := time.Now()
	if isNew {
		conv.Created, conv.Updated = now, now
		s.note(j.CreateConversation(conv))
	}
	prompt.ID, prompt.ConversationID, prompt.Role = session.NewID(), conv.ID, session.RoleUser
	prompt.Created, prompt.Status = now, session.StatusComplete
	s.note(j.AddMessage(prompt))
	s.note(j.AddMessage(session.Message{ID: s.replyID, ConversationID: conv.ID, ParentID: prompt.ID,
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

// Delta saves answer text at once, before it is printed: whatever reaches
// stdout is in the store's delta log first, even if the process is killed
// the moment after or the stream then stalls. An append costs about a
// microsecond, so nothing is gained by batching.
func (s *Saver) Delta(text string) {
	if s.firstText.IsZero() {
		s.firstText = s.now()
	}
	s.answerBytes += len(text)
	s.note(s.j.AppendDelta(s.replyID, text))
}

// Reasoning saves reasoning text at once, apart from the answer.
func (s *Saver) Reasoning(text string) {
	now := s.now()
	if s.reasonFrom.IsZero() {
		s.reasonFrom = now
	}
	s.reasonTo = now
	s.note(s.j.AppendReasoning(s.replyID, text))
}

// Reclassify records that the answer saved so far was reasoning: the
// model closed a think block it never opened. The reasoning then started
// with the first answer text.
func (s *Saver) Reclassify() {
	if s.answerBytes == 0 {
		return
	}
	if s.reasonFrom.IsZero() || s.firstText.Before(s.reasonFrom) {
		s.reasonFrom = s.firstText
	}
	s.reasonTo = s.now()
	s.note(s.j.Reclassify(s.replyID, s.answerBytes))
}

// UsageRefused remembers that the server refused the request for usage,
// so that later runs leave it out from the start.
func (s *Saver) UsageRefused() {
	if s.baseURL != "" {
		s.note(s.j.SetProviderPrefs(s.baseURL, session.ProviderPrefs{NoStreamUsage: true}))
	}
}

// Retry is not recorded: only the reply that counts is kept.
func (s *Saver) Retry(client.RetryInfo) {}

// Finish records how the reply ended, the server's token counts and how
// long the model reasoned. A reply stopped at max_reply_bytes is kept as
// truncated, with the sentence that says so.
func (s *Saver) Finish(err error, usage client.Usage) {
	end := session.Outcome(err)
	var tl tooLongError
	if errors.As(err, &tl) {
		end = session.Ending{Status: session.StatusTruncated, ErrorText: tl.Error()}
	}
	end.Usage = session.Usage{PromptTokens: usage.PromptTokens, CompletionTokens: usage.CompletionTokens}
	if !s.reasonFrom.IsZero() {
		end.Reasoning = s.reasonTo.Sub(s.reasonFrom)
	}
	s.note(s.j.FinishMessage(s.replyID, end))
}
