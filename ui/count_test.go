package ui

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// tokensPerFrame is how many tokens arrive between two frames at 1,000
// tokens a second and a 33 ms frame.
const tokensPerFrame = 33

// tokens cuts s into tokens of n bytes, never inside a UTF-8 character.
func tokens(s string, n int) []string {
	var out []string
	for len(s) > 0 {
		k := min(n, len(s))
		for k < len(s) && s[k]&0xC0 == 0x80 {
			k++
		}
		out = append(out, s[:k])
		s = s[k:]
	}
	return out
}

// frameStats is what one frame cost.
type frameStats struct {
	renders   int64 // glamour calls
	committed bool  // the stable prefix grew
}

// streamFrames sends prompt, then streams reply through Update in 4-byte
// tokens: one chunkMsg of tokensPerFrame tokens, one frameMsg and one View
// per frame, then the end of the stream. onFrame, when set, sees each frame.
func streamFrames(tb testing.TB, m *Model, reply string, onFrame func(m *Model, f frameStats)) (*Model, int) {
	tb.Helper()
	m, _ = sendPrompt(tb, m, "write a long answer")
	toks := tokens(reply, 4)
	e := m.tr.last()
	for i := 0; i < len(toks); i += tokensPerFrame {
		text := strings.Join(toks[i:min(i+tokensPerFrame, len(toks))], "")
		before, stable := m.renderer.Stats().Renders, e.stableSeen
		m, _ = step(m, chunkMsg{id: m.stream.id, text: text})
		m, _ = step(m, frameMsg{})
		_ = m.View()
		if onFrame != nil {
			onFrame(m, frameStats{renders: m.renderer.Stats().Renders - before, committed: e.stableSeen > stable})
		}
	}
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	_ = m.View()
	return m, len(toks)
}

func TestStreamingRenderCounts(t *testing.T) {
	reply := replyMarkdown(32 * 1024)
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	start := m.renderer.Stats()
	frames, extra := 0, int64(0)
	m, n := streamFrames(t, m, reply, func(m *Model, f frameStats) {
		frames++
		tail := f.renders
		if f.committed {
			tail-- // one render committed the newly stable text
		}
		if tail > 1 {
			// Once per renderer, the first commit after the first block
			// also renders the sentinel paragraph that parts are spliced with.
			extra += tail - 1
		}
		if extra > 1 || tail < 0 {
			t.Errorf("frame %d: %d glamour renders (stable prefix grew: %v), want one tail render", frames, f.renders, f.committed)
		}
	})
	st := m.renderer.Stats()
	renders, bytes := st.Renders-start.Renders, st.InputBytes-start.InputBytes
	perToken := float64(renders) / float64(n)
	ratio := float64(bytes) / float64(len(reply))
	t.Logf("%d bytes in %d tokens, %d frames: %d glamour renders (%.4f per token), %d bytes to glamour (%.2fx the reply)",
		len(reply), n, frames, renders, perToken, bytes, ratio)
	if n < 8000 {
		t.Fatalf("only %d tokens", n)
	}
	// A frame renders its tail and, when the stable text grew, a commit:
	// about 0.03 a token at this pace for the tails, and the commits.
	if perToken > 0.06 {
		t.Errorf("%.4f glamour renders per token, want <= 0.06", perToken)
	}
	if ratio > 3 {
		t.Errorf("glamour was handed %.2fx the reply's bytes, want <= 3x", ratio)
	}
	// What the stream showed is what a full render shows.
	want, err := m.renderer.RenderLines(reply)
	if err != nil {
		t.Fatal(err)
	}
	got := m.tr.last().lines
	if strings.Join(got[1:len(got)-1], "\n") != strings.Join(trimBlankEdges(want), "\n") {
		t.Errorf("the streamed reply differs from a full render")
	}
}

