package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Run with
//
//	go test -run '^$' -bench . -benchtime 3x ./ui/

// benchStream streams reply through Update (and View, if view) at 120x40
// b.N times and reports the CPU per 1,000 tokens and the worst frame. With
// perToken every token is its own message followed by a View, as when the
// reader finds one token buffered each time; otherwise the frame's tokens
// arrive as one message, as the draining reader delivers them.
func benchStream(b *testing.B, reply string, view, perToken bool) {
	benchStreamThinking(b, "", reply, view, perToken)
}

// benchStreamThinking is benchStream with reasoning streamed before the
// reply, its tokens counted with the reply's.
func benchStreamThinking(b *testing.B, reasoning, reply string, view, perToken bool) {
	var cpu, worst time.Duration
	toks := 0
	for b.Loop() {
		b.StopTimer()
		m := newSized(b, testOptions(newTestClock()), 120, 40)
		m, _ = sendPrompt(b, m, "write a long answer")
		thoughts, answer := tokens(reasoning, 4), tokens(reply, 4)
		toks += len(thoughts) + len(answer)
		b.StartTimer()
		start := cpuTime()
		for _, part := range []struct {
			toks      []string
			reasoning bool
		}{{thoughts, true}, {answer, false}} {
			for i := 0; i < len(part.toks); i += tokensPerFrame {
				t0 := time.Now()
				m = benchFrame(m, part.toks[i:min(i+tokensPerFrame, len(part.toks))], part.reasoning, view, perToken)
				worst = max(worst, time.Since(t0))
			}
		}
		m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
		if view {
			_ = m.View()
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(float64(cpu.Milliseconds())/(float64(toks)/1000), "ms/1ktok")
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-frame-ms")
}

// benchFrame delivers one frame's tokens, as reasoning or as answer.
func benchFrame(m *Model, batch []string, reasoning, view, perToken bool) *Model {
	msg := func(text string) chunkMsg {
		if reasoning {
			return chunkMsg{id: m.stream.id, reasoning: text, chunks: 1}
		}
		return chunkMsg{id: m.stream.id, text: text, chunks: 1}
	}
	if perToken {
		for _, tok := range batch {
			m, _ = step(m, msg(tok))
			if view {
				_ = m.View()
			}
		}
	} else {
		m, _ = step(m, msg(strings.Join(batch, "")))
	}
	m, _ = step(m, frameMsg{})
	if view {
		_ = m.View()
	}
	return m
}

// BenchmarkStreamReply streams an 8,000-token (32 KB) markdown reply at
// 1,000 tokens a second: 33 tokens, then a frame and a View.
func BenchmarkStreamReply(b *testing.B) {
	reply := replyMarkdown(32 * 1024)
	b.Run("coalesced", func(b *testing.B) { benchStream(b, reply, true, false) })
	b.Run("per-token", func(b *testing.B) { benchStream(b, reply, true, true) })
}

// BenchmarkStreamReasoning streams the same 8,000 tokens, the first half
// as reasoning: the CPU per 1,000 tokens must not be higher than
// BenchmarkStreamReply's.
func BenchmarkStreamReasoning(b *testing.B) {
	reply := replyMarkdown(32 * 1024)
	half := len(reply) / 2
	for half < len(reply) && reply[half]&0xC0 == 0x80 {
		half++
	}
	b.Run("coalesced", func(b *testing.B) { benchStreamThinking(b, reply[:half], reply[half:], true, false) })
}

// BenchmarkStreamMarkdown compares the markdown cost per 1,000 tokens of a
// short and a long reply: it must not grow with the reply.
func BenchmarkStreamMarkdown(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"2KB", 2 * 1024}, {"128KB", 128 * 1024}} {
		b.Run(size.name, func(b *testing.B) { benchStream(b, replyMarkdown(size.bytes), false, false) })
	}
}

// BenchmarkView draws a 120x40 screen in the middle of a streaming reply,
// with no earlier messages and with 200 long ones (about 11,000 lines).
func BenchmarkView(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
	}{{"empty", 0}, {"200msgs", 200}} {
		b.Run(c.name, func(b *testing.B) {
			m := viewScene(b, c.n)
			b.ReportAllocs()
			for b.Loop() {
				_ = composedView(m)
			}
		})
	}
}

// BenchmarkKeyAfterPaste types a key and draws the screen with an empty
// input and after pasting 100 KB: a long paste is a placeholder, so the
// two cost the same.
func BenchmarkKeyAfterPaste(b *testing.B) {
	for _, size := range []int{0, 100 << 10} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			m := newSized(b, testOptions(newTestClock()), 120, 40)
			line := "2026-11-25T21:00:00Z ERROR worker 7: connection reset by peer\n"
			if size > 0 {
				m, _ = step(m, tea.PasteMsg{Content: strings.Repeat(line, size/len(line))})
			}
			b.ReportAllocs()
			for b.Loop() {
				m, _ = press(m, 'x', 0)
				_ = m.View()
			}
		})
	}
}
