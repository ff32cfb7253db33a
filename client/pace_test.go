package client

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock drives a pacedReader: waits advance it instead of sleeping.
type fakeClock struct {
	now   time.Time
	waits []time.Duration
}

func (c *fakeClock) pacer(ctx context.Context, r io.Reader, interval time.Duration) *pacedReader {
	p := pace(ctx, r, interval).(*pacedReader)
	p.now = func() time.Time { return c.now }
	p.wait = func(ctx context.Context, _ *time.Timer, d time.Duration) bool {
		c.waits = append(c.waits, d)
		if ctx.Err() != nil {
			return false
		}
		c.now = c.now.Add(d)
		return true
	}
	return p
}

// countingReader counts the reads that reach it.
type countingReader struct {
	r     io.Reader
	reads int
}

func (c *countingReader) Read(b []byte) (int, error) {
	c.reads++
	return c.r.Read(b)
}

// TestPacedReaderWaitsOutTheInterval: the first read is immediate, a read
// sooner than the interval after the last one waits exactly the rest of
// it, and a read after a longer pause does not wait at all.
func TestPacedReaderWaitsOutTheInterval(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	src := &countingReader{r: strings.NewReader("abcdef")}
	p := clk.pacer(t.Context(), src, 20*time.Millisecond)
	buf := make([]byte, 2)
	var got []byte
	read := func() {
		n, err := p.Read(buf)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		got = append(got, buf[:n]...)
	}
	read()
	clk.now = clk.now.Add(5 * time.Millisecond)
	read()
	clk.now = clk.now.Add(30 * time.Millisecond)
	read()
	if want := []time.Duration{15 * time.Millisecond}; len(clk.waits) != 1 || clk.waits[0] != want[0] {
		t.Errorf("waits = %v, want %v", clk.waits, want)
	}
	if string(got) != "abcdef" || src.reads != 3 {
		t.Errorf("got %q in %d reads, want abcdef in 3", got, src.reads)
	}
}

// TestPacedReaderKeepsUpWithBursts: after a read of burstRead bytes or
// more, the next read goes at once, so a burst is not slowed down.
func TestPacedReaderKeepsUpWithBursts(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	data := strings.Repeat("x", 3*burstRead+10)
	p := clk.pacer(t.Context(), strings.NewReader(data), 20*time.Millisecond)
	var got []byte
	buf := make([]byte, 32<<10) // as the SSE reader reads
	for len(got) < len(data) {
		n, err := p.Read(buf[:min(len(buf), burstRead+100)])
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, buf[:n]...)
	}
	if string(got) != data {
		t.Fatalf("read %d bytes, want %d", len(got), len(data))
	}
	if len(clk.waits) != 0 {
		t.Errorf("waits = %v while reading a burst, want none", clk.waits)
	}
	p.lastN = 10
	if _, err := p.Read(make([]byte, 1)); err != io.EOF || len(clk.waits) != 1 {
		t.Errorf("after a small read: err %v, waits %v; want one wait then EOF", err, clk.waits)
	}
}

// TestPacedReaderUnpaced: after unpace, reads no longer wait.
func TestPacedReaderUnpaced(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	p := clk.pacer(t.Context(), strings.NewReader("abc"), 20*time.Millisecond)
	for range 2 {
		if _, err := p.Read(make([]byte, 1)); err != nil {
			t.Fatal(err)
		}
	}
	p.unpace()
	if _, err := p.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	if len(clk.waits) != 1 {
		t.Errorf("waits = %v, want only the one before unpace", clk.waits)
	}
}

// TestPacedReaderStopsOnCancel: a read cancelled during its wait returns
// the context's cause and never reaches the body.
func TestPacedReaderStopsOnCancel(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	ctx, cancel := context.WithCancelCause(t.Context())
	src := &countingReader{r: strings.NewReader("abcdef")}
	p := clk.pacer(ctx, src, 20*time.Millisecond)
	if _, err := p.Read(make([]byte, 2)); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stopped by the user")
	cancel(stop)
	if _, err := p.Read(make([]byte, 2)); !errors.Is(err, stop) {
		t.Errorf("read after cancel = %v, want %v", err, stop)
	}
	if src.reads != 1 {
		t.Errorf("%d reads reached the body, want 1", src.reads)
	}
}

// TestPacedReaderRealTimer: the real timer waits and is reusable, and a
// cancel ends a long wait at once.
func TestPacedReaderRealTimer(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p := pace(ctx, strings.NewReader("abc"), time.Millisecond).(*pacedReader)
	for range 3 {
		if _, err := p.Read(make([]byte, 1)); err != nil {
			t.Fatal(err)
		}
	}
	p.interval = time.Hour
	cancel()
	if _, err := p.Read(make([]byte, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("read = %v, want canceled", err)
	}
}

// timedBody records when each read of a response body starts.
type timedBody struct {
	io.ReadCloser
	mu     *sync.Mutex
	starts *[]time.Time
}

func (b timedBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	*b.starts = append(*b.starts, time.Now())
	b.mu.Unlock()
	return b.ReadCloser.Read(p)
}

type timingTransport struct {
	mu     sync.Mutex
	starts []time.Time
}

func (tt *timingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		res.Body = timedBody{ReadCloser: res.Body, mu: &tt.mu, starts: &tt.starts}
	}
	return res, err
}

// TestReadIntervalOverTheWire: a reply sent a byte at a time arrives whole
// while the body is read at most once per ReadInterval.
func TestReadIntervalOverTheWire(t *testing.T) {
	t.Parallel()
	var body bytes.Buffer
	var want strings.Builder
	for i := range 40 {
		word := strings.Repeat("w", i%5+1) + " "
		want.WriteString(word)
		body.WriteString(`data: {"choices":[{"delta":{"content":"` + word + `"}}]}` + "\n\n")
	}
	body.WriteString("data: [DONE]\n\n")
	srv := newServer(t, response{body: body.String(), split: byteByByte})
	tt := &timingTransport{}
	opts := testOptions()
	opts.ReadInterval = 5 * time.Millisecond
	opts.HTTPClient = &http.Client{Transport: tt}
	r := streamOnce(t, testProvider(srv.URL), opts)
	if r.err != nil || r.text != want.String() {
		t.Fatalf("got %q, %v; want %q", r.text, r.err, want.String())
	}
	tt.mu.Lock()
	defer tt.mu.Unlock()
	if len(tt.starts) < 2 {
		t.Fatalf("only %d reads", len(tt.starts))
	}
	for i := 1; i < len(tt.starts); i++ {
		if gap := tt.starts[i].Sub(tt.starts[i-1]); gap < opts.ReadInterval {
			t.Fatalf("read %d started %v after the one before, want at least %v", i, gap, opts.ReadInterval)
		}
	}
}
