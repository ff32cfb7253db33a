package exact

import (
	"strings"
	"testing"

	"github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
)

func BenchmarkCount(b *testing.B) {
	Warm()
	for _, s := range samples(b) {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.text)))
			b.ReportAllocs()
			for b.Loop() {
				Count(s.text)
			}
		})
	}
}

// BenchmarkLarge counts a 270 KB paste and a 100 KB run without a break,
// the input that would be quadratic without chunks.
func BenchmarkLarge(b *testing.B) {
	Warm()
	paste := strings.Repeat(samples(b)[0].text, 100)
	run := strings.Repeat("a", 100_000)
	for name, text := range map[string]string{"paste-270KB": paste, "run-100KB": run} {
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
