// Why not github.com/tmaxmax/go-sse (v0.12.0, sse.Read)? It passes BOM, lone CR,
// mixed line ends, CR|LF split across reads, split invariance, comments, the
// one-space rule, EOF-cut events and read-error pass-through, but fails:
//   - error field: an `error:` line is dropped; its parser knows only data/event/id/retry and Event has no field for it.
//   - empty data: an event with only `event:` or `id:` fields is dispatched with empty Data instead of nothing.
//   - limits: MaxEventSize bounds a whole event, not a line, and defaults to 64 KiB, so a 4 MiB line fails by default.
//   - limit error: past the limit it returns bufio.Scanner's unexported "bufio.Scanner: token too long", naming no limit.

// Package sse reads a Server-Sent Events stream (WHATWG HTML, "Parsing an
// event stream") and returns its events one by one. It knows framing only:
// what the data means is the caller's business.
//
// Bytes are passed through as received: invalid UTF-8 is not replaced here,
// the JSON layer above does that.
package sse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
)

// DefaultMaxLineSize is the longest line, in bytes, a Reader accepts unless
// SetMaxLineSize says otherwise. Real servers send lines of hundreds of KiB.
const DefaultMaxLineSize = 8 << 20

// initialBufferSize is the read buffer a Reader starts with; it grows only
// for lines that do not fit, up to the line limit.
const initialBufferSize = 32 << 10

// maxEmptyReads bounds how often a reader may return 0 bytes and no error in
// a row before Next gives up with io.ErrNoProgress, so a broken reader cannot
// spin Next forever.
const maxEmptyReads = 100

// utf8BOM is dropped once, at the very start of a stream.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ErrLineTooLong is matched, with errors.Is, by the error Next returns when
// the server sends a line, or an event, longer than the reader's limit. The
// error itself is a *TooLongError, which names the limit.
var ErrLineTooLong = errors.New("sse: event line too long")

// errNegativeRead reports an io.Reader that broke its contract.
var errNegativeRead = errors.New("sse: reader returned an invalid count")

// TooLongError is the error Next returns past the limit set with
// SetMaxLineSize. It matches ErrLineTooLong.
type TooLongError struct {
	// Limit is the limit that was passed, in bytes.
	Limit int
	// Event is true when no single line was too long but the data and error
	// lines of one event add up to more than Limit.
	Event bool
}

// Error says what was too long and gives the limit in readable units, for
// example "server sent an event line longer than 8 MiB".
func (e *TooLongError) Error() string {
	what := "an event line"
	if e.Event {
		what = "an event"
	}
	return fmt.Sprintf("server sent %s longer than %s", what, formatSize(e.Limit))
}

// Is makes errors.Is(err, ErrLineTooLong) true.
func (e *TooLongError) Is(target error) bool { return target == ErrLineTooLong }

// formatSize writes n bytes as a whole number of MiB, KiB or bytes when
// exact, else with one decimal, so the message reads like the setting.
func formatSize(n int) string {
	units := []struct {
		size int
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}}
	for _, u := range units {
		if n >= u.size {
			if n%u.size == 0 {
				return fmt.Sprintf("%d %s", n/u.size, u.name)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.name)
		}
	}
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// Event is one dispatched server-sent event. It has data, an error, or
// both; Data is "" when its data lines were empty (`data:`), as the
// standard says such an event is still dispatched.
type Event struct {
	Type  string // value of the last `event:` field, "" if none
	Data  string // data lines joined with "\n"
	Error string // value(s) of `error:` fields, joined with "\n"; "" if none
}

// Reader reads events from an event stream. It is not safe for concurrent
// use. Comments (keep-alives) are skipped without a trace, so a caller that
// times out between events is not fooled by a server that only sends them.
type Reader struct {
	src io.Reader
	max int // line and event limit, in bytes

	buf   []byte // read buffer; buf[start:end] is not yet parsed
	start int
	end   int
	// scanned is how many bytes after start are known to hold no line end,
	// so a long line is not scanned again after each read.
	scanned int
	err     error // first error from src; lines buffered before it still count
	fatal   error // the error Next returned, returned again by every later call
	total   int64 // bytes read from src

	atStart bool // no byte parsed yet: a BOM may come
	skipLF  bool // the last line ended in CR: a following LF is part of it

	// The event being built. data and errs hold each value followed by
	// "\n", as the standard describes; the last "\n" is cut at dispatch.
	data     []byte
	errs     []byte
	typ      string
	lastType string // the last type seen, kept across events for reuse
	hasData  bool
	hasError bool
}

