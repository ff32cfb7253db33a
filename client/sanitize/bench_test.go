package sanitize

import (
	"strings"
	"testing"
)

func BenchmarkText(b *testing.B) {
	cases := []struct {
		name, s string
	}{
		{"ascii", strings.Repeat("The quick brown fox jumps over the lazy dog.\n", 100)},
		{"mixed", strings.Repeat("## Résumé\n\t- 日本語のテキスト 🎉 — “quotes” and `code`\n", 100)},
		{"hostile", strings.Repeat("ok \x1b[31mred\x1b[0m \u009b2J \u202eevil\r\n", 100)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				_ = Text(c.s)
			}
		})
	}
}
