package session

import (
	"fmt"
	"strings"
	"time"
)

// The markers Search puts around matched terms in a snippet. They are
// plain text so that the command line can print them as they are and the
// UI can swap them for styles.
const (
	SnippetStart = "«"
	SnippetEnd   = "»"
	// SnippetEllipsis marks text cut from either end of a snippet.
	SnippetEllipsis = "…"
)

// snippetTokens is about how many words a snippet holds.
const snippetTokens = 16

// Hit is one message matching a search.
type Hit struct {
	ConversationID string    `json:"conversation_id"`
	Title          string    `json:"title"`
	MessageID      string    `json:"message_id"`
	Role           string    `json:"role"`
	Created        time.Time `json:"created"`
	// Snippet is the text around the match, as stored (not sanitised), with
	// matched terms between SnippetStart and SnippetEnd.
	Snippet string `json:"snippet"`
}

// Search finds messages containing every word of query, best match first
// (FTS5's bm25 rank), at most limit of them (20 when limit <= 0). Words
// are matched whole, ignoring case and diacritics; a word ending in '*'
// matches as a prefix. Query syntax characters are taken literally. Text
// of replies still streaming is found once they finish (or are recovered).
func (s *Store) Search(query string, limit int) ([]Hit, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, fmt.Errorf("%w: empty search", ErrInvalid)
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.Query(`SELECT m.conversation_id, c.title, m.id, m.role, m.created,
		snippet(messages_fts, 0, ?, ?, ?, ?)
		FROM messages_fts
		JOIN messages m ON m.seq = messages_fts.rowid
		JOIN conversations c ON c.id = m.conversation_id
		WHERE messages_fts MATCH ? ORDER BY rank LIMIT ?`,
		SnippetStart, SnippetEnd, SnippetEllipsis, snippetTokens, match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var created int64
		if err := rows.Scan(&h.ConversationID, &h.Title, &h.MessageID, &h.Role, &created, &h.Snippet); err != nil {
			return nil, err
		}
		h.Created = fromMillis(created)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// ftsQuery turns what a user typed into an FTS5 query: each word becomes a
// quoted string (so operators and punctuation cannot cause syntax errors),
// joined by implicit AND; a trailing '*' stays outside the quotes as a
// prefix search.
func ftsQuery(q string) string {
	var terms []string
	for _, w := range strings.Fields(q) {
		prefix := ""
		if len(w) > 1 && strings.HasSuffix(w, "*") {
			w, prefix = strings.TrimRight(w, "*"), "*"
		}
		if strings.Trim(w, "*") == "" {
			continue
		}
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`+prefix)
	}
	return strings.Join(terms, " ")
}
