package tokens

import (
	"strings"
	"testing"
)

func BenchmarkEstimate(b *testing.B) {
	for _, s := range samples(b) {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.text)))
			b.ReportAllocs()
			for b.Loop() {
				Estimate(s.text)
			}
		})
	}
}

// BenchmarkLarge estimates a 270 KB paste and a 100 KB run without a
// break.
func BenchmarkLarge(b *testing.B) {
	paste := strings.Repeat(samples(b)[0].text, 100)
	run := strings.Repeat("a", 100_000)
	for name, text := range map[string]string{"paste-270KB": paste, "run-100KB": run} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Estimate(text)
			}
		})
	}
}
