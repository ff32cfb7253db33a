package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// tokens splits s into pieces of n bytes, as a streaming API delivers it.
// Pieces may end inside a multi-byte character, as real tokens can.
func tokens(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}

// checkStream streams doc in 4-byte tokens into a fresh Stream and compares
// its lines with a full render after every stride tokens and at the end.
//
// A mismatch is retried once from scratch. Chroma gives each regular
// expression match 250 ms of wall time and highlights the character as an
// error when that runs out, which happens under -race on a loaded machine;
// a real difference in the stream fails both attempts.
func checkStream(t *testing.T, doc string, width int, theme Theme, stride int) {
	t.Helper()
	err := streamMismatch(doc, width, theme, stride)
	if err != nil {
		t.Logf("retrying once after: %v", err)
		err = streamMismatch(doc, width, theme, stride)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// streamMismatch does the work of checkStream and describes the first
// difference it finds.
func streamMismatch(doc string, width int, theme Theme, stride int) error {
	sr, err := NewRenderer(width, theme)
	if err != nil {
		return err
	}
	full, err := NewRenderer(width, theme)
	if err != nil {
		return err
	}
	s := NewStream(sr)
	toks := tokens(doc, 4)
	for i, tok := range toks {
		s.Append(tok)
		if (i+1)%stride != 0 && i != len(toks)-1 {
			continue
		}
		if err := mismatch(s, full); err != nil {
			return fmt.Errorf("after token %d: %w", i+1, err)
		}
	}
	final, err := s.Finish()
	if err != nil {
		return err
	}
	if want, _ := full.RenderLines(doc); !slices.Equal(final, want) {
		return fmt.Errorf("Finish differs from a full render")
	}
	if s.fullOnly || s.sc.global {
		return fmt.Errorf("stream fell back to full renders")
	}
	return nil
}

// compare fails the test if the stream's lines differ from a full render.
func compare(t *testing.T, s *Stream, full *Renderer, when string) {
	t.Helper()
	if err := mismatch(s, full); err != nil {
		t.Fatalf("%s: %v", when, err)
	}
}

// mismatch renders the stream and the whole text and describes how they
// differ, or returns nil.
func mismatch(s *Stream, full *Renderer) error {
	got, err := s.Lines()
	if err != nil {
		return err
	}
	want, err := full.RenderLines(s.Text())
	if err != nil {
		return err
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("stream differs from full render\n%s", diffLines(got, want))
	}
	return nil
}

func diffLines(got, want []string) string {
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("line %d of %d/%d:\n got %q\nwant %q", i, len(got), len(want), g, w)
		}
	}
	return "no difference"
}

func mustRenderer(t testing.TB, width int, theme Theme) *Renderer {
	t.Helper()
	r, err := NewRenderer(width, theme)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStreamEqualsFullRender(t *testing.T) {
	// Every render point is checked against a full render, so the cost of a
	// case grows with the square of its length: the documents are as short
	// as will cover every construct (one cycle of replySections is ~2 KB).
	small := edgeDoc
	oneCycle := llmReply(2000)
	medium := llmReply(3 * 1024)
	cases := []struct {
		name   string
		doc    string
		stride int
	}{
		{"edge/stride1", small, 1},
		{"edge/stride7", small, 7},
		{"edge/stride33", small, 33},
		{"reply/stride7", oneCycle, 7},
		{"reply/stride33", medium, 33},
	}
	for _, theme := range []Theme{ThemeDark, ThemeLight} {
		for _, width := range []int{40, 120} {
			for _, c := range cases {
				name := fmt.Sprintf("%s/%d/%s", theme, width, c.name)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					checkStream(t, c.doc, width, theme, c.stride)
				})
			}
		}
	}
}

func TestStreamPlainTheme(t *testing.T) {
	checkStream(t, edgeDoc+"\n\n"+llmReply(3000), 80, ThemePlain, 5)
}

func TestStreamReset(t *testing.T) {
	doc := llmReply(4000)
	reset := func() error {
		s := NewStream(mustRenderer(t, 60, ThemeDark))
		s.Append(doc[:2500])
		if _, err := s.Lines(); err != nil {
			return err
		}
		s.Reset(mustRenderer(t, 100, ThemeDark))
		s.Append(doc[2500:])
		return mismatch(s, mustRenderer(t, 100, ThemeDark))
	}
	err := reset()
	if err != nil {
		// See checkStream: chroma's match timeout under load.
		t.Logf("retrying once after: %v", err)
		err = reset()
	}
	if err != nil {
		t.Fatalf("after reset: %v", err)
	}
}

func TestStreamStableOnlyGrows(t *testing.T) {
	s := NewStream(mustRenderer(t, 80, ThemeDark))
	var last []string
	for _, tok := range tokens(llmReply(4000), 40) {
		s.Append(tok)
		stable, _, err := s.Split()
		if err != nil {
			t.Fatal(err)
		}
		if len(stable) < len(last) || !slices.Equal(stable[:len(last)], last) {
			t.Fatalf("stable lines changed")
		}
		last = slices.Clone(stable)
	}
	if len(last) == 0 {
		t.Fatalf("nothing became stable")
	}
}

// A link reference definition changes text before it, so the stream must
// render the whole reply from then on.
func TestStreamReferenceDefinition(t *testing.T) {
	doc := "See [the docs][d] first.\n\nMore text here.\n\nAnd more.\n\n[d]: https://example.com\n\nTail.\n"
	full := mustRenderer(t, 80, ThemeDark)
	s := NewStream(mustRenderer(t, 80, ThemeDark))
	for i, tok := range tokens(doc, 4) {
		s.Append(tok)
		compare(t, s, full, fmt.Sprintf("token %d", i))
	}
	if !s.sc.global {
		t.Errorf("definition not detected")
	}
	if !strings.Contains(s.Text(), "[d]:") {
		t.Fatal("bad test document")
	}
}
