package clienttest

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"
)

// respond carries out resp. It returns as soon as ctx is done or the server
// closes, whatever step it is at.
func (s *Server) respond(ctx context.Context, w http.ResponseWriter, resp Response) {
	rc := http.NewResponseController(w)
	bw := &bodyWriter{w: w, rc: rc, split: resp.SplitWrites, dropAfter: resp.DropAfter, reset: resp.Reset}
	if !s.wait(ctx, resp.HeaderDelay) || resp.Hangup {
		bw.abort()
		return
	}
	writeHead(w, resp)

	// A stream's headers go out at once, so a client can tell a stalled
	// stream from a slow server. A plain body is left to net/http, which
	// then sends a Content-Length as real servers do.
	streaming := len(resp.Events) > 0 || resp.Stall || resp.SplitWrites > 0 || resp.DropAfter > 0
	if streaming {
		bw.flush()
	}
	if len(resp.Body) > 0 && !bw.write(resp.Body) {
		return
	}
	if streaming {
		bw.flush()
	}
	eol := string(resp.LineEnding)
	if eol == "" {
		eol = string(LF)
	}
	if !s.writeEvents(ctx, bw, resp, eol) {
		return
	}
	if resp.Stall && !s.stall(ctx, bw, resp, eol) {
		bw.abort()
		return
	}
	if resp.DropAfter > 0 {
		bw.drop()
	}
}

// writeHead sends the status line and headers of resp.
func writeHead(w http.ResponseWriter, resp Response) {
	h := w.Header()
	ct := resp.ContentType
	if ct == "" && len(resp.Events) > 0 {
		ct = "text/event-stream"
	}
	if ct != "" {
		h.Set("Content-Type", ct)
	} else {
		// A present but empty key stops net/http from sniffing a type, so
		// a response without Content-Type really has none.
		h["Content-Type"] = nil
	}
	if strings.HasPrefix(ct, "text/event-stream") {
		h.Set("Cache-Control", "no-cache")
	}
	if resp.RetryAfter != "" {
		h.Set("Retry-After", resp.RetryAfter)
	}
	for k, v := range resp.Header {
		h[k] = append([]string(nil), v...)
	}
	status := resp.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
}

// writeEvents sends resp's events, each after its delay and flushed on its
// own; it reports false when the response was cut short.
func (s *Server) writeEvents(ctx context.Context, bw *bodyWriter, resp Response, eol string) bool {
	for _, e := range resp.Events {
		d := e.Delay
		if d == 0 {
			d = resp.Delay
		}
		if !s.wait(ctx, d) {
			bw.abort()
			return false
		}
		if !bw.write(frame(e, eol)) {
			return false
		}
		bw.flush()
	}
	return true
}

// stall keeps the response open, sending keep-alive comments if asked, until
// ctx is done or the server closes (false) or StallFor passes (true).
func (s *Server) stall(ctx context.Context, bw *bodyWriter, resp Response, eol string) bool {
	var until <-chan time.Time
	if resp.StallFor > 0 {
		t := time.NewTimer(resp.StallFor)
		defer t.Stop()
		until = t.C
	}
	var tick <-chan time.Time
	if resp.KeepAlive > 0 {
		t := time.NewTicker(resp.KeepAlive)
		defer t.Stop()
		tick = t.C
	}
	keepAlive := frame(Event{Comment: "keep-alive"}, eol)
	for {
		select {
		case <-ctx.Done():
			return false
		case <-s.closing:
			return false
		case <-until:
			return true
		case <-tick:
			if !bw.write(keepAlive) {
				return false
			}
			bw.flush()
		}
	}
}

// wait waits d, and reports false instead if ctx is done or the server
// closes first.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		select {
		case <-ctx.Done():
			return false
		case <-s.closing:
			return false
		default:
			return true
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		return false
	}
}

// frame returns e in event-stream framing with the given line ending.
func frame(e Event, eol string) []byte {
	if e.Raw != "" {
		return []byte(e.Raw)
	}
	var b strings.Builder
	if e.Comment != "" {
		b.WriteString(": " + e.Comment + eol)
	}
	if e.Type != "" {
		b.WriteString("event: " + e.Type + eol)
	}
	if e.Data != "" {
		for line := range strings.SplitSeq(e.Data, "\n") {
			b.WriteString("data: " + line + eol)
		}
	}
	b.WriteString(eol)
	return []byte(b.String())
}

// bodyWriter writes a response body with the SplitWrites and DropAfter
// faults applied.
type bodyWriter struct {
	w         http.ResponseWriter
	rc        *http.ResponseController
	split     int
	dropAfter int
	reset     bool
	n         int  // body bytes written
	done      bool // dropped, or a write failed: write nothing more
}

// write writes p and reports whether the response may go on.
func (b *bodyWriter) write(p []byte) bool {
	if b.done {
		return false
	}
	cut := false
	if b.dropAfter > 0 && b.n+len(p) >= b.dropAfter {
		p = p[:b.dropAfter-b.n]
		cut = true
	}
	for len(p) > 0 {
		k := len(p)
		if b.split > 0 {
			k = min(k, b.split)
		}
		if _, err := b.w.Write(p[:k]); err != nil {
			b.done = true
			return false
		}
		b.n += k
		p = p[k:]
		if b.split > 0 {
			b.flush()
		}
	}
	if cut {
		b.drop()
		return false
	}
	return true
}

func (b *bodyWriter) flush() {
	if !b.done && b.rc.Flush() != nil {
		b.done = true
	}
}

// drop sends what is buffered and closes the connection under net/http's
// feet, leaving the response unfinished.
func (b *bodyWriter) drop() {
	b.flush()
	b.done = true
	b.hangup()
}

// abort cuts the connection of a response that could not be finished
// because the client left, the server closed or the time ran out: the
// client must not mistake what it got for a complete response, which is
// what net/http would make of it if the handler just returned.
func (b *bodyWriter) abort() {
	if !b.done {
		b.done = true
		b.hangup()
	}
}

// hangup closes the connection as it is.
func (b *bodyWriter) hangup() {
	conn, _, err := b.rc.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok && b.reset {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