// NewReader returns a Reader that reads events from r, with lines of up to
// DefaultMaxLineSize bytes.
func NewReader(r io.Reader) *Reader {
	return &Reader{src: r, max: DefaultMaxLineSize, atStart: true}
}

// SetMaxLineSize sets the longest line, in bytes, Next accepts; the data and
// error lines of one event may not add up to more either, so memory stays
// bounded by a few times n. A value below 1 restores DefaultMaxLineSize.
func (r *Reader) SetMaxLineSize(n int) {
	if n < 1 {
		n = DefaultMaxLineSize
	}
	// The buffer holds one byte more than the limit to see that a line
	// is too long; keep that sum from overflowing.
	r.max = min(n, math.MaxInt-1)
}

// BytesRead returns how many bytes Next has read from the underlying reader
// so far, comments and partly parsed lines included; so it is a measure of
// traffic, not a sign that the reply is progressing.
func (r *Reader) BytesRead() int64 { return r.total }

// Next returns the next event. At the end of the stream it returns io.EOF;
// an event the stream cut off before its blank line is dropped. Past the
// limit it returns an error matching ErrLineTooLong, and an error from the
// underlying reader is returned unchanged. After an error, Next returns the
// same error again.
func (r *Reader) Next() (Event, error) {
	if r.fatal != nil {
		return Event{}, r.fatal
	}
	for {
		ev, ok, err := r.step()
		if err != nil {
			r.fatal = err
			r.resetEvent()
			return Event{}, err
		}
		if ok {
			return ev, nil
		}
	}
}

// step reads one line and applies it, reporting an event when the line
// was blank and dispatched one.
func (r *Reader) step() (Event, bool, error) {
	line, err := r.readLine()
	if err != nil {
		return Event{}, false, err
	}
	if len(line) == 0 {
		ev, ok := r.dispatch()
		return ev, ok, nil
	}
	return Event{}, false, r.processLine(line)
}

// dispatch turns the event built so far into an Event and starts a new one.
// It reports false when there is nothing to dispatch: no data and no error.
func (r *Reader) dispatch() (Event, bool) {
	if !r.hasData && !r.hasError {
		r.typ = ""
		return Event{}, false
	}
	ev := Event{Type: r.typ, Data: trimLast(r.data), Error: trimLast(r.errs)}
	r.resetEvent()
	return ev, true
}

// trimLast returns b without its final "\n" as a string; b is empty or ends
// in "\n".
func trimLast(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return string(b[:len(b)-1])
}

// resetEvent forgets the event being built, keeping the buffers' memory.
func (r *Reader) resetEvent() {
	r.data = r.data[:0]
	r.errs = r.errs[:0]
	r.typ = ""
	r.hasData = false
	r.hasError = false
}

// processLine applies one non-blank line to the event being built.
func (r *Reader) processLine(line []byte) error {
	if line[0] == ':' {
		return nil // comment
	}
	name, value := line, []byte(nil)
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		name, value = line[:i], line[i+1:]
		if len(value) > 0 && value[0] == ' ' {
			value = value[1:]
		}
	}
	switch string(name) {
	case "data":
		if err := r.checkEventSize(len(value)); err != nil {
			return err
		}
		r.data = append(append(r.data, value...), '\n')
		r.hasData = true
	case "error":
		if err := r.checkEventSize(len(value)); err != nil {
			return err
		}
		r.errs = append(append(r.errs, value...), '\n')
		r.hasError = true
	case "event":
		r.setType(value)
	}
	// id, retry and unknown fields mean nothing to a one-shot reply.
	return nil
}

// setType records the event type, reusing the last type's string when it
// is the same, as it nearly always is, so typed events cost no allocation.
func (r *Reader) setType(value []byte) {
	if string(value) != r.lastType {
		r.lastType = string(value)
	}
	r.typ = r.lastType
}

// checkEventSize fails when adding a value of n bytes (and its "\n") would
// make the event's data and error text longer than the limit, so that many
// short lines cannot grow memory without bound.
func (r *Reader) checkEventSize(n int) error {
	if len(r.data)+len(r.errs)+n+1 > r.max {
		return &TooLongError{Limit: r.max, Event: true}
	}
	return nil
}

