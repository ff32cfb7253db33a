package session

import (
	"database/sql"
	"fmt"
	"strings"
)

// addAttachments stores a new message's files in the transaction that
// adds it, so they survive a crash exactly when the message does. res is
// the message's INSERT, whose row ID keys them.
func addAttachments(tx *sql.Tx, res sql.Result, atts []Attachment) error {
	if len(atts) == 0 {
		return nil
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for i, a := range atts {
		if a.SHA256 == "" || len(a.Data) != a.Size {
			return fmt.Errorf("%w: attachment %q has no content", ErrInvalid, a.Name)
		}
		if _, err := tx.Exec(`INSERT INTO blobs (sha256, media_type, data) VALUES (?, ?, ?)
			ON CONFLICT (sha256) DO NOTHING`, a.SHA256, a.MediaType, a.Data); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO attachments (message_seq, n, name, sha256) VALUES (?, ?, ?, ?)`,
			seq, i, a.Name, a.SHA256); err != nil {
			return err
		}
	}
	return nil
}

// loadAttachments fills in the files of a conversation's messages.
func (s *Store) loadAttachments(convID string, msgs []Message) error {
	rows, err := s.db.Query(`SELECT m.id, a.name, b.media_type, b.sha256, b.data
		FROM attachments a JOIN messages m ON m.seq = a.message_seq JOIN blobs b ON b.sha256 = a.sha256
		WHERE m.conversation_id = ? ORDER BY a.message_seq, a.n`, convID)
	if err != nil {
		return err
	}
	defer rows.Close()
	index := make(map[string]int, len(msgs))
	for i, m := range msgs {
		index[m.ID] = i
	}
	for rows.Next() {
		var id string
		var a Attachment
		if err := rows.Scan(&id, &a.Name, &a.MediaType, &a.SHA256, &a.Data); err != nil {
			return err
		}
		a.Size = len(a.Data)
		if i, ok := index[id]; ok {
			msgs[i].Attachments = append(msgs[i].Attachments, a)
		}
	}
	return rows.Err()
}

// attachmentLines is how Markdown exports list a message's files.
func attachmentLines(atts []Attachment) string {
	var b strings.Builder
	for _, a := range atts {
		fmt.Fprintf(&b, "- Attached: `%s` (%s, %s)\n", strings.ReplaceAll(a.Name, "`", "'"), a.MediaType, sizeText(a.Size))
	}
	return b.String()
}
