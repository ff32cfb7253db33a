package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// chatOfSize is a chat showing n finished messages, prompts and replies
// in turn, built without streaming them.
func chatOfSize(tb testing.TB, n int) *Model {
	m := newSized(tb, testOptions(newTestClock()), 80, 30)
	m.ensureRenderer()
	rc := m.renderCtx()
	parent := ""
	for i := range n {
		e := &entry{id: session.NewID(), parent: parent, role: roleUser, status: session.StatusComplete}
		if i%2 == 1 {
			e.role = roleAssistant
		}
		e.text.WriteString(fmt.Sprintf("message %d with a few words in it", i))
		e.render(rc)
		m.tr.append(e)
		parent = e.id
	}
	return m
}

// BenchmarkSelectMove moves the selection up and down and draws the
// screen after each key: the cost per key is the same for 5 messages as
// for 5,000.
func BenchmarkSelectMove(b *testing.B) {
	for _, n := range []int{5, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := chatOfSize(b, n)
			m, _ = press(m, tea.KeyTab, 0)
			keys := []rune{'k', 'k', 'j', 'j'}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				m, _ = press(m, keys[i%len(keys)], 0)
				_ = m.View()
			}
		})
	}
}
