package session

import (
	"database/sql"
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

// searchWindow is how many of the newest matches Search ranks. bm25 must
// score every match before the best can be picked, which for a word found
// in a fifth of a million messages takes over 100 ms; ranking only the
// newest matches keeps search fast and favours recent conversations.
const searchWindow = 2000

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
// (FTS5's bm25 rank among the newest 2000 matches), at most limit of them
// (20 when limit <= 0). Words
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
	cutoff, err := s.searchCutoff(match)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(`SELECT m.conversation_id, c.title, m.id, m.role, m.created,
		snippet(messages_fts, 0, ?, ?, ?, ?)
		FROM messages_fts
		JOIN messages m ON m.seq = messages_fts.rowid
		JOIN conversations c ON c.id = m.conversation_id
		WHERE messages_fts MATCH ? AND messages_fts.rowid >= ? ORDER BY rank LIMIT ?`,
		SnippetStart, SnippetEnd, SnippetEllipsis, snippetTokens, match, cutoff, limit)
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

// searchCutoff returns the rowid of the searchWindow-th newest match, or 0
// when there are fewer; FTS5 applies a rowid bound while it reads the
// index, so the ranking query then scores only the newest matches.
func (s *Store) searchCutoff(match string) (int64, error) {
	var cutoff int64
	err := s.db.QueryRow(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?
		ORDER BY rowid DESC LIMIT 1 OFFSET ?`, match, searchWindow-1).Scan(&cutoff)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return cutoff, err
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
