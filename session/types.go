package session

import (
	"errors"
	"strings"
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

// Conversation is one chat. Models, MessageCount, Model and LeafID are kept
// by the store (CreateConversation takes Model and LeafID as given).
type Conversation struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// Provider is the server's base URL without userinfo or secrets; see
	// ProviderURL.
	Provider string `json:"provider"`
	// ProviderName is the provider the conversation was held with: a
	// built-in preset or a [providers.NAME] table ("" in stores written
	// before it was kept).
	ProviderName string `json:"provider_name,omitempty"`
	// Model is the model of the newest reply, which resuming uses.
	Model        string `json:"model,omitempty"`
	SystemPrompt string `json:"system_prompt,omitempty"`
	// LeafID is the last message of the branch in use; "" means the newest
	// message. Messages form a tree through ParentID; the branch shown and
	// sent is the path from the root to LeafID (see Tree).
	LeafID string `json:"leaf_id,omitempty"`
	// Models lists the models that wrote in this conversation, in order of
	// first use.
	Models       []string `json:"models"`
	MessageCount int      `json:"message_count"`
}

// Message is one turn of a conversation. Content and Reasoning are exactly
// the text received, never sanitised.
type Message struct {
	ID             string `json:"id"`
	ConversationID string `json:"conversation_id"`
	// ParentID is the message this one answers or follows ("" for the
	// first); it lets edits and regenerations branch.
	ParentID string `json:"parent_id,omitempty"`
	Role     string `json:"role"`
	Content  string `json:"content"`
	// Reasoning is what a thinking model wrote before (or instead of) its
	// answer. It is shown and exported but never sent back as history.
	Reasoning string `json:"reasoning,omitempty"`
	// ReasoningMillis is how long the reasoning took, first to last token.
	ReasoningMillis  int64     `json:"reasoning_ms,omitempty"`
	Model            string    `json:"model,omitempty"`
	Created          time.Time `json:"created"`
	Status           Status    `json:"status"`
	ErrorText        string    `json:"error_text,omitempty"`
	PromptTokens     int       `json:"prompt_tokens,omitempty"`
	CompletionTokens int       `json:"completion_tokens,omitempty"`
	// Attachments are the files sent with a prompt, in order.
	Attachments []Attachment `json:"attachments,omitempty"`
}

// Usage is the token accounting a server may send at the end of a reply.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Ending is how a reply ended, as FinishMessage stores it.
type Ending struct {
	Status Status
	// ErrorText is one sentence for the user when Status is error or
	// truncated.
	ErrorText string
	Usage     Usage
	// Reasoning is how long the model reasoned, first to last reasoning
	// token; zero when it did not.
	Reasoning time.Duration
}

// AnsweredInReasoning reports whether a finished reply holds reasoning but
// no answer: some servers send a thinking model's whole answer as
// reasoning. Front ends say so, and one-shot mode prints the reasoning.
func (m Message) AnsweredInReasoning() bool {
	return m.Role == RoleAssistant && m.Status != StatusStreaming &&
		strings.TrimSpace(m.Content) == "" && strings.TrimSpace(m.Reasoning) != ""
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
