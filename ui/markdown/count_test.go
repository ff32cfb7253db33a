package markdown

import (
	"runtime"
	"slices"
	"testing"
)

// tokensPerFrame is the render cadence of the counting test and benchmarks:
// one frame per 33 tokens is one frame per 33 ms at 1,000 tokens a second.
const tokensPerFrame = 33

// streamReply streams reply in 4-byte tokens, rendering once per frame and
// at the end, and returns the final lines and the number of tokens.
func streamReply(tb testing.TB, s *Stream, reply string) ([]string, int) {
	tb.Helper()
	toks := tokens(reply, 4)
	for i, tok := range toks {
		s.Append(tok)
		if (i+1)%tokensPerFrame == 0 {
			if _, _, err := s.Split(); err != nil {
				tb.Fatal(err)
			}
		}
	}
	lines, err := s.Finish()
	if err != nil {
		tb.Fatal(err)
	}
	return lines, len(toks)
}

func TestStreamRenderCounts(t *testing.T) {
	reply := llmReply(32 * 1024)
	r := mustRenderer(t, 100, ThemeDark)
	lines, n := streamReply(t, NewStream(r), reply)
	st := r.Stats()
	perToken := float64(st.Renders) / float64(n)
	ratio := float64(st.InputBytes) / float64(len(reply))
	t.Logf("%d bytes, %d tokens: %d renders (%.4f per token), %d bytes to glamour (%.2fx)",
		len(reply), n, st.Renders, perToken, st.InputBytes, ratio)
	// A render per frame would be 0.03 a token at this pace plus the
	// commits; a render per block or per token is far more.
	if perToken > 0.05 {
		t.Errorf("%.4f glamour renders per token, want <= 0.05", perToken)
	}
	// Each byte is rendered once when committed and again in the tail of
	// the frames before: the tail stays short.
	if ratio > 3 {
		t.Errorf("glamour got %.2fx the reply's bytes, want <= 3x", ratio)
	}
	want, err := mustRenderer(t, 100, ThemeDark).RenderLines(reply)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lines, want) {
		t.Errorf("final lines differ from a full render")
	}
}

// allocsPerToken streams reply as streamReply does, on a warm renderer,
// and returns the heap allocations and bytes per token.
func allocsPerToken(t *testing.T, reply string) (allocs, bytes float64) {
	r := mustRenderer(t, 100, ThemeDark)
	streamReply(t, NewStream(r), reply) // warm chroma and the sentinel
	n := len(tokens(reply, 4))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	streamReply(t, NewStream(r), reply)
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(n), float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

// The streaming path's allocations per token, counted exactly (the test
// runs alone: tests that run in parallel wait for it). Most are glamour's
// and chroma's, and the count repeats to a tenth of an allocation, so the
// bounds sit 5% above it: they catch a change that adds allocations per row
// or per frame, and a dependency upgrade that needs them measured again.
func TestStreamAllocsPerToken(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector allocates on its own")
	}
	for _, c := range []struct {
		name  string
		reply string
		max   float64
	}{
		{"32KB reply", llmReply(32 * 1024), 77},       // 73.3; 77.6 before code blocks were split
		{"2000-line code block", longCode(2000), 130}, // 123.8; 5,807 before
	} {
		allocs, bytes := allocsPerToken(t, c.reply)
		t.Logf("%s: %.1f allocations, %.0f bytes per token", c.name, allocs, bytes)
		if allocs > c.max {
			t.Errorf("%s: %.1f allocations per token, want <= %.0f", c.name, allocs, c.max)
		}
	}
}
