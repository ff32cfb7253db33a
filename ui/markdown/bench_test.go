package markdown

import (
	"runtime"
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
