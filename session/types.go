package session

import (
	"errors"
	"time"
)

// Status is the state of a message.
type Status string

// The states a message can be in. User messages are always complete;
// assistant messages start streaming and end in one of the other four.
const (
	StatusComplete  Status = "complete"
	StatusStreaming Status = "streaming"
	// StatusStopped marks a reply the user interrupted or a crash cut short;
	// the text received so far is kept.
	StatusStopped Status = "stopped"
	StatusError   Status = "error"
	// StatusTruncated marks a reply whose stream ended before it finished
	// (no finish_reason, no [DONE]); the text received is kept.
	StatusTruncated Status = "truncated"
)

func (s Status) valid() bool {
	switch s {
	case StatusComplete, StatusStreaming, StatusStopped, StatusError, StatusTruncated:
		return true
	}
	return false
}

// The roles a message can have.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// Conversation is one chat. Models and MessageCount are kept by the store
// and ignored by CreateConversation.
type Conversation struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// Provider is the server's base URL without query or userinfo; see
	// ProviderURL.
	Provider     string `json:"provider"`
	SystemPrompt string `json:"system_prompt,omitempty"`
	// Models lists the models that wrote in this conversation, in order of
	// first use.
	Models       []string `json:"models"`
	MessageCount int      `json:"message_count"`
}

// Message is one turn of a conversation. Content is exactly the text
// received, never sanitised.
type Message struct {
	ID             string `json:"id"`
	ConversationID string `json:"conversation_id"`
	// ParentID is the message this one answers or follows ("" for the
	// first); it lets edits and regenerations branch.
	ParentID         string    `json:"parent_id,omitempty"`
	Role             string    `json:"role"`
	Content          string    `json:"content"`
	Model            string    `json:"model,omitempty"`
	Created          time.Time `json:"created"`
	Status           Status    `json:"status"`
	ErrorText        string    `json:"error_text,omitempty"`
	PromptTokens     int       `json:"prompt_tokens,omitempty"`
	CompletionTokens int       `json:"completion_tokens,omitempty"`
}

// Usage is the token accounting a server may send at the end of a reply.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Errors the store returns; match them with errors.Is.
var (
	// ErrNotFound means no conversation or message has the given ID.
	ErrNotFound = errors.New("not found")
	// ErrAmbiguous means an ID prefix matches more than one conversation.
	ErrAmbiguous = errors.New("ambiguous ID")
	// ErrReadOnly means the store was opened read-only because a newer
	// lockchat wrote it; nothing can be saved to it.
	ErrReadOnly = errors.New("the store was written by a newer lockchat and is open read-only")
	// ErrInvalid means the caller passed something the store cannot keep,
	// such as an empty ID or an unknown status.
	ErrInvalid = errors.New("invalid")
)