// longHistory is a loaded conversation of n long messages, half of them
// markdown replies.
func longHistory(n int) loadedMsg {
	conv := session.Conversation{ID: "history", Title: "a long conversation"}
	msgs := make([]session.Message, n)
	reply := replyMarkdown(2048)
	for i := range msgs {
		msgs[i] = session.Message{ID: fmt.Sprint("m", i), ConversationID: conv.ID, Role: roleUser,
			Content: strings.Repeat("A question that goes on for a while. ", 20), Created: testEpoch, Status: session.StatusComplete}
		if i > 0 {
			msgs[i].ParentID = msgs[i-1].ID
		}
		if i%2 == 1 {
			msgs[i].Role, msgs[i].Content, msgs[i].Model = roleAssistant, reply, "gpt-4"
		}
	}
	return loadedMsg{conv: conv, msgs: msgs}
}

// viewScene is a 120x40 chat, after n earlier messages, in the middle of
// streaming a reply.
func viewScene(tb testing.TB, n int) *Model {
	tb.Helper()
	m := newSized(tb, testOptions(newTestClock()), 120, 40)
	if n > 0 {
		m, _ = step(m, longHistory(n))
	}
	m, _ = sendPrompt(tb, m, "and now?")
	m = deliver(m, replyMarkdown(4096))
	return m
}

// composedView draws the screen from the transcript again, as after a
// render, rather than reusing the last one.
func composedView(m *Model) tea.View {
	m.cache.screenValid = false
	return m.View()
}

// View's work must not grow with the transcript: its allocations (which,
// unlike time, are exact) are the same with 200 long messages above as with
// none.
func TestViewCostIsFlat(t *testing.T) {
	small, big := viewScene(t, 0), viewScene(t, 200)
	if len(big.tr.entries) < 100*len(small.tr.entries) {
		t.Fatalf("the long transcript has %d messages, the short %d", len(big.tr.entries), len(small.tr.entries))
	}
	if screen(small) == "" || screen(big) == "" {
		t.Fatal("empty screen")
	}
	a := testing.AllocsPerRun(20, func() { _ = composedView(small) })
	b := testing.AllocsPerRun(20, func() { _ = composedView(big) })
	t.Logf("View allocations: %.0f with %d lines, %.0f with %d lines", a, small.tr.total, b, big.tr.total)
	if b > a*1.1+5 {
		t.Errorf("View allocates %.0f times with %d transcript lines, %.0f with %d: not flat",
			b, big.tr.total, a, small.tr.total)
	}
	// A frame's Update is flat too: appending a token and rendering the
	// tail costs the same with or without the history.
	frame := func(m *Model) func() {
		return func() {
			m2, _ := step(m, chunkMsg{id: m.stream.id, text: "word "})
			_, _ = step(m2, frameMsg{})
		}
	}
	fa := testing.AllocsPerRun(5, frame(small))
	fb := testing.AllocsPerRun(5, frame(big))
	t.Logf("frame allocations: %.0f without history, %.0f with", fa, fb)
	if fb > fa*1.1+20 {
		t.Errorf("a frame allocates %.0f times after 200 messages, %.0f without: not flat", fb, fa)
	}
}

// TestHistoryLoaded checks the scene the View benchmark uses.
func TestHistoryLoaded(t *testing.T) {
	m := viewScene(t, 200)
	if len(m.tr.entries) != 202 || !m.tr.follow {
		t.Fatalf("%d entries, follow %v", len(m.tr.entries), m.tr.follow)
	}
	m, _ = press(m, tea.KeyHome, tea.ModCtrl)
	if s := screen(m); !strings.Contains(s, "A question that goes on") {
		t.Errorf("the top of the history is not shown:\n%s", s)
	}
}

// reasoningFrame is what one frame costs: glamour renders and the bytes
// given to glamour, allocations, and bytes allocated.
type reasoningFrame struct {
	renders, glamourBytes int64
	allocs                int
	bytes                 uint64
}

