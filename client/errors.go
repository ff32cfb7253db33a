package client

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// ErrorKind classifies why a request failed.
type ErrorKind string

// The kinds of failure a stream can end with.
const (
	// KindHTTPStatus: the server answered with a non-2xx status.
	KindHTTPStatus ErrorKind = "http_status"
	// KindStreamError: the server reported an error inside a 200 stream.
	KindStreamError ErrorKind = "stream_error"
	// KindBadBody: the body was not an event stream we could read.
	KindBadBody ErrorKind = "bad_body"
	// KindTruncated: the stream ended before the reply was finished.
	KindTruncated ErrorKind = "truncated"
	// KindNetwork: the connection failed or broke.
	KindNetwork ErrorKind = "network"
	// KindTimeout: a deadline passed (connect, first byte, idle or total).
	KindTimeout ErrorKind = "timeout"
	// KindCanceled: the caller cancelled the request.
	KindCanceled ErrorKind = "canceled"
	// KindContextLength: the server said the request is longer than the
	// model's context window. Retrying it unchanged would fail again;
	// ContextLimit and PromptTokens say what the server named.
	KindContextLength ErrorKind = "context_length"
)

// Error is the one error type a stream ends with. Its Error method is a
// single readable, sanitised sentence with every secret removed; Cause holds
// the underlying error (also redacted) for errors.Is/As.
type Error struct {
	Kind ErrorKind
	// Status is the HTTP status for KindHTTPStatus, else 0.
	Status int
	// Message is the human sentence, already sanitised and redacted.
	Message string
	// Partial is the reply text received before the failure, as received;
	// empty with Options.NoPartial.
	Partial string
	// RetryAfter is the server's requested wait, when it sent one.
	RetryAfter time.Duration
	// Code is the server's error code or type when it sent one
	// (for example "insufficient_quota" or "model_not_found").
	Code string
	// Cause is the underlying error, if any.
	Cause error
	// ContextLimit is the context window a KindContextLength error
	// named, in tokens; 0 when the server did not say.
	ContextLimit int
	// PromptTokens is the request's prompt as the server counted it for
	// a KindContextLength error (without the reply's reserve); 0 when
	// the server did not say.
	PromptTokens int
}

// Error returns the human sentence.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Cause }

// AsError returns err as an *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// newError builds an Error whose message is made safe by the client's
// redactor: callers pass raw text and never need to remember to scrub it.
func (c *Client) newError(kind ErrorKind, cause error, format string, args ...any) *Error {
	msg := c.redact.Message(fmt.Sprintf(format, args...))
	var red error
	if cause != nil {
		red = redactedError{msg: c.redact.Message(cause.Error()), cause: c.scrubURLError(cause)}
	}
	return &Error{Kind: kind, Message: msg, Cause: red}
}

// scrubURLError replaces a *url.Error, whose text is the request URL with
// its query, by a copy naming the URL without secrets, so that unwrapping
// the chain never reaches the token. errors.As still finds a *url.Error.
func (c *Client) scrubURLError(err error) error {
	ue, ok := err.(*url.Error)
	if !ok {
		return err
	}
	return &url.Error{Op: ue.Op, URL: c.redact.Redact(ue.URL), Err: ue.Err}
}

// redactedError keeps errors.Is/As working on the original cause while
// making sure its text, if printed, carries no secret.
type redactedError struct {
	msg   string
	cause error
}

func (r redactedError) Error() string { return r.msg }
func (r redactedError) Unwrap() error { return r.cause }
