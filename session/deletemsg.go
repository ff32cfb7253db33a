package session

import (
	"database/sql"
	"fmt"
	"strings"
)

// DeleteMessage removes a message and everything under it (its replies
// and their branches), with their attachments. When the branch in use ran
// through it, the conversation's leaf moves to its parent.
func (s *Store) DeleteMessage(msgID string) error {
	if err := s.writable(); err != nil {
		return err
	}
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var convID, parent string
	err = tx.QueryRow(`SELECT conversation_id, coalesce(parent_id, '') FROM messages WHERE id = ?`, msgID).Scan(&convID, &parent)
	if err == sql.ErrNoRows {
		return fmt.Errorf("%w: message %s", ErrNotFound, msgID)
	} else if err != nil {
		return err
	}
	ids, err := subtree(tx, msgID)
	if err != nil {
		return err
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	if _, err := tx.Exec(`DELETE FROM messages WHERE id IN (`+marks+`)`, args...); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE conversations SET message_count = max(0, message_count - ?),
		leaf_id = CASE WHEN leaf_id IN (`+marks+`) THEN ? ELSE leaf_id END WHERE id = ?`,
		append(append([]any{len(ids)}, args...), parent, convID)...); err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM attachments)`); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return s.forgetGone()
}

// subtree lists msgID and every message under it.
func subtree(tx *sql.Tx, msgID string) ([]string, error) {
	rows, err := tx.Query(`WITH RECURSIVE sub(id) AS (
		SELECT ? UNION SELECT m.id FROM messages m JOIN sub ON m.parent_id = sub.id)
		SELECT id FROM sub`, msgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
