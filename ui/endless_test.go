package ui

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
)

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// endlessProse is n bytes of prose in paragraphs of about 400 bytes, as a
// model that does not stop writes it.
func endlessProse(n int) string {
	const sentence = "The stream goes on, and every sentence is much like the one before it. "
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(sentence)
		if i%6 == 5 {
			b.WriteString("\n\n")
		}
	}
	return b.String()[:n]
}

// heldPerByte streams reply through Update in 64 KB chunks, a frame each,
// and returns the bytes of heap held per byte of reply while it streams
// and once it has ended.
func heldPerByte(t *testing.T, reply string) (streaming, ended float64) {
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	m, _ = sendPrompt(t, m, "go on")
	pieces := tokens(reply, 64<<10)
	before := heapInUse()
	for _, p := range pieces {
		m, _ = step(m, chunkMsg{id: m.stream.id, text: p, chunks: 1})
		m, _ = step(m, frameMsg{})
	}
	during := heapInUse()
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	after := heapInUse()
	if got := m.tr.last().text.String(); got != reply {
		t.Fatalf("the reply holds %d bytes, %d were received", len(got), len(reply))
	}
	runtime.KeepAlive(m)
	n := float64(len(reply))
	return float64(int64(during-before)) / n, float64(int64(after-before)) / n
}

// TestReplyMemoryPerByte: a long reply costs the chat a small constant of
// memory per byte received (its text once, its lines, their slices),
// however long it grows, while it streams and once it has ended.
func TestReplyMemoryPerByte(t *testing.T) {
	if testing.Short() {
		t.Skip("streams megabytes")
	}
	streaming, ended := heldPerByte(t, endlessProse(3<<20))
	t.Logf("3 MB of prose: %.2f bytes held per byte while streaming, %.2f once ended", streaming, ended)
	if streaming > 3 || ended > 3 {
		t.Errorf("the chat holds %.2f bytes per byte received while streaming, %.2f once ended; want at most 3",
			streaming, ended)
	}
	// One paragraph without end: glamour keeps the buffers of its largest
	// render while the reply streams; a fresh renderer frees them at the end.
	streaming, ended = heldPerByte(t, strings.ReplaceAll(endlessProse(1200<<10), "\n", " "))
	t.Logf("1.2 MB in one paragraph: %.2f bytes held per byte while streaming, %.2f once ended", streaming, ended)
	if ended > 3 {
		t.Errorf("one long paragraph holds %.2f bytes per byte once ended, want at most 3", ended)
	}
}

// TestMaxReplyBytes: a reply past Options.MaxReplyBytes is stopped with a
// sentence, kept, and saved as truncated; what its stream sends later is
// dropped. Unset, the bound is 16 MiB.
func TestMaxReplyBytes(t *testing.T) {
	if got := New(Options{}).opts.MaxReplyBytes; got != 16<<20 {
		t.Errorf("the default bound is %d bytes, want 16 MiB", got)
	}
	clk, j := newTestClock(), newRecJournal()
	opts := testOptions(clk)
	opts.Journal, opts.MaxReplyBytes = j, 1000
	m := newSized(t, opts, 80, 30)
	m, msgs := sendPrompt(t, m, "never stop")
	m, _ = settle(t, m, msgs)
	reply := m.tr.last()
	var sent strings.Builder
	received, last := 0, 0
	for i := 0; m.stream.active; i++ {
		if i > 10 {
			t.Fatal("the reply was not stopped past its bound")
		}
		piece := fmt.Sprintf("%03d %s", i, strings.Repeat("words ", 48))
		sent.WriteString(piece)
		last = len(piece) + len("hm ")
		received += last
		var cmd tea.Cmd
		m, cmd = step(m, chunkMsg{id: m.stream.id, text: piece, reasoning: "hm ", chunks: 2})
		msgs := run(cmd)
		if !m.stream.active && len(only[chunkMsg](msgs)) != 0 {
			t.Error("the stopped reply still reads its stream")
		}
		m, _ = settle(t, m, msgs)
	}
	if received <= 1000 || received-last > 1000 {
		t.Errorf("the reply stopped after %d bytes received, bound 1000: not at the chunk that passed it", received)
	}
	want := "✗ The reply passed 1,000 bytes (max_reply_bytes), so lockchat stopped it there; the text received is kept."
	s := strings.Join(strings.Fields(screen(m)), " ")
	if reply.status != session.StatusTruncated || !strings.Contains(s, want) {
		t.Errorf("the reply (%s) does not say why it stopped:\n%s", reply.status, screen(m))
	}
	if reply.text.String() != sent.String() || stored(j, "delta", reply.id) != sent.String() {
		t.Errorf("the text received is not all kept and saved")
	}
	ops := j.Ops()
	if last := ops[len(ops)-1]; last.Kind != "finish" || last.Status != session.StatusTruncated || !strings.Contains(last.Text, "max_reply_bytes") {
		t.Errorf("the store finished the reply with %v", last)
	}
}

