package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// goFunc is one function of a long generated Go file; %d makes each one
// different.
const goFunc = `// Sum%[1]d adds the values of xs that are above %[1]d.
func Sum%[1]d(xs []int) (total int) {
	for _, x := range xs {
		if x > %[1]d {
			total += x // counted
		}
	}
	return total
}

`

// longCode returns an open Go code block of at least n lines, after a short
// paragraph, as a reply is while a long file streams in.
func longCode(n int) string {
	var b strings.Builder
	b.WriteString("Here is the file:\n\n```go\npackage sums\n\n")
	for i := 0; strings.Count(b.String(), "\n") < n+3; i++ {
		fmt.Fprintf(&b, goFunc, i)
	}
	return b.String()
}

// lineOffset returns the offset of line n of s.
func lineOffset(s string, n int) int {
	at := 0
	for range n {
		at += strings.IndexByte(s[at:], '\n') + 1
	}
	return at
}

// codeWork streams doc in 4-byte tokens, rendering every tokensPerFrame
// tokens, and after every token for count tokens from the one that reaches
// offset at. It returns the work per token of those last renders.
func codeWork(tb testing.TB, doc string, min, at, count int) (renders, glamourBytes, lexedBytes float64) {
	tb.Helper()
	r := mustRenderer(tb, 100, ThemeDark)
	s := NewStream(r)
	s.codeMin = min
	var before Stats
	first := -1
	for i, tok := range tokens(doc, 4) {
		s.Append(tok)
		if first < 0 && len(s.Text()) >= at {
			first, before = i, r.Stats()
		}
		if first >= 0 || (i+1)%tokensPerFrame == 0 {
			if _, _, err := s.Split(); err != nil {
				tb.Fatal(err)
			}
		}
		if first >= 0 && i-first+1 == count {
			break
		}
	}
	if s.fullOnly {
		tb.Fatal("the stream fell back to full renders")
	}
	d, n := r.Stats(), float64(count)
	return float64(d.Renders-before.Renders) / n, float64(d.InputBytes-before.InputBytes) / n,
		float64(d.LexedBytes-before.LexedBytes) / n
}

// The work a token costs in an open code block, rendered after every token,
// is the same at line 2,000 as at line 20: glamour highlights only the
// lines after the last stable one, and the stream lexes only those.
func TestCodeBlockWorkIsFlat(t *testing.T) {
	doc := longCode(2000)
	const count = 200
	near, far := lineOffset(doc, 20), len(doc)-4*count
	// From the first line on, to compare the same path at both sizes.
	nearR, nearG, nearL := codeWork(t, doc, 0, near, count)
	farR, farG, farL := codeWork(t, doc, 0, far, count)
	t.Logf("per token, a render after each: line 20: %.2f renders, %.0f B to glamour, %.0f B lexed; line 2,000: %.2f renders, %.0f B to glamour, %.0f B lexed",
		nearR, nearG, nearL, farR, farG, farL)
	if farR > nearR {
		t.Errorf("%.2f renders per token at line 2,000, %.2f at line 20", farR, nearR)
	}
	// A token's render covers the text before the block, the fence and a
	// few lines; which few depends on where the lines end, so allow some
	// slack, far below the 2,000 lines a whole-block render covers.
	if farG > 1.5*nearG || farL > 1.5*nearL+100 {
		t.Errorf("bytes per token at line 2,000 (%.0f to glamour, %.0f lexed) are not those at line 20 (%.0f, %.0f)",
			farG, farL, nearG, nearL)
	}
	// By default a block this short is rendered whole, which costs more
	// per token than the lines of the long one.
	_, shortG, _ := codeWork(t, doc, codeMin, near, count)
	_, longG, _ := codeWork(t, doc, codeMin, far, count)
	t.Logf("by default: %.0f B to glamour per token at line 20, %.0f at line 2,000", shortG, longG)
	if longG > shortG {
		t.Errorf("by default, %.0f B to glamour per token at line 2,000, more than the %.0f at line 20", longG, shortG)
	}
}

// BenchmarkStreamCode streams an open Go code block of 20 and of 2,000
// lines in 4-byte tokens, one frame per 33 tokens, and reports the CPU per
// 1,000 tokens as BenchmarkStream does.
func BenchmarkStreamCode(b *testing.B) {
	for _, lines := range []int{20, 2000} {
		b.Run(fmt.Sprintf("%dlines", lines), func(b *testing.B) {
			benchmarkStream(b, longCode(lines))
		})
	}
}
