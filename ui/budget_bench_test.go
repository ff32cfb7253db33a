package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkTokenCountPerKey is a key typed and the footer's count redone,
// with a short and a long history: the cost must not grow with it.
func BenchmarkTokenCountPerKey(b *testing.B) {
	for _, n := range []int{5, 500} {
		b.Run(fmt.Sprintf("messages=%d", n), func(b *testing.B) {
			m := withHistory(b, n)
			m = typeText(m, "a prompt of a few words being typed")
			_ = m.tokensText()
			b.ReportAllocs()
			for b.Loop() {
				m, _ = step(m, tea.KeyPressMsg{Code: 'x', Text: "x"})
				_ = m.tokensText()
				m, _ = step(m, tea.KeyPressMsg{Code: tea.KeyBackspace})
			}
		})
	}
}
