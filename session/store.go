package session

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Store is the conversation store: one SQLite database. It is safe for
// concurrent use by multiple goroutines and by several processes on the
// same file, each writing its own conversations.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	// writer identifies this instance in messages.writer while it streams.
	writer string
	now    func() time.Time
	// loc is the time zone of times the command line prints.
	loc *time.Location
	// log holds the deltas of the replies this instance streams.
	log *deltaLog
}

func newStore(db *sql.DB, path string, readOnly bool, opt options) *Store {
	s := &Store{db: db, path: path, readOnly: readOnly, now: time.Now, loc: time.Local}
	if !readOnly {
		s.writer = registerWriter()
		s.log = newDeltaLog(path, s.writer, opt.wrapLog)
	}
	return s
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only (written by a
// newer lockchat); every write then returns ErrReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close stops this instance's replies still streaming (they keep their
// text) and removes its delta log, then closes the database; SQLite
// checkpoints the WAL when the last connection closes.
func (s *Store) Close() error {
	var err error
	if !s.readOnly {
		err = s.stopOwn()
		unregisterWriter(s.writer)
	}
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *Store) writable() error {
	if s.readOnly {
		return ErrReadOnly
	}
	return nil
}

// CreateConversation stores a new conversation with the caller's ID
// (NewID). Created and Updated default to now; Provider is passed through
// ProviderURL so that no secret in a URL is stored.
func (s *Store) CreateConversation(c Conversation) error {
	if err := s.writable(); err != nil {
		return err
	}
	if c.ID == "" {
		return fmt.Errorf("%w: conversation without an ID", ErrInvalid)
	}
	if c.Created.IsZero() {
		c.Created = s.now()
	}
	if c.Updated.Before(c.Created) {
		c.Updated = c.Created
	}
	_, err := s.db.Exec(`INSERT INTO conversations (id, title, created, updated, provider, system_prompt,
		provider_name, model, leaf_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, oneLine(c.Title, 0), c.Created.UnixMilli(), c.Updated.UnixMilli(),
		ProviderURL(c.Provider), c.SystemPrompt, oneLine(c.ProviderName, 0), c.Model, c.LeafID)
	return err
}

// AddMessage stores a message with the caller's ID. Status defaults to
// complete for user and system messages and to streaming for assistant
// messages, whose text then arrives through AppendDelta. The first user
// message titles an untitled conversation, and the conversation's update
// time, message count, models and model follow. The new message becomes
// the conversation's leaf: it ends the branch in use.
func (s *Store) AddMessage(m Message) error {
	if err := s.writable(); err != nil {
		return err
	}
	if err := s.prepareMessage(&m); err != nil {
		return err
	}
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var models string
	err = tx.QueryRow(`SELECT models FROM conversations WHERE id = ?`, m.ConversationID).Scan(&models)
	if err == sql.ErrNoRows {
		return fmt.Errorf("%w: conversation %s", ErrNotFound, m.ConversationID)
	} else if err != nil {
		return err
	}
	var writer any
	if m.Status == StatusStreaming {
		writer = s.writer
	}
	res, err := tx.Exec(`INSERT INTO messages (id, conversation_id, parent_id, role, content, model,
		created, status, error_text, prompt_tokens, completion_tokens, writer, reasoning, reasoning_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.ConversationID, nullable(m.ParentID), m.Role, m.Content, m.Model, m.Created.UnixMilli(),
		string(m.Status), m.ErrorText, m.PromptTokens, m.CompletionTokens, writer,
		m.Reasoning, m.ReasoningMillis)
	if err != nil {
		return err
	}
	if err := addAttachments(tx, res, m.Attachments); err != nil {
		return err
	}
	title := ""
	if m.Role == RoleUser {
		title = Title(m.Content)
	}
	model := ""
	if m.Role == RoleAssistant {
		model = m.Model
	}
	if _, err := tx.Exec(`UPDATE conversations SET updated = max(updated, ?), message_count = message_count + 1,
		models = ?, title = CASE WHEN title = '' THEN ? ELSE title END, leaf_id = ?,
		model = CASE WHEN ? = '' THEN model ELSE ? END WHERE id = ?`,
		m.Created.UnixMilli(), addModel(models, m.Model), title, m.ID, model, model, m.ConversationID); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if m.Status == StatusStreaming {
		s.log.track(m.ID)
	}
	return nil
}

func (s *Store) prepareMessage(m *Message) error {
	if m.ID == "" || m.ConversationID == "" {
		return fmt.Errorf("%w: message without an ID or conversation", ErrInvalid)
	}
	if m.Role == "" {
		return fmt.Errorf("%w: message %s has no role", ErrInvalid, m.ID)
	}
	if m.Status == "" {
		m.Status = StatusComplete
		if m.Role == RoleAssistant {
			m.Status = StatusStreaming
		}
	}
	if !m.Status.valid() {
		return fmt.Errorf("%w: message status %q", ErrInvalid, m.Status)
	}
	if m.Created.IsZero() {
		m.Created = s.now()
	}
	return nil
}

// addModel returns the JSON model list with model appended if new.
func addModel(modelsJSON, model string) string {
	models := decodeModels(modelsJSON)
	if model != "" && !slices.Contains(models, model) {
		models = append(models, model)
	}
	b, _ := json.Marshal(models) // A []string always marshals.
	return string(b)
}

func decodeModels(modelsJSON string) []string {
	var models []string
	_ = json.Unmarshal([]byte(modelsJSON), &models) // A bad list reads as empty.
	if models == nil {
		models = []string{}
	}
	return models
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Rename sets a conversation's title (reduced to one line).
func (s *Store) Rename(convID, title string) error {
	if err := s.writable(); err != nil {
		return err
	}
	return s.execOne(`UPDATE conversations SET title = ? WHERE id = ?`, convID, oneLine(title, 0), convID)
}

// ConversationUpdate changes some of a conversation's settings; nil
// fields stay as they are.
type ConversationUpdate struct {
	// ProviderName and Provider (a base URL, passed through ProviderURL)
	// are where later replies go.
	ProviderName *string
	Provider     *string
	// SystemPrompt applies from the next request on.
	SystemPrompt *string
	// LeafID moves the branch in use; it must be a message of the
	// conversation.
	LeafID *string
}

// UpdateConversation applies u to a conversation.
func (s *Store) UpdateConversation(convID string, u ConversationUpdate) error {
	if err := s.writable(); err != nil {
		return err
	}
	if u.LeafID != nil && *u.LeafID != "" {
		var n int
		err := s.db.QueryRow(`SELECT count(*) FROM messages WHERE id = ? AND conversation_id = ?`,
			*u.LeafID, convID).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: message %s in conversation %s", ErrNotFound, *u.LeafID, convID)
		}
	}
	var provider *string
	if u.Provider != nil {
		p := ProviderURL(*u.Provider)
		provider = &p
	}
	return s.execOne(`UPDATE conversations SET provider_name = coalesce(?, provider_name),
		provider = coalesce(?, provider), system_prompt = coalesce(?, system_prompt),
		leaf_id = coalesce(?, leaf_id) WHERE id = ?`, convID,
		u.ProviderName, provider, u.SystemPrompt, u.LeafID, convID)
}

// Delete removes a conversation with its messages.
func (s *Store) Delete(convID string) error {
	if err := s.writable(); err != nil {
		return err
	}
	if err := s.execOne(`DELETE FROM conversations WHERE id = ?`, convID, convID); err != nil {
		return err
	}
	if _, err := s.db.Exec(`DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM attachments)`); err != nil {
		return err
	}
	return s.forgetGone()
}

// forgetGone drops from the delta log's bookkeeping the replies that are
// no longer streaming (deleted with their conversation), so that the log
// can be reset once the others finish.
func (s *Store) forgetGone() error {
	var gone []string
	for _, id := range s.log.tracked() {
		var n int
		err := s.db.QueryRow(`SELECT count(*) FROM messages WHERE id = ? AND status = 'streaming'`, id).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			gone = append(gone, id)
		}
	}
	if len(gone) > 0 {
		s.log.done(gone...)
	}
	return nil
}

// execOne runs a statement that must change exactly one conversation.
func (s *Store) execOne(query, convID string, args ...any) error {
	res, err := s.db.Exec(query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("%w: conversation %s", ErrNotFound, convID)
	}
	return nil
}

// TitleRunes is the longest title Title returns, in runes.
const TitleRunes = 80

// Title derives a conversation title from a prompt: its first non-blank
// line, trimmed, cut to TitleRunes runes with an ellipsis.
func Title(prompt string) string {
	for line := range strings.Lines(prompt) {
		if t := strings.TrimSpace(line); t != "" {
			return oneLine(t, TitleRunes)
		}
	}
	return ""
}

// oneLine turns s into a single trimmed line (control characters and line
// breaks become spaces) of at most max runes when max > 0.
func oneLine(s string, max int) string {
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
	if max > 0 && utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:max-1])) + "…"
	}
	return s
}

// pid is cached: it names this process in messages.writer.
var pid = os.Getpid()
