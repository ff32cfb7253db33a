package ui

import (
	"fmt"
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
	if perToken > 0.04 {
		t.Errorf("%.4f glamour renders per token, want <= 0.04", perToken)
	}
	if ratio > 5 {
		t.Errorf("glamour was handed %.2fx the reply's bytes, want <= 5x", ratio)
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
	if big.tr.total < 10*small.tr.total {
		t.Fatalf("the long transcript has %d lines, the short %d", big.tr.total, small.tr.total)
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
