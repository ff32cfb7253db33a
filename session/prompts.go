package session

// Prompts returns up to limit prompts (the text of user messages) from
// every conversation but except, newest first, each text once: the
// history that Up walks in the chat after the conversation's own prompts.
// It reads backwards from the newest message and stops at limit, so its
// cost does not grow with the store.
func (s *Store) Prompts(except string, limit int) ([]string, error) {
	rows, err := s.db.Query(`SELECT content FROM messages
		WHERE role = ? AND conversation_id != ? AND trim(content, char(32, 9, 10, 13)) != ''
		ORDER BY seq DESC LIMIT ?`, RoleUser, except, max(limit, 0))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	seen := map[string]bool{}
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return nil, err
		}
		if !seen[text] {
			seen[text] = true
			out = append(out, text)
		}
	}
	return out, rows.Err()
}
