package client

import (
	"context"
	"io"
	"time"
)

// pacedReader reads the response body at most once per interval. A server
// that sends a token every few milliseconds would otherwise wake the
// process once per token; waiting out the rest of the interval lets the
// kernel gather those tokens, and one read then takes them all. The first
// read is never delayed, so the first token is not either, and neither is
// the read after a large one: a server sending in bursts is read at full
// speed.
type pacedReader struct {
	ctx      context.Context
	r        io.Reader
	interval time.Duration
	last     time.Time // when the previous read returned; zero before it
	lastN    int       // what it returned
	timer    *time.Timer
	// now and wait are the clock; tests replace them.
	now  func() time.Time
	wait func(ctx context.Context, t *time.Timer, d time.Duration) bool
}

// burstRead is the size of a read that suggests more is already waiting.
// Below it, reads are paced: a token is tens to hundreds of bytes, and a
// paced read gathers a few. The body's buffering rarely hands over more
// than 4 KB at once, so a burst shows as reads of a few KB.
const burstRead = 2 << 10

// pace wraps r so it is read at most once per interval; interval <= 0
// returns r itself.
func pace(ctx context.Context, r io.Reader, interval time.Duration) io.Reader {
	if interval <= 0 {
		return r
	}
	return &pacedReader{ctx: ctx, r: r, interval: interval, now: time.Now, wait: waitTimer}
}

// Read waits out the rest of the interval since the previous read, then
// reads. A cancelled context ends the wait and the read with its cause.
func (p *pacedReader) Read(b []byte) (int, error) {
	if !p.last.IsZero() && p.lastN < burstRead {
		if d := p.interval - p.now().Sub(p.last); d > 0 {
			if p.timer == nil {
				p.timer = time.NewTimer(time.Hour)
				p.timer.Stop()
			}
			if !p.wait(p.ctx, p.timer, d) {
				return 0, context.Cause(p.ctx)
			}
		}
	}
	n, err := p.r.Read(b)
	p.last, p.lastN = p.now(), n
	return n, err
}

// unpace makes every further read go at once: the caller knows the
// stream is about to end and waiting would only delay it.
func (p *pacedReader) unpace() { p.interval = 0 }

// waitTimer sleeps d on t, reusing one timer for the whole stream; it
// reports false if ctx ended first.
func waitTimer(ctx context.Context, t *time.Timer, d time.Duration) bool {
	t.Reset(d)
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		t.Stop()
		return false
	}
}
