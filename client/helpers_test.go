package client

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine behind: every
// stream, timer and server must be gone once the tests end.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// split is how a test server cuts a body into writes.
type split int

const (
	whole split = iota
	byteByByte
	randomSplits
)

func (s split) String() string {
	return [...]string{"whole", "byte-by-byte", "random"}[s]
}

var splits = []split{whole, byteByByte, randomSplits}

// response is what a test server answers with.
type response struct {
	status int
	header map[string]string
	body   string
	split  split
	seed   uint64
}

// write sends r, flushing after every piece so the client sees the
// requested read boundaries (as far as TCP keeps them).
func (r response) write(w http.ResponseWriter) {
	ct := "text/event-stream"
	if r.header["Content-Type"] != "" {
		ct = r.header["Content-Type"]
	}
	w.Header().Set("Content-Type", ct)
	for k, v := range r.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(cmp(r.status, http.StatusOK))
	f := w.(http.Flusher)
	for _, piece := range r.pieces() {
		if _, err := w.Write([]byte(piece)); err != nil {
			return
		}
		f.Flush()
	}
}

// pieces cuts the body per the split mode.
func (r response) pieces() []string {
	switch r.split {
	case byteByByte:
		out := make([]string, len(r.body))
		for i := range len(r.body) { // bytes, not runes
			out[i] = r.body[i : i+1]
		}
		return out
	case randomSplits:
		rng := rand.New(rand.NewPCG(r.seed, 7))
		var out []string
		for b := r.body; len(b) > 0; {
			n := min(len(b), 1+rng.IntN(17))
			out, b = append(out, b[:n]), b[n:]
		}
		return out
	}
	return []string{r.body}
}

func cmp(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// server answers request n (from 0) with responses[min(n, last)] and
// counts the requests it saw.
type server struct {
	*httptest.Server
	requests atomic.Int32
}

func newServer(t *testing.T, responses ...response) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(s.requests.Add(1)) - 1
		responses[min(n, len(responses)-1)].write(w)
	}))
	t.Cleanup(s.Close)
	return s
}

// handlerServer runs an arbitrary handler on a loopback server.
func handlerServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

// testOptions are fast deadlines and back-off for tests; no retries
// unless a test asks for them.
func testOptions() Options {
	o := DefaultOptions()
	o.MaxRetries = 0
	o.ConnectTimeout = 5 * time.Second
	o.FirstByteTimeout = 10 * time.Second
	o.IdleTimeout = 10 * time.Second
	o.Timeout = 30 * time.Second
	o.BackoffBase = time.Millisecond
	o.BackoffMax = 2 * time.Millisecond
	o.RetryAfterMax = 5 * time.Millisecond
	return o
}

// testProvider is an unauthenticated provider at base.
func testProvider(base string) Provider {
	return Provider{Name: "test", BaseURL: base + "/v1", Auth: AuthNone, DefaultModel: "m"}
}

// result is everything a stream produced.
type result struct {
	text    string
	retries []RetryInfo
	usage   []Usage
	err     error
}

// collect drains s and returns what it delivered.
func collect(t *testing.T, s *Stream) result {
	t.Helper()
	var r result
	var text strings.Builder
	for ev := range s.Events() {
		switch ev.Kind {
		case EventText:
			text.WriteString(ev.Text)
		case EventRetry:
			r.retries = append(r.retries, ev.Retry)
		case EventUsage:
			r.usage = append(r.usage, ev.Usage)
		}
	}
	r.text, r.err = text.String(), s.Err()
	return r
}

// streamOnce sends one request with a client for p and opts.
func streamOnce(t *testing.T, p Provider, opts Options) result {
	t.Helper()
	c := New(p, opts)
	return collect(t, c.Stream(t.Context(), Request{Model: "m", Temperature: 0.7,
		Messages: []Message{{Role: RoleUser, Content: "hi"}}}))
}

// errKind returns the kind of err ("" for nil) and fails on a foreign type.
func errKind(t *testing.T, err error) ErrorKind {
	t.Helper()
	if err == nil {
		return ""
	}
	e, ok := AsError(err)
	if !ok {
		t.Fatalf("error %T %q is not a *client.Error", err, err)
	}
	return e.Kind
}

// waitClosed fails the test if the stream does not end within d: a
// watchdog, not a synchronisation point.
func waitClosed(t *testing.T, s *Stream, d time.Duration) result {
	t.Helper()
	done := make(chan result, 1)
	go func() { done <- collect(t, s) }()
	select {
	case r := <-done:
		return r
	case <-time.After(d):
		t.Fatalf("stream did not end within %v", d)
		return result{}
	}
}

// stall blocks a handler until the client goes away. The server notices
// a closed connection only once the request body has been read.
func stall(r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
}
