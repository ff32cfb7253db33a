package oneshot_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// heapSampler is an Output that writes nowhere and, every so many pieces,
// measures the live heap against the reply bytes received so far.
type heapSampler struct {
	base     uint64
	received int
	pieces   int
	worst    float64
	// perMB is the worst ratio seen in each megabyte received, from 4 on.
	perMB map[int]float64
}

func (h *heapSampler) Write(text string) error {
	h.received += len(text)
	h.pieces++
	// From 4 MB on, the stream's fixed buffers (the event channel, the
	// reader's) are a small part of what is held.
	if h.pieces%50 == 0 && h.received >= 4<<20 {
		ratio := h.held()
		h.worst = max(h.worst, ratio)
		if h.perMB == nil {
			h.perMB = map[int]float64{}
		}
		h.perMB[h.received>>20] = max(h.perMB[h.received>>20], ratio)
	}
	return nil
}

// held returns the live heap, after a collection, per byte received.
func (h *heapSampler) held() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return max(0, float64(ms.HeapAlloc)-float64(h.base)) / float64(h.received)
}

func (h *heapSampler) Close() error { return nil }

// TestRunMemoryPerByte: one-shot mode holds a small constant per byte of a
// reply while it streams and once it has ended, with the store saving
// every piece as it comes. One copy of the text stays in memory, the
// journal's, to save the conversation again if it is deleted elsewhere;
// it is kept in blocks, so it never doubles as it grows. The client keeps
// none (Options.NoPartial) and what is printed is never kept. Runs measure
// 1.2–1.8 while the reply streams (most at 4 MB, where the event
// channel's megabyte and buffers pooled for reuse weigh most) and 1.0
// after. 3 is the bound; with the client's copy back, growing by
// doubling, runs measure 4.1–4.5.
func TestRunMemoryPerByte(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 8 MB")
	}
	piece := strings.Repeat("word ", 800) // 4 KB
	tokens := make([]string, 2000)
	for i := range tokens {
		tokens[i] = piece
	}
	r := newRig(t, clienttest.WithReply(clienttest.Reply(tokens...)))
	cfg := r.config("endless")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	out := &heapSampler{base: ms.HeapAlloc}
	cfg.Output = out
	if code := r.run(t, cfg); code != oneshot.ExitOK {
		t.Fatalf("exit %d, stderr %q", code, r.stderr.String())
	}
	after := out.held()
	runtime.KeepAlive(r.journal)
	t.Logf("%d bytes received; at most %.2f bytes held per byte while streaming, %.2f after", out.received, out.worst, after)
	for mb := 4; mb <= out.received>>20; mb++ {
		t.Logf("at %d MiB: at most %.2f", mb, out.perMB[mb])
	}
	if out.received != len(piece)*len(tokens) || out.worst > 3 || after > 3 {
		t.Errorf("held %.2f bytes per byte received while streaming, %.2f after (want at most 3)", out.worst, after)
	}
}
