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
}

func (h *heapSampler) Write(text string) error {
	h.received += len(text)
	h.pieces++
	// From 4 MB on, the stream's fixed buffers (the event channel, the
	// reader's) are a small part of what is held.
	if h.pieces%200 == 0 && h.received >= 4<<20 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if held := float64(ms.HeapAlloc) - float64(h.base); held > 0 {
			h.worst = max(h.worst, held/float64(h.received))
		}
	}
	return nil
}

func (h *heapSampler) Close() error { return nil }

// TestRunMemoryPerByte: one-shot mode holds a small constant per byte of a
// reply while it streams, with the store saving every piece as it comes.
// Two copies of the text stay in memory: the client's, for the partial
// text an error carries, and the journal's, to save the conversation again
// if it is deleted elsewhere; each grows by reallocating, so for a moment
// it is held twice: runs measure 2.5–4.5. 6 bounds that (a copy per piece,
// or a reply kept twice more, would go past it); what is printed is never kept.
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
	t.Logf("%d bytes received; at most %.2f bytes held per byte while streaming", out.received, out.worst)
	if out.received != len(piece)*len(tokens) || out.worst > 6 {
		t.Errorf("held %.2f bytes per byte received (want at most 6)", out.worst)
	}
}
