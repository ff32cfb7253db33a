package session

import (
	"crypto/rand"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// AppendDelta makes text, the newest part of a streaming reply, durable:
// when it returns nil the text survives a crash of this process. It adds
// one row to the chunks table in its own transaction, so its cost depends
// on len(text), not on the length of the message. Call it from one
// goroutine at a time per message; other operations may run concurrently.
func (s *Store) AppendDelta(msgID, text string) error {
	if err := s.writable(); err != nil {
		return err
	}
	if text == "" {
		return nil
	}
	stmt, err := s.appendStmt()
	if err != nil {
		return err
	}
	res, err := stmt.Exec(text, msgID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("%w: no streaming message %s", ErrNotFound, msgID)
	}
	return nil
}

// FinishMessage ends a streaming reply with status (complete, stopped,
// error or truncated), an error text for the user when status is error,
// and the server's token counts if it sent any. Its chunks are joined into
// the message text, which the full-text index then picks up.
func (s *Store) FinishMessage(msgID string, status Status, errText string, usage Usage) error {
	if err := s.writable(); err != nil {
		return err
	}
	if status == StatusStreaming || !status.valid() {
		return fmt.Errorf("%w: cannot finish a message as %q", ErrInvalid, status)
	}
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
	if err := consolidate(tx, seq); err != nil {
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

// consolidate appends a message's chunks, in order, to its content and
// deletes them. It does nothing for a message without chunks.
func consolidate(tx *sql.Tx, seq int64) error {
	if _, err := tx.Exec(`UPDATE messages SET content = content ||
		(SELECT group_concat(text, '' ORDER BY n) FROM chunks WHERE message_seq = ?)
		WHERE seq = ? AND EXISTS (SELECT 1 FROM chunks WHERE message_seq = ?)`, seq, seq, seq); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM chunks WHERE message_seq = ?`, seq)
	return err
}

// recoverOrphans stops the replies left streaming by store instances that
// are gone (a crashed process), keeping their text. Replies another live
// process is streaming are left alone.
func (s *Store) recoverOrphans() error {
	return s.stopStreaming(orphaned)
}

// stopOwn stops this instance's replies still streaming, on Close.
func (s *Store) stopOwn() error {
	return s.stopStreaming(func(w string) bool { return w == s.writer })
}

func (s *Store) stopStreaming(match func(writer string) bool) error {
	rows, err := s.db.Query(`SELECT seq, coalesce(writer, '') FROM messages WHERE status = 'streaming'`)
	if err != nil {
		return err
	}
	var seqs []int64
	for rows.Next() {
		var seq int64
		var w string
		if err := rows.Scan(&seq, &w); err != nil {
			rows.Close()
			return err
		}
		if match(w) {
			seqs = append(seqs, seq)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, seq := range seqs {
		if err := s.stopSeq(seq); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) stopSeq(seq int64) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := consolidate(tx, seq); err != nil {
		return err
	}
	// The status test keeps a reply its writer finished meanwhile.
	if _, err := tx.Exec(`UPDATE messages SET status = 'stopped', writer = NULL
		WHERE seq = ? AND status = 'streaming'`, seq); err != nil {
		return err
	}
	return tx.Commit()
}

// liveWriters holds the tokens of the store instances open in this
// process, so that a store reopened in the same process (tests, or a UI
// that reopens after a failure) can tell its abandoned replies from those
// of an instance still open.
var liveWriters sync.Map

func registerWriter() string {
	token := rand.Text()[:12]
	liveWriters.Store(token, true)
	return strconv.Itoa(pid) + ":" + token
}

func unregisterWriter(writer string) {
	_, token, _ := strings.Cut(writer, ":")
	liveWriters.Delete(token)
}

// orphaned reports whether the instance named by writer is gone.
func orphaned(writer string) bool {
	p, token, ok := strings.Cut(writer, ":")
	n, err := strconv.Atoi(p)
	if !ok || err != nil {
		return true
	}
	if n == pid {
		_, live := liveWriters.Load(token)
		return !live
	}
	return !processAlive(n)
}

// appendStmt returns the prepared delta insert. A delta is written once per
// frame while a reply streams; parsing the SQL each time cost more than the
// insert itself.
func (s *Store) appendStmt() (*sql.Stmt, error) {
	s.appendOnce.Do(func() {
		s.appendPrep, s.appendErr = s.db.Prepare(`INSERT INTO chunks (message_seq, n, text)
		SELECT m.seq, coalesce((SELECT max(n) FROM chunks WHERE message_seq = m.seq), 0) + 1, ?
		FROM messages m WHERE m.id = ? AND m.status = 'streaming'`)
	})
	return s.appendPrep, s.appendErr
}