// readLine returns the next line without its line end. The slice points
// into the read buffer and is valid until the next call. At the end of the
// input it returns the reader's error; a final line without a line end is
// dropped, since it can only belong to an event that was cut off.
func (r *Reader) readLine() ([]byte, error) {
	if err := r.skipPrefix(); err != nil {
		return nil, err
	}
	for {
		if line, ok, err := r.scanLine(); ok || err != nil {
			return line, err
		}
		if r.err != nil {
			return nil, r.err
		}
		r.fill()
	}
}

// skipPrefix drops what the previous line end or the stream start leaves
// to skip: the LF of a CRLF split across reads, or a leading BOM. It reads
// only as far as needed to decide.
func (r *Reader) skipPrefix() error {
	for r.skipLF || r.atStart {
		avail := r.buf[r.start:r.end]
		switch {
		case r.skipLF && len(avail) > 0:
			if avail[0] == '\n' {
				r.consume(1)
			}
			r.skipLF = false
		case r.atStart && (len(avail) >= len(utf8BOM) || !bytes.HasPrefix(utf8BOM, avail)):
			if bytes.HasPrefix(avail, utf8BOM) {
				r.consume(len(utf8BOM))
			}
			r.atStart = false
		case r.err != nil:
			// The stream ended while deciding; there is nothing to skip.
			r.skipLF, r.atStart = false, false
		default:
			r.fill()
		}
	}
	return nil
}

// scanLine looks for a complete line in the buffer. It reports ok with the
// line when one is there, an error when the pending line is past the limit,
// and neither when more input is needed.
func (r *Reader) scanLine() (line []byte, ok bool, err error) {
	pending := r.buf[r.start:r.end]
	n, size := lineEnd(pending[r.scanned:])
	if size == 0 {
		r.scanned = len(pending)
		if len(pending) > r.max {
			return nil, false, &TooLongError{Limit: r.max}
		}
		return nil, false, nil
	}
	n += r.scanned
	if n > r.max {
		return nil, false, &TooLongError{Limit: r.max}
	}
	line = pending[:n]
	if size == 1 && pending[n] == '\r' && n+1 == len(pending) {
		// A CR ends the buffer: an LF may follow in the next read.
		r.skipLF = true
	}
	r.consume(n + size)
	return line, true, nil
}

// lineEnd finds the first line end in b: its index and its length (2 for
// CRLF, 1 for LF or CR, 0 when b has none). It leans on bytes.IndexByte,
// which is vectorised, since LF-terminated lines are the common case.
func lineEnd(b []byte) (index, size int) {
	lf := bytes.IndexByte(b, '\n')
	search := b
	if lf >= 0 {
		search = b[:lf]
	}
	if cr := bytes.IndexByte(search, '\r'); cr >= 0 {
		if cr+1 < len(b) && b[cr+1] == '\n' {
			return cr, 2
		}
		return cr, 1
	}
	if lf >= 0 {
		return lf, 1
	}
	return len(b), 0
}

// consume marks n buffered bytes as parsed.
func (r *Reader) consume(n int) {
	r.start += n
	r.scanned = 0
	if r.start == r.end {
		r.start, r.end = 0, 0
	}
}

// fill reads more input into the buffer, first making room by moving the
// pending bytes to the front or, when they fill it, by growing it up to one
// byte past the limit. It records an error from the source in r.err.
func (r *Reader) fill() {
	if r.buf == nil {
		// At least room for a BOM and one more byte, so skipPrefix can
		// always decide whatever the limit.
		r.buf = make([]byte, max(min(initialBufferSize, r.max+1), len(utf8BOM)+1))
	}
	if r.start > 0 {
		r.end = copy(r.buf, r.buf[r.start:r.end])
		r.start = 0
	}
	if r.end == len(r.buf) {
		r.grow()
	}
	for range maxEmptyReads {
		n, err := r.src.Read(r.buf[r.end:])
		if n < 0 || n > len(r.buf)-r.end {
			r.err = errNegativeRead
			return
		}
		r.end += n
		r.total += int64(n)
		if err != nil {
			r.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	r.err = io.ErrNoProgress
}

// grow enlarges a full buffer. scanLine has checked that the pending line
// is within the limit, so the buffer is smaller than max+1 here.
func (r *Reader) grow() {
	size := len(r.buf) * 2
	if size > r.max+1 || size < len(r.buf) {
		size = r.max + 1
	}
	buf := make([]byte, size)
	copy(buf, r.buf[:r.end])
	r.buf = buf
}
