package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// BenchmarkStream streams replies of several sizes in 4-byte tokens,
// rendering once per 33 tokens, and reports the markdown CPU per 1,000
// tokens (process CPU time, which counts the garbage collector but not time
// lost to other processes on a busy machine; wall time is reported too) and
// the slowest single frame.
func BenchmarkStream(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"2KB", 2 * 1024}, {"32KB", 32 * 1024}, {"128KB", 128 * 1024}} {
		b.Run(size.name, func(b *testing.B) {
			benchmarkStream(b, llmReply(size.bytes))
		})
	}
}

func benchmarkStream(b *testing.B, reply string) {
	if err := WarmUp(); err != nil {
		b.Fatal(err)
	}
	r := mustRenderer(b, 100, ThemeDark)
	toks := tokens(reply, 4)
	var worst time.Duration
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	b.ResetTimer()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	mallocs := mem.Mallocs
	cpu := processCPU()
	for range b.N {
		s := NewStream(r)
		for i, tok := range toks {
			s.Append(tok)
			if (i+1)%tokensPerFrame != 0 && i != len(toks)-1 {
				continue
			}
			start := time.Now()
			if _, _, err := s.Split(); err != nil {
				b.Fatal(err)
			}
			worst = max(worst, time.Since(start))
		}
	}
	cpuPerOp := float64((processCPU() - cpu).Nanoseconds()) / float64(b.N)
	runtime.ReadMemStats(&mem)
	b.ReportMetric(float64(mem.Mallocs-mallocs)/float64(b.N)/float64(len(toks)), "allocs/tok")
	wallPerOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(cpuPerOp/1e6/float64(len(toks))*1000, "ms/1ktok")
	b.ReportMetric(wallPerOp/1e6/float64(len(toks))*1000, "wall-ms/1ktok")
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-frame-ms")
}

// BenchmarkRender is one full render of a reply, for scale: it is what a
// frame would cost without the stable prefix, and it relates the figures of
// BenchmarkStream to glamour's speed on the machine at hand.
func BenchmarkRender(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"2KB", 2 * 1024}, {"32KB", 32 * 1024}} {
		b.Run(size.name, func(b *testing.B) {
			reply := llmReply(size.bytes)
			r := mustRenderer(b, 100, ThemeDark)
			if _, err := r.RenderLines(reply); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(reply)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.RenderLines(reply); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// nestedReply is steps of a how-to, each with a code block in its list
// item, some lines long enough to be cut at 100 columns.
func nestedReply() string {
	var b strings.Builder
	for i := range 8 {
		fmt.Fprintf(&b, "%d. Step %d:\n\n   ```go\n   func step%d() {\n   \t%s\n   }\n   ```\n   - then:\n\n     ```sh\n     %s\n     ```\n\n", i+1, i+1, i, nestedLine, quotedLine)
	}
	return b.String()
}

// BenchmarkRenderNested is a full render of a reply whose code blocks are
// nested in lists; the prepass alone shows what finding the nested blocks
// and marking their width costs of it.
func BenchmarkRenderNested(b *testing.B) {
	reply := nestedReply()
	r := mustRenderer(b, 100, ThemeDark)
	b.Run("render", func(b *testing.B) {
		b.SetBytes(int64(len(reply)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.RenderLines(reply); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prepass", func(b *testing.B) {
		b.SetBytes(int64(len(reply)))
		b.ReportAllocs()
		for b.Loop() {
			r.nested.cut(reply)
		}
	})
}
