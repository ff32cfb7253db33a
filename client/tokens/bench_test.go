package tokens

import (
	"testing"

	"github.com/lockchat/lockchat/client/tokens/tokenstest"
)

func BenchmarkEstimate(b *testing.B) {
	for _, s := range tokenstest.Samples(b) {
		b.Run(s.Name, func(b *testing.B) {
			b.SetBytes(int64(len(s.Text)))
			b.ReportAllocs()
			for b.Loop() {
				Estimate(s.Text)
			}
		})
	}
}

// BenchmarkLarge estimates a 270 KB paste and a 100 KB run without a
// break.
func BenchmarkLarge(b *testing.B) {
	for name, text := range tokenstest.Large(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Estimate(text)
			}
		})
	}
}
