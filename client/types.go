// Package client speaks HTTP and Server-Sent Events to the Lockchat API and
// every other OpenAI-compatible chat-completions server. It knows nothing of
// the terminal: it returns text exactly as received and leaves sanitising to
// its caller (see package sanitize).
package client

import (
	"encoding/base64"
	"encoding/json"
	"time"
)

// Role names who wrote a message.
type Role = string

// The roles of the chat-completions API.
const (
	RoleSystem    Role = "system"
	RoleUser      Role = "user"
	RoleAssistant Role = "assistant"
)

// Message is one turn of a conversation as sent to the server.
type Message struct {
	Role    Role
	Content string
	// Images go with the text of a user message; the message is then sent
	// with content as an array of parts: the text, then each image.
	Images []Image
}

// Image is a picture sent inline, as a data URL.
type Image struct {
	MediaType string // image/png, image/jpeg, image/webp or image/gif
	Data      []byte
}

// messageJSON is Message on the wire: content is a string, or an array of
// parts when the message carries images.
type messageJSON struct {
	Role    Role `json:"role"`
	Content any  `json:"content"`
}

type textPart struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type imagePart struct {
	Type     string `json:"type"`
	ImageURL struct {
		URL string `json:"url"`
	} `json:"image_url"`
}

// MarshalJSON writes the message as the chat-completions API wants it.
func (m Message) MarshalJSON() ([]byte, error) {
	if len(m.Images) == 0 {
		return json.Marshal(messageJSON{Role: m.Role, Content: m.Content})
	}
	parts := []any{textPart{Type: "text", Text: m.Content}}
	for _, img := range m.Images {
		p := imagePart{Type: "image_url"}
		p.ImageURL.URL = "data:" + img.MediaType + ";base64," + base64.StdEncoding.EncodeToString(img.Data)
		parts = append(parts, p)
	}
	return json.Marshal(messageJSON{Role: m.Role, Content: parts})
}

// Request is one chat-completions call.
type Request struct {
	Model       string
	Messages    []Message
	Temperature float64
	// MaxTokens is sent only when positive.
	MaxTokens int
}

// Usage is the token accounting some servers send at the end of a stream.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// EventKind tells what an Event carries.
type EventKind int

// The kinds of stream events.
const (
	// EventText carries answer text (choices[0].delta.content, or the
	// "text" parts of a content array), as received, except for a
	// <think>…</think> block at its start, which comes as EventReasoning.
	EventText EventKind = iota
	// EventRetry reports that a failed attempt will be retried after Delay.
	EventRetry
	// EventUsage carries token counts. It may come more than once (some
	// servers count in every chunk); the last one holds the totals.
	EventUsage
	// EventReasoning carries reasoning text, as received, in stream order
	// with EventText. It comes from the reasoning fields of the chunks
	// (delta.reasoning_content, delta.reasoning, OpenRouter's
	// reasoning_details, Mistral's "thinking" parts) and from a
	// <think>…</think> block at the start of the content, whose tags are
	// removed. Reasoning is never part of the answer.
	EventReasoning
	// EventReclassify says that all the EventText text of this reply so
	// far, which Text repeats exactly, was reasoning after all: the model
	// wrote a closing </think> with no opening tag (R1-style templates put
	// that tag in the prompt). The caller moves that text from the answer
	// to the reasoning; later EventReasoning text follows it, and the
	// EventText after it is the answer.
	EventReclassify
	// EventUsageRefused says that the server refused the stream_options
	// field that asks for usage, and that the request was sent again at
	// once without it. The caller may remember that for the provider and
	// set Options.NoStreamUsage next time. It has no payload.
	EventUsageRefused
)

// RetryInfo describes one scheduled retry.
type RetryInfo struct {
	// Attempt is the number of the attempt about to start (2 for the first retry).
	Attempt int
	// MaxAttempts is the total number of attempts allowed.
	MaxAttempts int
	// Delay is how long the client waits before the attempt.
	Delay time.Duration
	// Reason is a short, sanitised sentence saying why.
	Reason string
}

// Event is one thing that happened on a stream.
type Event struct {
	Kind  EventKind
	Text  string
	Retry RetryInfo
	Usage Usage
}
