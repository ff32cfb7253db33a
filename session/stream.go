package session

import (
	"database/sql"
	"fmt"
)

// AppendDelta makes text, the newest part of a streaming reply, durable:
// when it returns nil the text survives this process being killed. It
// appends one record to this instance's delta log with a single write, so
// its cost depends on len(text), not on the length of the message, and it
// writes little more than text itself (see deltalog.go). Call it from one
// goroutine at a time per message, on the store instance that added the
// message; other operations may run concurrently.
func (s *Store) AppendDelta(msgID, text string) error {
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
	return s.log.append(msgID, text)
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

// FinishMessage ends a streaming reply with status (complete, stopped,
// error or truncated), an error text for the user when status is error,
// and the server's token counts if it sent any. Its logged deltas are
// joined into the message text in one transaction, which the full-text
// index then picks up.
func (s *Store) FinishMessage(msgID string, status Status, errText string, usage Usage) error {
	if err := s.writable(); err != nil {
		return err
	}
	if status == StatusStreaming || !status.valid() {
		return fmt.Errorf("%w: cannot finish a message as %q", ErrInvalid, status)
	}
	logged, err := s.log.text(msgID)
	if err != nil {
		return err
	}
	if err := s.finish(msgID, logged, status, errText, usage); err != nil {
		return err
	}
	s.log.done(msgID)
	return nil
}

func (s *Store) finish(msgID, logged string, status Status, errText string, usage Usage) error {
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
		completion_tokens = ?, writer = NULL WHERE seq = ?`,
		string(status), errText, usage.PromptTokens, usage.CompletionTokens, seq); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE conversations SET updated = max(updated, ?) WHERE id = ?`,
		s.now().UnixMilli(), convID); err != nil {
		return err
	}
	return tx.Commit()
}

// consolidate appends a streaming message's text that is not yet in its
// content: chunks rows (written by lockchat before the delta log), then
// the logged text. A message no longer streaming already has its text, as
// when it was finished but the process died before resetting its log.
func consolidate(tx *sql.Tx, seq int64, logged string) error {
	if _, err := tx.Exec(`UPDATE messages SET content = content ||
		coalesce((SELECT group_concat(text, '' ORDER BY n) FROM chunks WHERE message_seq = ?), '') || ?
		WHERE seq = ? AND status = 'streaming'
		AND (? != '' OR EXISTS (SELECT 1 FROM chunks WHERE message_seq = ?))`,
		seq, logged, seq, logged, seq); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM chunks WHERE message_seq = ?`, seq)
	return err
}