// TestMaxReplyBytesServer: against a server that sends far more than the
// bound, the chat stops at the bound and keeps what came.
func TestMaxReplyBytesServer(t *testing.T) {
	long := endlessProse(64 << 10)
	_, c := testServer(t, clienttest.WithReply(clienttest.ReplyText(long, 64, 0)))
	opts := testOptions(newTestClock())
	opts.Client, opts.MaxReplyBytes = c, 8<<10
	m := newSized(t, opts, 80, 24)
	m, msgs := sendPrompt(t, m, "go")
	m = pump(t, m, msgs)
	reply := m.tr.last()
	got := reply.text.String()
	if reply.status != session.StatusTruncated || len(got) < 8<<10 || len(got) >= len(long) || !strings.HasPrefix(long, got) {
		t.Errorf("status %s, %d of %d bytes kept; want truncated past 8 KiB, a prefix of the reply", reply.status, len(got), len(long))
	}
	if !strings.Contains(screen(m), "passed 8 KiB") {
		t.Errorf("the screen does not say the reply passed 8 KiB:\n%s", screen(m))
	}
}

// TestEscAtAnySize: Esc stops a reply of any size within a frame. Right
// after a frame it renders nothing more; with text not yet shown, it
// renders what a frame would (a commit and the tail); and its work does not grow
// with the reply.
func TestEscAtAnySize(t *testing.T) {
	esc := func(size int, dirty bool) (renders, glamourBytes int64, allocated uint64) {
		m := newSized(t, testOptions(newTestClock()), 120, 40)
		m, _ = sendPrompt(t, m, "go")
		for _, p := range tokens(endlessProse(size), 64<<10) {
			m = deliver(m, p)
		}
		if dirty {
			m, _ = step(m, chunkMsg{id: m.stream.id, text: "\n\nA last paragraph that no frame has shown."})
		}
		r := m.renderer
		st := r.Stats()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m, _ = press(m, tea.KeyEscape, 0)
		_ = composedView(m)
		runtime.ReadMemStats(&after)
		if m.stream.active || !strings.Contains(screen(m), "■ stopped") {
			t.Fatal("esc did not stop the reply")
		}
		if dirty && !strings.Contains(screen(m), "A last paragraph") {
			t.Errorf("the text no frame had shown is not shown after esc")
		}
		end := r.Stats()
		return end.Renders - st.Renders, end.InputBytes - st.InputBytes, after.TotalAlloc - before.TotalAlloc
	}
	for _, dirty := range []bool{false, true} {
		sr, sb, sa := esc(16<<10, dirty)
		br, bb, ba := esc(1536<<10, dirty)
		t.Logf("text unshown %v: esc after 16 KB: %d renders, %d bytes to glamour, %d bytes allocated; after 1.5 MB: %d, %d, %d",
			dirty, sr, sb, sa, br, bb, ba)
		wantRenders := int64(0)
		if dirty {
			wantRenders = 2 // a commit of the stable text and the tail, as a frame may
		}
		// Copying the reply's text or its lines' slice would allocate
		// 1.5 MB or 300 KB; a fresh renderer (see freshRendererAfter) is
		// about 40 KB.
		grew := ba > sa+128<<10 && !raceDetector
		if br > wantRenders || sr > wantRenders || bb > 4<<10 || grew {
			t.Errorf("text unshown %v: esc after 1.5 MB renders %d times (%d bytes to glamour, %d bytes allocated), after 16 KB %d times (%d bytes)",
				dirty, br, bb, ba, sr, sa)
		}
	}
}
