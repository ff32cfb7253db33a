package session

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

const conversationColumns = `id, title, created, updated, provider, system_prompt, models, message_count,
	provider_name, model, leaf_id`

type scanner interface{ Scan(dest ...any) error }

func scanConversation(r scanner) (Conversation, error) {
	var c Conversation
	var created, updated int64
	var models string
	err := r.Scan(&c.ID, &c.Title, &created, &updated, &c.Provider, &c.SystemPrompt, &models, &c.MessageCount,
		&c.ProviderName, &c.Model, &c.LeafID)
	c.Created, c.Updated = fromMillis(created), fromMillis(updated)
	c.Models = decodeModels(models)
	return c, err
}

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms) }

// List returns up to limit conversations, newest update first, skipping the
// first offset; limit <= 0 means all.
func (s *Store) List(limit, offset int) ([]Conversation, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.Query(`SELECT `+conversationColumns+` FROM conversations
		ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?`, limit, max(offset, 0))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Conversation
	for rows.Next() {
		c, err := scanConversation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Conversation returns one conversation by its full ID.
func (s *Store) Conversation(id string) (Conversation, error) {
	c, err := scanConversation(s.db.QueryRow(`SELECT `+conversationColumns+` FROM conversations WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return c, fmt.Errorf("%w: conversation %s", ErrNotFound, id)
	}
	return c, err
}

// Last returns the most recently updated conversation, or ErrNotFound when
// there is none.
func (s *Store) Last() (Conversation, error) {
	cs, err := s.List(1, 0)
	if err != nil {
		return Conversation{}, err
	}
	if len(cs) == 0 {
		return Conversation{}, fmt.Errorf("%w: there are no conversations yet", ErrNotFound)
	}
	return cs[0], nil
}

// LastWord is the reference Resolve reads as the newest conversation.
const LastWord = "last"

// Resolve returns the full ID of the conversation ref names: a full ID, a
// unique prefix of one (case-insensitive), or "last" for the most recently
// updated. It returns ErrNotFound or ErrAmbiguous, wrapped in a sentence
// the command line can print.
func (s *Store) Resolve(ref string) (string, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if ref == "" {
		return "", fmt.Errorf("%w: no conversation ID given", ErrInvalid)
	}
	if ref == LastWord {
		c, err := s.Last()
		return c.ID, err
	}
	// A prefix range uses the primary key; U+10FFFF sorts after every ID.
	rows, err := s.db.Query(`SELECT id FROM conversations WHERE id >= ? AND id < ? ORDER BY id LIMIT 3`,
		ref, ref+"\U0010FFFF")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", err
		}
		if id == ref {
			return id, nil
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("%w: no conversation ID starts with %q", ErrNotFound, ref)
	case 1:
		return ids[0], nil
	}
	list := strings.Join(ids[:2], " and ")
	if len(ids) > 2 {
		list = strings.Join(ids[:2], ", ") + " and others"
	}
	return "", fmt.Errorf("%w: %q matches %s; type more of the ID", ErrAmbiguous, ref, list)
}

// Load returns a conversation and its messages in the order they were
// added. Replies still streaming, here or in another process, include
// every delta stored so far.
func (s *Store) Load(convID string) (Conversation, []Message, error) {
	c, msgs, err := s.loadRows(convID)
	if err != nil {
		return c, nil, err
	}
	streaming := map[string]bool{}
	for _, m := range msgs {
		if m.Status == StatusStreaming {
			streaming[m.ID] = true
		}
	}
	if len(streaming) == 0 {
		return c, msgs, nil
	}
	// A streaming reply's text is in its writer's delta log until it
	// finishes, when the log may be reset. Reading the rows again after
	// the logs gives a reply that finished meanwhile from its row.
	logged, err := readLogs(logDir(s.path), func(id string) bool { return streaming[replyOf(id)] })
	if err != nil {
		return c, nil, err
	}
	if c, msgs, err = s.loadRows(convID); err != nil {
		return c, nil, err
	}
	for i, m := range msgs {
		if m.Status == StatusStreaming {
			r := replyFrom(func(id string) string { return logged[id] }, m.ID)
			msgs[i].Content, msgs[i].Reasoning = r.fold(m.Content, m.Reasoning)
		}
	}
	return c, msgs, nil
}

// loadRows reads a conversation's messages from SQLite alone; chunks are
// the deltas of lockchat versions before the delta log.
func (s *Store) loadRows(convID string) (Conversation, []Message, error) {
	c, err := s.Conversation(convID)
	if err != nil {
		return c, nil, err
	}
	rows, err := s.db.Query(`SELECT m.id, m.conversation_id, coalesce(m.parent_id, ''), m.role,
		m.content || coalesce((SELECT group_concat(text, '' ORDER BY n) FROM chunks WHERE message_seq = m.seq), ''),
		m.model, m.created, m.status, m.error_text, m.prompt_tokens, m.completion_tokens,
		m.reasoning, m.reasoning_ms
		FROM messages m WHERE m.conversation_id = ? ORDER BY m.seq`, convID)
	if err != nil {
		return c, nil, err
	}
	defer rows.Close()
	var msgs []Message
	for rows.Next() {
		var m Message
		var created int64
		var status string
		if err := rows.Scan(&m.ID, &m.ConversationID, &m.ParentID, &m.Role, &m.Content, &m.Model,
			&created, &status, &m.ErrorText, &m.PromptTokens, &m.CompletionTokens,
			&m.Reasoning, &m.ReasoningMillis); err != nil {
			return c, nil, err
		}
		m.Created, m.Status = fromMillis(created), Status(status)
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return c, nil, err
	}
	rows.Close()
	return c, msgs, s.loadAttachments(convID, msgs)
}
