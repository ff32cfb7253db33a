package clienttest

import (
	"net/http"
	"time"
)

// Response describes how the server answers one request. The zero value is
// an empty 200 response. The steps happen in this order: wait HeaderDelay,
// write the status line and headers (unless Hangup), write Body, write
// Events with their delays, then stall if Stall is set. DropAfter and
// SplitWrites apply to everything written after the headers.
type Response struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// ContentType is the Content-Type header; empty means none is sent
	// unless Events is non-empty, in which case it is "text/event-stream".
	ContentType string
	// Header holds extra response headers.
	Header http.Header
	// RetryAfter, when non-empty, is sent as the Retry-After header.
	RetryAfter string
	// HeaderDelay is how long to wait before writing the status line.
	HeaderDelay time.Duration

	// Body is written as it is, before any event.
	Body []byte
	// Events are written one by one, each flushed to the client at once.
	Events []Event
	// Delay is the wait before each event whose own Delay is zero.
	Delay time.Duration
	// LineEnding ends every line of every event; empty means LF.
	LineEnding LineEnding

	// SplitWrites, when positive, writes and flushes the body in pieces of at
	// most this many bytes, so the client's reads end mid-line and even in
	// the middle of a UTF-8 character.
	SplitWrites int
	// DropAfter, when positive, closes the connection after that many bytes
	// of body, leaving the chunked body unfinished: the client sees an
	// unexpected EOF. If the response is shorter, it is sent whole and then
	// the connection is closed the same way.
	DropAfter int
	// Hangup closes the connection without writing any response at all.
	Hangup bool
	// Reset makes Hangup and DropAfter close the connection with a TCP reset
	// instead of an orderly close.
	Reset bool

	// Stall, after everything else is written, keeps the response open
	// until the client goes away, the server closes or StallFor passes.
	Stall bool
	// StallFor, when positive, bounds a stall; after it the response ends
	// normally.
	StallFor time.Duration
	// KeepAlive, when positive, sends the comment ": keep-alive" every
	// KeepAlive while stalling, and never any data.
	KeepAlive time.Duration
}

// Event is one Server-Sent Event, or raw bytes when Raw is set.
type Event struct {
	// Delay is the wait before this event; zero means Response.Delay.
	Delay time.Duration
	// Comment, when non-empty, is written as a comment line (": Comment").
	Comment string
	// Type, when non-empty, is written as an "event:" field.
	Type string
	// Data is written as "data: " lines, one per line of Data.
	Data string
	// Raw, when non-empty, is written verbatim instead of the fields above,
	// for framing that no correct server would produce.
	Raw string
}

// LineEnding is the line terminator used to frame events.
type LineEnding string

// The line endings the event-stream format allows.
const (
	LF   LineEnding = "\n"
	CRLF LineEnding = "\r\n"
	CR   LineEnding = "\r"
)

// With returns a copy of r changed by each of fs, a compact way to add a
// fault to a ready-made response:
//
//	clienttest.Reply("Hello").With(func(r *clienttest.Response) { r.DropAfter = 40 })
func (r Response) With(fs ...func(*Response)) Response {
	r.Header = r.Header.Clone()
	r.Events = append([]Event(nil), r.Events...)
	for _, f := range fs {
		f(&r)
	}
	return r
}

// Raw returns a response with the given status, content type and body, for
// any server variant: HTML error pages, bare JSON errors on 200, plain text.
func Raw(status int, contentType, body string) Response {
	return Response{Status: status, ContentType: contentType, Body: []byte(body)}
}

// JSONError returns an OpenAI-style error response:
// {"error":{"message":...,"type":...,"param":null,"code":...}}. An empty code
// is sent as null.
func JSONError(status int, message, typ, code string) Response {
	c := "null"
	if code != "" {
		c = quote(code, false)
	}
	body := `{"error":{"message":` + quote(message, false) + `,"type":` + quote(typ, false) +
		`,"param":null,"code":` + c + `}}`
	return Raw(status, "application/json", body)
}

// ModelMissing returns Lockchat's answer when its upstream key of the moment
// does not serve the model: HTTP 404 with
// {"error":{"message":"The model: `gpt-4` does not exist",...,"code":"model_not_found"}}.
// An empty model means "gpt-4".
func ModelMissing(model string) Response {
	if model == "" {
		model = "gpt-4"
	}
	return JSONError(http.StatusNotFound, "The model: `"+model+"` does not exist",
		"invalid_request_error", "model_not_found")
}

// StreamOptionsRefused returns Mistral's answer to a request that carries
// stream_options: HTTP 422 with a validation error whose loc is
// ["body","stream_options"] (extra_forbidden).
func StreamOptionsRefused() Response {
	return Raw(http.StatusUnprocessableEntity, "application/json",
		`{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","stream_options"],`+
			`"msg":"Extra inputs are not permitted","input":{"include_usage":true}}]},`+
			`"type":"invalid_request_message_error","param":null,"code":null}`)
}

// TooManyRequests returns a 429 rate-limit error with the given Retry-After
// value (omitted when empty).
func TooManyRequests(retryAfter string) Response {
	r := JSONError(http.StatusTooManyRequests, "Rate limit reached, please try again later",
		"rate_limit_error", "rate_limit_exceeded")
	r.RetryAfter = retryAfter
	return r
}

// QuotaExceeded returns OpenAI's 429 for an exhausted account, which must
// not be retried.
func QuotaExceeded() Response {
	return JSONError(http.StatusTooManyRequests,
		"You exceeded your current quota, please check your plan and billing details.",
		"insufficient_quota", "insufficient_quota")
}

// Unavailable returns a 503 error with the given Retry-After value (omitted
// when empty).
func Unavailable(retryAfter string) Response {
	r := JSONError(http.StatusServiceUnavailable, "The server is overloaded, please try again later",
		"server_error", "")
	r.RetryAfter = retryAfter
	return r
}

// BadGatewayHTML returns the kind of HTML page a reverse proxy sends when the
// upstream is down.
func BadGatewayHTML() Response {
	return Raw(http.StatusBadGateway, "text/html",
		"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"+
			"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
}

// Stall returns a 200 event-stream response that sends its headers and then
// nothing, until the client goes away or the server closes.
func Stall() Response {
	return Response{ContentType: "text/event-stream", Stall: true}
}

// KeepAliveOnly returns a 200 event-stream response that sends only
// ": keep-alive" comments, every d, and never any data.
func KeepAliveOnly(d time.Duration) Response {
	return Response{ContentType: "text/event-stream", Stall: true, KeepAlive: d}
}
