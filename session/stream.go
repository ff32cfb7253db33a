package session

import (
	"database/sql"
	"fmt"
	"strconv"
)

// AppendDelta makes text, the newest part of a streaming reply, durable:
// when it returns nil the text survives this process being killed. It
// appends one record to this instance's delta log with a single write, so
// its cost depends on len(text), not on the length of the message, and it
// writes little more than text itself (see deltalog.go). Call it from one
// goroutine at a time per message, on the store instance that added the
// message; other operations may run concurrently.
func (s *Store) AppendDelta(msgID, text string) error {
	return s.appendPart(msgID, partAnswer, text)
}

// AppendReasoning is AppendDelta for the reply's reasoning: kept apart
// from the answer, as durable, in the same log.
func (s *Store) AppendReasoning(msgID, text string) error {
	return s.appendPart(msgID, partReasoning, text)
}

// Reclassify records that the first n bytes of the answer streamed so far
// are reasoning after all: a model that ends a </think> it never opened.
// The store moves them when the reply is finished, recovered or loaded.
func (s *Store) Reclassify(msgID string, n int) error {
	if n <= 0 {
		return nil
	}
	return s.appendPart(msgID, partMoved, strconv.Itoa(n)+";")
}

func (s *Store) appendPart(msgID string, p part, text string) error {
	if err := s.writable(); err != nil {
		return err
	}
	if text == "" {
		return nil
	}
	if !s.log.tracks(msgID) {
		if err := s.adopt(msgID); err != nil {
			return err
		}
	}
	return s.log.append(msgID, p, text)
}

// adopt checks a reply this instance does not know to be streaming. It
// takes only replies it streams itself: another instance's log holds the
// rest of another's reply, and would fold it without these deltas.
func (s *Store) adopt(msgID string) error {
	var writer sql.NullString
	err := s.db.QueryRow(`SELECT writer FROM messages WHERE id = ? AND status = 'streaming'`, msgID).Scan(&writer)
	if err == sql.ErrNoRows {
		return fmt.Errorf("%w: no streaming message %s", ErrNotFound, msgID)
	} else if err != nil {
		return err
	}
	if writer.String != s.writer {
		return fmt.Errorf("%w: message %s is being streamed by another lockchat", ErrNotFound, msgID)
	}
	s.log.track(msgID)
	return nil
}

// FinishMessage ends a streaming reply as end says: its status (complete,
// stopped, error or truncated), an error text for the user, the server's
// token counts and how long it reasoned. Its logged parts are joined into
// the message in one transaction, which the full-text index then picks up.
func (s *Store) FinishMessage(msgID string, end Ending) error {
	if err := s.writable(); err != nil {
		return err
	}
	if end.Status == StatusStreaming || !end.Status.valid() {
		return fmt.Errorf("%w: cannot finish a message as %q", ErrInvalid, end.Status)
	}
	logged, err := s.log.reply(msgID)
	if err != nil {
		return err
	}
	if err := s.finish(msgID, logged, end); err != nil {
		return err
	}
	s.log.done(msgID)
	return nil
}

func (s *Store) finish(msgID string, logged replyLog, end Ending) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var seq int64
	var convID string
	err = tx.QueryRow(`SELECT seq, conversation_id FROM messages WHERE id = ?`, msgID).Scan(&seq, &convID)
	if err == sql.ErrNoRows {
		return fmt.Errorf("%w: message %s", ErrNotFound, msgID)
	} else if err != nil {
		return err
	}
	if err := consolidate(tx, seq, logged); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE messages SET status = ?, error_text = ?, prompt_tokens = ?,
		completion_tokens = ?, reasoning_ms = ?, writer = NULL WHERE seq = ?`,
		string(end.Status), end.ErrorText, end.Usage.PromptTokens, end.Usage.CompletionTokens,
		end.Reasoning.Milliseconds(), seq); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE conversations SET updated = max(updated, ?) WHERE id = ?`,
		s.now().UnixMilli(), convID); err != nil {
		return err
	}
	return tx.Commit()
}

// consolidate folds into a streaming message's row what is not yet there:
// chunks rows (written by lockchat before the delta log), then the logged
// parts. A message no longer streaming already has its text, as when it
// was finished but the process died before resetting its log.
func consolidate(tx *sql.Tx, seq int64, logged replyLog) error {
	var content, reasoning string
	err := tx.QueryRow(`SELECT content ||
		coalesce((SELECT group_concat(text, '' ORDER BY n) FROM chunks WHERE message_seq = ?), ''), reasoning
		FROM messages WHERE seq = ? AND status = 'streaming'`, seq, seq).Scan(&content, &reasoning)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if err == nil {
		content, reasoning = logged.fold(content, reasoning)
		if _, err := tx.Exec(`UPDATE messages SET content = ?, reasoning = ? WHERE seq = ?`,
			content, reasoning, seq); err != nil {
			return err
		}
	}
	_, err = tx.Exec(`DELETE FROM chunks WHERE message_seq = ?`, seq)
	return err
}
