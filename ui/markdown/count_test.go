package markdown

import (
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
	if perToken > 0.04 {
		t.Errorf("%.4f glamour renders per token, want <= 0.04", perToken)
	}
	if ratio > 5 {
		t.Errorf("glamour got %.2fx the reply's bytes, want <= 5x", ratio)
	}
	want, err := mustRenderer(t, 100, ThemeDark).RenderLines(reply)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lines, want) {
		t.Errorf("final lines differ from a full render")
	}
}
