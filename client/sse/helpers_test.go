package sse

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// maxTestEvents stops readAll on a Reader that never ends, so a bug fails
// the test instead of hanging it.
const maxTestEvents = 1 << 20

// readAll reads events until Next returns an error, and returns both.
func readAll(t testing.TB, src io.Reader, limit int) ([]Event, error) {
	t.Helper()
	r := NewReader(src)
	if limit > 0 {
		r.SetMaxLineSize(limit)
	}
	return readEvents(t, r)
}

// readEvents reads events from r until Next returns an error, checks that
// the error is sticky, and returns both.
func readEvents(t testing.TB, r *Reader) ([]Event, error) {
	t.Helper()
	var events []Event
	for range maxTestEvents {
		ev, err := r.Next()
		if err != nil {
			if again, err2 := r.Next(); err2 != err || again != (Event{}) {
				t.Fatalf("Next after %v returned %+v, %v; want the same error again", err, again, err2)
			}
			return events, err
		}
		events = append(events, ev)
	}
	t.Fatalf("more than %d events", maxTestEvents)
	return nil, nil
}

// sameOutcome reports whether two results match: equal events and errors
// that are the same value, or equal too-long errors.
func sameOutcome(evA []Event, errA error, evB []Event, errB error) bool {
	if len(evA) != len(evB) || (len(evA) > 0 && !reflect.DeepEqual(evA, evB)) {
		return false
	}
	var tlA, tlB *TooLongError
	if errors.As(errA, &tlA) && errors.As(errB, &tlB) {
		return *tlA == *tlB
	}
	return errA == errB
}

// describe formats a result for failure messages.
func describe(events []Event, err error) string {
	var b strings.Builder
	for _, ev := range events {
		fmt.Fprintf(&b, "{Type:%q Data:%q Error:%q} ", ev.Type, ev.Data, ev.Error)
	}
	fmt.Fprintf(&b, "err=%v", err)
	return b.String()
}

// chunkReader returns its chunks one per Read call; an empty chunk is a
// read of 0 bytes with no error. It never returns more than the chunk, so
// reads end exactly where the test says.
type chunkReader struct {
	chunks []string
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	if c.chunks[0] == "" {
		c.chunks = c.chunks[1:]
	}
	return n, nil
}

// splitAt cuts s into chunks whose lengths are taken in turn from sizes
// (0 gives an empty read); once sizes run out the rest is one chunk. At
// most maxEmptyReads/2 empty reads come in a row, so the reader's guard
// against a stuck source never trips.
func splitAt(s string, sizes []int) *chunkReader {
	c := &chunkReader{}
	empty := 0
	for _, n := range sizes {
		if s == "" {
			break
		}
		if n == 0 && empty < maxEmptyReads/2 {
			empty++
			c.chunks = append(c.chunks, "")
			continue
		}
		n = min(max(n, 1), len(s))
		empty = 0
		c.chunks = append(c.chunks, s[:n])
		s = s[n:]
	}
	if s != "" {
		c.chunks = append(c.chunks, s)
	}
	return c
}

// randomSplits cuts s at random points chosen by a seeded generator:
// mostly small pieces, some empty reads, some large ones.
func randomSplits(s string, seed uint64) *chunkReader {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var sizes []int
	for total := 0; total < len(s); {
		var n int
		switch rng.IntN(10) {
		case 0:
			n = 0
		case 1:
			n = 1 + rng.IntN(4096)
		default:
			n = 1 + rng.IntN(8)
		}
		sizes = append(sizes, n)
		total += n
	}
	return splitAt(s, sizes)
}

// reference parses a whole stream the plainest way, straight from the
// standard's wording, with the limits of Reader: the oracle the property
// and fuzz tests compare the streaming reader against.
func reference(in string, limit int) ([]Event, error) {
	if limit <= 0 {
		limit = DefaultMaxLineSize
	}
	in = strings.TrimPrefix(in, "\uFEFF")
	var (
		events          []Event
		typ, data, errs string
		hasData, hasErr bool
	)
	for {
		i := strings.IndexAny(in, "\r\n")
		if i < 0 {
			if len(in) > limit {
				return events, &TooLongError{Limit: limit}
			}
			return events, io.EOF
		}
		line := in[:i]
		if len(line) > limit {
			return events, &TooLongError{Limit: limit}
		}
		if strings.HasPrefix(in[i:], "\r\n") {
			in = in[i+2:]
		} else {
			in = in[i+1:]
		}
		if line == "" {
			if hasData || hasErr {
				events = append(events, Event{
					Type:  typ,
					Data:  strings.TrimSuffix(data, "\n"),
					Error: strings.TrimSuffix(errs, "\n"),
				})
			}
			typ, data, errs, hasData, hasErr = "", "", "", false, false
			continue
		}
		if line[0] == ':' {
			continue
		}
		name, value, found := strings.Cut(line, ":")
		if found {
			value = strings.TrimPrefix(value, " ")
		}
		switch name {
		case "data", "error":
			if len(data)+len(errs)+len(value)+1 > limit {
				return events, &TooLongError{Limit: limit, Event: true}
			}
			if name == "data" {
				data, hasData = data+value+"\n", true
			} else {
				errs, hasErr = errs+value+"\n", true
			}
		case "event":
			typ = value
		}
	}
}
