package client

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Options tunes a Client's deadlines and retries. The zero value of a
// duration means "no limit"; start from DefaultOptions.
type Options struct {
	// MaxRetries is how many times a failed request is tried again after
	// the first attempt (0 means one request only).
	MaxRetries int
	// ConnectTimeout bounds opening the TCP (and TLS) connection.
	ConnectTimeout time.Duration
	// FirstByteTimeout bounds the wait for the response headers.
	FirstByteTimeout time.Duration
	// IdleTimeout bounds the gap between events. Comment keep-alives do not
	// count as events, so a server that only sends them is still cut off.
	IdleTimeout time.Duration
	// Timeout bounds the whole request, retries and waits included.
	Timeout time.Duration
	// ModelsTimeout bounds the GET /models request.
	ModelsTimeout time.Duration
	// BackoffBase and BackoffMax shape the exponential back-off between retries.
	BackoffBase, BackoffMax time.Duration
	// RetryAfterMax caps how long a server's Retry-After can make us wait:
	// when it asks for longer, the request is not retried and the error
	// says when the server asked to be tried again. Zero means no cap.
	RetryAfterMax time.Duration
	// ReadInterval, when positive, reads a streaming reply at most once
	// per interval: tokens that arrive meanwhile are delivered together,
	// so a fast server wakes the caller once per interval instead of once
	// per token. The first token is never held back. Zero reads at once.
	ReadInterval time.Duration
	// NoStreamUsage leaves out "stream_options":{"include_usage":true},
	// which asks the server for a last chunk with the token counts. It is
	// sent by default; a server that refuses it with a 400 or 422 naming
	// the field gets the request again at once without it (see
	// EventUsageRefused), so set this for a provider known to refuse it.
	NoStreamUsage bool
	// NoPartial leaves Error.Partial empty, for a caller that keeps the
	// reply's text itself (lockchat saves every piece as it comes): the
	// client then does not hold a long reply a second time. Error
	// messages still say when the text received so far is kept.
	NoPartial bool
	// HTTPClient, when set, replaces the client built from the options
	// (tests use it; the deadlines above still apply).
	HTTPClient *http.Client
}

// DefaultOptions returns the deadlines and retry policy lockchat uses.
func DefaultOptions() Options {
	return Options{
		MaxRetries:       3,
		ConnectTimeout:   10 * time.Second,
		FirstByteTimeout: 90 * time.Second,
		IdleTimeout:      90 * time.Second,
		ModelsTimeout:    5 * time.Second,
		BackoffBase:      500 * time.Millisecond,
		BackoffMax:       8 * time.Second,
		RetryAfterMax:    30 * time.Second,
	}
}

// Client sends chat requests to one provider. It is safe for concurrent use.
type Client struct {
	provider Provider
	opts     Options
	http     *http.Client
	redact   *Redactor
}

// New returns a Client for the provider.
func New(p Provider, opts Options) *Client {
	c := &Client{provider: p, opts: opts, redact: NewRedactor(p.APIKey)}
	c.http = opts.HTTPClient
	if c.http == nil {
		c.http = &http.Client{Transport: newTransport(opts)}
	}
	return c
}

// Provider returns the provider the client talks to.
func (c *Client) Provider() Provider { return c.provider }

// Redactor returns the redactor that knows this client's secrets, so that
// callers can scrub text of their own before showing it.
func (c *Client) Redactor() *Redactor { return c.redact }

// newTransport honours HTTPS_PROXY/HTTP_PROXY/NO_PROXY and applies the
// connect deadline (the first-byte and idle deadlines are the stream's own
// timers, so they work with any http.Client).
func newTransport(opts Options) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = http.ProxyFromEnvironment
	t.DialContext = (&net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = opts.ConnectTimeout
	return t
}

// withTimeout is context.WithTimeoutCause when d is positive.
func withTimeout(ctx context.Context, d time.Duration, cause error) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, d, cause)
}