// frameCost streams delta through Update as one chunk, renders the frame
// and composes the screen, and returns what that cost.
func frameCost(m *Model, msg chunkMsg) (*Model, reasoningFrame) {
	var before, after runtime.MemStats
	st := m.renderer.Stats()
	runtime.ReadMemStats(&before)
	msg.id = m.stream.id
	m, _ = step(m, msg)
	m, _ = step(m, frameMsg{})
	_ = composedView(m)
	runtime.ReadMemStats(&after)
	end := m.renderer.Stats()
	return m, reasoningFrame{renders: end.Renders - st.Renders, glamourBytes: end.InputBytes - st.InputBytes,
		allocs: int(after.Mallocs - before.Mallocs), bytes: after.TotalAlloc - before.TotalAlloc}
}

// medianFrame runs frames frames of msg and returns the median of each
// figure: a builder that doubles its buffer now and then is not a frame's
// cost.
func medianFrame(m *Model, msg chunkMsg, frames int) (*Model, reasoningFrame) {
	var all []reasoningFrame
	for range frames {
		var f reasoningFrame
		m, f = frameCost(m, msg)
		all = append(all, f)
	}
	med := func(get func(reasoningFrame) float64) float64 {
		v := make([]float64, len(all))
		for i, f := range all {
			v[i] = get(f)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return m, reasoningFrame{
		renders:      int64(med(func(f reasoningFrame) float64 { return float64(f.renders) })),
		glamourBytes: int64(med(func(f reasoningFrame) float64 { return float64(f.glamourBytes) })),
		allocs:       int(med(func(f reasoningFrame) float64 { return float64(f.allocs) })),
		bytes:        uint64(med(func(f reasoningFrame) float64 { return float64(f.bytes) })),
	}
}

// reasoningCosts streams n lines of reasoning, then measures frames while
// the model still thinks, after the answer has started (the block
// folded), and with the block open.
func reasoningCosts(t *testing.T, n int) (live, answer, open reasoningFrame) {
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	m, _ = sendPrompt(t, m, "think hard")
	for i := 0; i < n; i += 100 {
		m, _ = step(m, chunkMsg{id: m.stream.id, reasoning: reasoningText(i, min(100, n-i)), chunks: 100})
	}
	m, _ = step(m, frameMsg{})
	m, live = medianFrame(m, chunkMsg{reasoning: "And one more consideration to weigh.\n", chunks: 8}, 21)
	m, _ = step(m, chunkMsg{id: m.stream.id, text: replyMarkdown(2048), chunks: 500})
	m, _ = step(m, frameMsg{})
	m, answer = medianFrame(m, chunkMsg{text: "more words ", chunks: 2}, 21)
	m, _ = press(m, 't', tea.ModCtrl)
	_, open = medianFrame(m, chunkMsg{text: "more words ", chunks: 2}, 21)
	return live, answer, open
}

// TestReasoningCostIsFlat: a frame costs the same with 2,000 lines of
// reasoning as with 20, while the model thinks, once the answer streams
// below the folded block, and with the block open.
func TestReasoningCostIsFlat(t *testing.T) {
	var small, big [3]reasoningFrame
	small[0], small[1], small[2] = reasoningCosts(t, 20)
	big[0], big[1], big[2] = reasoningCosts(t, 2000)
	for i, phase := range []string{"thinking", "answering", "open block"} {
		s, b := small[i], big[i]
		t.Logf("%s: 20 lines %+v, 2,000 lines %+v", phase, s, b)
		if b.renders != s.renders || b.glamourBytes > s.glamourBytes+64 {
			t.Errorf("%s: a frame renders %d times (%d bytes) after 2,000 lines of reasoning, %d (%d bytes) after 20",
				phase, b.renders, b.glamourBytes, s.renders, s.glamourBytes)
		}
		// Under the race detector a sync.Pool drops a quarter of what it is
		// given, so the bytes of one frame vary by tens of KB at any size.
		grew := b.bytes > s.bytes+s.bytes/5+4096 && !raceDetector
		if b.allocs > s.allocs+s.allocs/10+5 || grew {
			t.Errorf("%s: a frame allocates %d times (%d bytes) after 2,000 lines of reasoning, %d (%d bytes) after 20",
				phase, b.allocs, b.bytes, s.allocs, s.bytes)
		}
	}
}
