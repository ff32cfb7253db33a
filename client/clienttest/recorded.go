package clienttest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Recorded is one request as the server received it.
type Recorded struct {
	// N is the 1-based number of the request among chat-completions
	// requests, the number a Script receives; 0 for any other request.
	N int
	// Time is when the request's headers arrived.
	Time time.Time

	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	// Body is the request body as sent, cut at MaxBodyBytes.
	Body []byte

	// Chat is Body decoded as a chat-completions request, when it is one.
	Chat ChatRequest
	// DecodeError is why Body could not be decoded as JSON; nil when it was
	// decoded or the request has no body.
	DecodeError error
}

// ChatRequest is the part of a chat-completions request body the server
// decodes. Pointer fields are nil when the field was absent.
type ChatRequest struct {
	Model       string    `json:"model"`
	Messages    []Message `json:"messages"`
	Temperature *float64  `json:"temperature"`
	Stream      *bool     `json:"stream"`
	MaxTokens   *int      `json:"max_tokens"`
	// StreamOptions is nil when the request had no stream_options.
	StreamOptions *StreamOptions `json:"stream_options"`
}

// StreamOptions is the stream_options member of a request.
type StreamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// WantsUsage reports whether the request asked for a usage chunk with
// "stream_options":{"include_usage":true}.
func (r *Recorded) WantsUsage() bool {
	return r.Chat.StreamOptions != nil && r.Chat.StreamOptions.IncludeUsage
}

// Message is one turn of a recorded conversation.
type Message struct {
	Role string `json:"role"`
	// Content is the message's text: the string, or the text parts of a
	// content array joined.
	Content string `json:"content"`
	// Images are the image_url URLs of a content array, in order.
	Images []string `json:"-"`
	// Array reports that content was sent as an array of parts.
	Array bool `json:"-"`
}

// UnmarshalJSON takes content as a string or as an array of parts.
func (m *Message) UnmarshalJSON(b []byte) error {
	var raw struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*m = Message{Role: raw.Role}
	if len(raw.Content) == 0 || raw.Content[0] != '[' {
		return json.Unmarshal(orNull(raw.Content), &m.Content)
	}
	var parts []struct {
		Type     string `json:"type"`
		Text     string `json:"text"`
		ImageURL struct {
			URL string `json:"url"`
		} `json:"image_url"`
	}
	if err := json.Unmarshal(raw.Content, &parts); err != nil {
		return err
	}
	m.Array = true
	for _, p := range parts {
		switch p.Type {
		case "text":
			m.Content += p.Text
		case "image_url":
			m.Images = append(m.Images, p.ImageURL.URL)
		}
	}
	return nil
}

func orNull(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}

// Query returns the first value of the query parameter key, such as
// Lockchat's "auth".
func (r *Recorded) Query(key string) string {
	q, _ := url.ParseQuery(r.RawQuery)
	return q.Get(key)
}

// LastUser returns the content of the last message with role "user", or ""
// if there is none.
func (r *Recorded) LastUser() string {
	for i := len(r.Chat.Messages) - 1; i >= 0; i-- {
		if r.Chat.Messages[i].Role == "user" {
			return r.Chat.Messages[i].Content
		}
	}
	return ""
}

// clone returns a deep copy, so callers of Server.Requests cannot change
// what later scripts see.
func (r *Recorded) clone() Recorded {
	c := *r
	c.Header = r.Header.Clone()
	c.Body = append([]byte(nil), r.Body...)
	c.Chat.Messages = append([]Message(nil), r.Chat.Messages...)
	if r.Chat.StreamOptions != nil {
		so := *r.Chat.StreamOptions
		c.Chat.StreamOptions = &so
	}
	return c
}

// record reads r's body, up to MaxBodyBytes, and decodes it when it is JSON.
func record(r *http.Request) *Recorded {
	rec := &Recorded{
		Time:     time.Now(),
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes))
	rec.Body = body
	if err != nil {
		rec.DecodeError = err
		return rec
	}
	if len(bytes.TrimSpace(body)) > 0 {
		rec.DecodeError = json.Unmarshal(body, &rec.Chat)
	}
	return rec
}
