package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"
)

// Stream is one chat request in flight. Read Events until it is closed,
// then Err tells how it ended. Cancel the context given to Client.Stream to
// stop it: the request is abandoned at once and the goroutine ends.
type Stream struct {
	events chan Event
	err    error
}

// Events delivers the stream's events in order; it is closed at the end.
func (s *Stream) Events() <-chan Event { return s.events }

// Err returns nil if the reply finished normally, else an *Error holding
// the text received so far (unless Options.NoPartial). It is valid once
// Events is closed.
func (s *Stream) Err() error { return s.err }

// Stream starts a chat request. The reply arrives as EventText events,
// with EventReasoning events for what a reasoning model thinks and
// EventUsage for the token counts; failures before the first token (text
// or reasoning) are retried per the client's policy, each retry announced
// by an EventRetry event.
func (c *Client) Stream(ctx context.Context, req Request) *Stream {
	s := &Stream{events: make(chan Event, 256)}
	go func() {
		defer close(s.events)
		s.err = c.run(ctx, req, s)
	}()
	return s
}

// errTotalTimeout is the cause recorded when Options.Timeout expires.
var errTotalTimeout = errors.New("total timeout")

// run makes attempts until one succeeds, one fails for good, or the
// retries are spent. It loops, never recurses, and returns the result of
// the attempt that counted.
func (c *Client) run(ctx context.Context, req Request, s *Stream) error {
	ctx, cancel := withTimeout(ctx, c.opts.Timeout, errTotalTimeout)
	defer cancel()
	usage := !c.opts.NoStreamUsage
	body, err := c.requestBody(req, usage)
	if err != nil {
		return c.newError(KindBadBody, err, "Could not encode the request: %v", err)
	}
	maxAttempts := c.opts.MaxRetries + 1
	for attempt := 1; ; attempt++ {
		res := c.attempt(ctx, body, s)
		if usage && res.usageRefused {
			usage = false
			body, res = c.withoutUsage(ctx, req, s, res)
		}
		if res.err == nil {
			return nil
		}
		if res.gotText || attempt >= maxAttempts || !res.retryable || ctx.Err() != nil {
			return res.err
		}
		delay := c.backoff(attempt, res.err.RetryAfter)
		retry := RetryInfo{Attempt: attempt + 1, MaxAttempts: maxAttempts, Delay: delay, Reason: res.err.Message}
		if !s.send(ctx, Event{Kind: EventRetry, Retry: retry}) || !sleep(ctx, delay) {
			e := c.ctxError(ctx)
			return e
		}
	}
}

// withoutUsage sends the request again at once without stream_options,
// after the server refused the field. That is not one of the retries the
// user is told of; EventUsageRefused lets the caller remember it.
func (c *Client) withoutUsage(ctx context.Context, req Request, s *Stream, refused attemptResult) ([]byte, attemptResult) {
	body, err := c.requestBody(req, false)
	if err != nil {
		return nil, refused
	}
	if !s.send(ctx, Event{Kind: EventUsageRefused}) {
		return body, attemptResult{err: c.ctxError(ctx)}
	}
	return body, c.attempt(ctx, body, s)
}

// wireRequest is the JSON body; optional fields are sent only when set.
type wireRequest struct {
	Model         string         `json:"model"`
	Messages      []Message      `json:"messages"`
	Temperature   float64        `json:"temperature"`
	Stream        bool           `json:"stream"`
	StreamOptions *streamOptions `json:"stream_options,omitempty"`
	MaxTokens     int            `json:"max_tokens,omitempty"`
}

// streamOptions asks for a last chunk with the token counts.
type streamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// requestBody encodes req; usage adds stream_options.include_usage.
func (c *Client) requestBody(req Request, usage bool) ([]byte, error) {
	msgs := req.Messages
	if msgs == nil {
		msgs = []Message{}
	}
	w := wireRequest{Model: req.Model, Messages: msgs, Temperature: req.Temperature, Stream: true, MaxTokens: req.MaxTokens}
	if usage {
		w.StreamOptions = &streamOptions{IncludeUsage: true}
	}
	return json.Marshal(w)
}

// newHTTPRequest builds the POST with the provider's auth and headers.
func (c *Client) newHTTPRequest(ctx context.Context, body []byte) (*http.Request, error) {
	u, err := c.endpoint("chat/completions")
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Accept", "text/event-stream")
	c.decorate(r)
	return r, nil
}

// endpoint joins the base URL and a path, before the base's own query,
// adding the query token when the provider authenticates that way.
func (c *Client) endpoint(path string) (string, error) {
	u, err := url.Parse(c.provider.BaseURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", errors.New("the base URL " + PublicBaseURL(c.provider.BaseURL) + " is not an http(s) URL")
	}
	appendPath(u, path)
	if c.provider.Auth == AuthQuery && c.provider.APIKey != "" {
		u.RawQuery = withParam(u.RawQuery, c.provider.AuthParam, c.provider.APIKey)
	}
	return u.String(), nil
}

// decorate adds the user agent, extra headers and header-borne keys.
func (c *Client) decorate(r *http.Request) {
	p := c.provider
	if p.UserAgent != "" {
		r.Header.Set("User-Agent", p.UserAgent)
	}
	for k, v := range p.Headers {
		r.Header.Set(k, v)
	}
	switch {
	case p.APIKey == "":
	case p.Auth == AuthBearer:
		r.Header.Set("Authorization", "Bearer "+p.APIKey)
	case p.Auth == AuthHeader && p.AuthParam != "":
		r.Header.Set(p.AuthParam, p.APIKey)
	}
}

// send delivers an event unless the caller has gone away.
func (s *Stream) send(ctx context.Context, ev Event) bool {
	select {
	case s.events <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

// sleep waits d or until ctx ends; it reports whether the wait completed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
