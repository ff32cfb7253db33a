package client

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/lockchat/lockchat/client/sse"
)

// attemptResult is how one HTTP request went.
type attemptResult struct {
	err       *Error
	gotText   bool // some reply text or reasoning reached the caller: no retry from here on
	retryable bool
	// usageRefused: the server answered 400 or 422 naming stream_options.
	usageRefused bool
}

// Causes recorded on the attempt's context by its timers, so a failed read
// can say which deadline fired.
var (
	errFirstByte = errors.New("first byte timeout")
	errIdle      = errors.New("idle timeout")
)

// maxErrorBody bounds how much of a failed response is read.
const maxErrorBody = 64 << 10

// attempt performs one request and streams its reply to s.
func (c *Client) attempt(ctx context.Context, body []byte, s *Stream) attemptResult {
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := c.newHTTPRequest(actx, body)
	if err != nil {
		return attemptResult{err: c.newError(KindBadBody, nil, "%v", err)}
	}
	timer := c.deadline(c.opts.FirstByteTimeout, func() { cancel(errFirstByte) })
	resp, err := c.http.Do(req)
	if err != nil {
		timer.Stop()
		return c.transportFailure(actx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer timer.Stop()
		return c.statusFailure(actx, resp)
	}
	timer.Stop()
	return c.readStream(actx, cancel, resp.Body, s)
}

// deadline starts a timer that calls f after d; d <= 0 means never.
func (c *Client) deadline(d time.Duration, f func()) *time.Timer {
	if d <= 0 {
		d = 1<<63 - 1
	}
	return time.AfterFunc(d, f)
}

// statusFailure turns a non-2xx answer into an error with the server's words.
func (c *Client) statusFailure(ctx context.Context, resp *http.Response) attemptResult {
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if err != nil && ctx.Err() != nil {
		return attemptResult{err: c.ctxError(ctx)}
	}
	se := parseErrorBody(data)
	e := c.newError(KindHTTPStatus, nil, "%s", statusSentence(resp.StatusCode, http.StatusText(resp.StatusCode), se))
	e.Status, e.Code = resp.StatusCode, se.Code
	retryable := c.heedRetryAfter(e, resp.Header.Get("Retry-After"), c.retryableStatus(resp.StatusCode, se), time.Now())
	if c.asContextLength(e, se, data) {
		retryable = false // the same request would fail the same way
	}
	return attemptResult{err: e, retryable: retryable, usageRefused: refusesStreamOptions(resp.StatusCode, data)}
}

// refusesStreamOptions recognises a server that rejects the stream_options
// field: Mistral answers 422 (extra_forbidden, loc ["body","stream_options"]),
// some Azure and Bedrock gateways 400 naming the field.
func refusesStreamOptions(status int, body []byte) bool {
	return (status == http.StatusBadRequest || status == http.StatusUnprocessableEntity) &&
		bytes.Contains(bytes.ToLower(body), []byte("stream_options"))
}

// readStream reads events until [DONE], EOF or a failure. Every event
// (not comment) re-arms the idle timer.
func (c *Client) readStream(ctx context.Context, cancel context.CancelCauseFunc, body io.Reader, s *Stream) attemptResult {
	paced := pace(ctx, body, c.opts.ReadInterval)
	prefix := &prefixRecorder{r: paced}
	rd := sse.NewReader(prefix)
	idle := c.deadline(c.opts.IdleTimeout, func() { cancel(errIdle) })
	defer idle.Stop()
	st := streamState{noPartial: c.opts.NoPartial}
	for {
		ev, err := rd.Next()
		if err != nil {
			st.flush(ctx, s)
			return c.streamEnd(ctx, err, &st, prefix.head)
		}
		idle.Reset(c.idleOrForever())
		st.events++
		if res, stop := c.handleEvent(ctx, ev, &st, s); stop {
			return res
		}
		if p, ok := paced.(*pacedReader); ok && st.finished {
			p.unpace() // the reply is complete: read its end at once
		}
	}
}

func (c *Client) idleOrForever() time.Duration {
	if c.opts.IdleTimeout <= 0 {
		return 1<<63 - 1
	}
	return c.opts.IdleTimeout
}

// handleEvent applies one event; stop reports that the attempt is over.
func (c *Client) handleEvent(ctx context.Context, ev sse.Event, st *streamState, s *Stream) (attemptResult, bool) {
	d, err := decodeEvent(ev)
	if err != nil {
		if ev.Type != "" && ev.Type != "message" {
			return attemptResult{}, false // an event type we don't know, with a body we can't read: not ours
		}
		st.flush(ctx, s)
		e := c.newError(KindBadBody, nil, "The server sent a chunk that is not valid JSON: %s", excerpt([]byte(ev.Data)))
		return c.withPartial(e, st), true
	}
	// Text comes first: a chunk that ends the reply with an error may
	// still carry its last words.
	if !st.deliver(ctx, s, d) {
		return attemptResult{err: withText(c.ctxError(ctx), st), gotText: true}, true
	}
	if d.err != nil {
		return c.chunkError(ctx, d.err, []byte(ev.Data), st, s), true
	}
	if d.usage != nil {
		s.send(ctx, Event{Kind: EventUsage, Usage: *d.usage})
	}
	st.finished = st.finished || d.finished
	if d.done {
		st.flush(ctx, s)
		st.done = true
		return attemptResult{gotText: st.delivered}, true
	}
	return attemptResult{}, false
}

// chunkError ends the attempt with the error a chunk reported.
func (c *Client) chunkError(ctx context.Context, se *serverError, data []byte, st *streamState, s *Stream) attemptResult {
	st.flush(ctx, s)
	e := c.newError(KindStreamError, nil, "The server reported an error: %s", endSentence(se.Message))
	e.Code = se.Code
	c.asContextLength(e, *se, data)
	return attemptResult{err: withText(e, st), gotText: st.delivered,
		retryable: !st.delivered && c.isModelMissing(*se)}
}

// streamEnd decides what the end of the body means.
func (c *Client) streamEnd(ctx context.Context, err error, st *streamState, head []byte) attemptResult {
	switch {
	case errors.Is(err, io.EOF) && (st.finished || st.done):
		return attemptResult{gotText: st.delivered}
	case errors.Is(err, io.EOF) && st.events == 0:
		return c.notAStream(head)
	case errors.Is(err, io.EOF):
		e := c.newError(KindTruncated, nil, "The reply was cut off: the server closed the stream before finishing it.")
		return c.withPartial(e, st)
	case errors.Is(err, sse.ErrLineTooLong):
		return c.withPartial(c.newError(KindBadBody, err, "%v", err), st)
	case ctx.Err() != nil:
		return c.withPartial(c.stopError(ctx, st.answered > 0), st)
	}
	e := c.networkError(err, "The connection broke while the reply was streaming")
	if st.answered > 0 {
		e.Message += " The text received so far is kept."
	}
	res := c.withPartial(e, st)
	res.retryable = !st.delivered && st.events == 0 && isReset(err)
	return res
}

// notAStream explains a 200 whose body held no event at all.
func (c *Client) notAStream(head []byte) attemptResult {
	trimmed := strings.TrimSpace(string(head))
	if trimmed == "" || onlyComments(trimmed) {
		return attemptResult{err: c.newError(KindTruncated, nil, "The server closed the stream without sending a reply.")}
	}
	if se, ok := parseErrorJSON([]byte(trimmed)); ok {
		e := c.newError(KindStreamError, nil, "The server reported an error: %s", endSentence(firstNonEmpty(se.Message, excerpt(head))))
		e.Code = se.Code
		c.asContextLength(e, se, head)
		return attemptResult{err: e, retryable: c.isModelMissing(se)}
	}
	return attemptResult{err: c.newError(KindBadBody, nil, "The server's answer is not an event stream: %s", excerpt(head))}
}

// onlyComments reports a body of SSE comments alone (keep-alives such as
// ": OPENROUTER PROCESSING"): a stream that closed before its reply began,
// not a body of another kind.
func onlyComments(body string) bool {
	for line := range strings.FieldsFuncSeq(body, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if !strings.HasPrefix(line, ":") {
			return false
		}
	}
	return true
}

func (c *Client) withPartial(e *Error, st *streamState) attemptResult {
	return attemptResult{err: withText(e, st), gotText: st.delivered}
}

func withText(e *Error, st *streamState) *Error {
	if !st.noPartial {
		e.Partial = st.text.String()
	}
	return e
}

// prefixRecorder keeps the first bytes of a body, to explain a 200 answer
// that turns out not to be an event stream.
type prefixRecorder struct {
	r    io.Reader
	head []byte
}

const maxPrefix = 64 << 10

func (p *prefixRecorder) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if room := maxPrefix - len(p.head); room > 0 && n > 0 {
		p.head = append(p.head, b[:min(n, room)]...)
	}
	return n, err
}
