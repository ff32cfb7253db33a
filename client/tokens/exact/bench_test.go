package exact

import (
	"testing"

	"github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"

	"github.com/lockchat/lockchat/client/tokens/tokenstest"
)

func BenchmarkCount(b *testing.B) {
	Warm()
	for _, s := range tokenstest.Samples(b) {
		b.Run(s.Name, func(b *testing.B) {
			b.SetBytes(int64(len(s.Text)))
			b.ReportAllocs()
			for b.Loop() {
				Count(s.Text)
			}
		})
	}
}

// BenchmarkLarge counts a 270 KB paste and a 100 KB run without a break,
// the input that would be quadratic without chunks.
func BenchmarkLarge(b *testing.B) {
	Warm()
	for name, text := range tokenstest.Large(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Count(text)
			}
		})
	}
}

// BenchmarkLoadTables measures what the first Count pays once: reading the
// embedded o200k_base table and building the encoder.
func BenchmarkLoadTables(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ranks, err := tiktoken_loader.NewOfflineLoader().LoadTiktokenBpe("o200k_base.tiktoken")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tiktoken.NewCoreBPE(ranks, map[string]int{"<|endoftext|>": 199999}, `\s+`); err != nil {
			b.Fatal(err)
		}
	}
}
