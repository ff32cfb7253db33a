package ui

import (
	"strings"
	"testing"
)

// TestRenderPacing: with frames 33 ms apart, a streaming reply is rendered
// at most every minRenderGap (every third frame), text that arrived in
// between is kept for the next render, and the end of the stream renders
// at once.
func TestRenderPacing(t *testing.T) {
	clk := newTestClock()
	opts := testOptions(clk)
	opts.MinRenderGap = 0 // the default pacing
	m := newSized(t, opts, 80, 24)
	m, _ = sendPrompt(t, m, "go")
	before := m.renderer.Stats().Renders
	const frames = 20
	for i := range frames {
		m, _ = step(m, chunkMsg{id: m.stream.id, text: "word" + strings.Repeat("x", i%3) + " "})
		clk.Advance(frameInterval)
		m, _ = step(m, frameMsg{})
	}
	renders := m.renderer.Stats().Renders - before
	if renders < frames/3-1 || renders > frames/3+1 {
		t.Errorf("%d renders in %d frames 33 ms apart, want about %d", renders, frames, frames/3)
	}
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "THE END", ended: true})
	if !strings.Contains(screen(m), "THE END") {
		t.Errorf("the end of the reply was not rendered at once:\n%s", screen(m))
	}
}
