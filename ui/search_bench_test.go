package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// BenchmarkSearchKey is one key press in the search dialog while n hits
// are listed, through Update alone and with the screen composed after it:
// what typing costs. cpu-ns/key is the process's CPU time per key, which
// other work on the machine does not inflate. The store is never asked on
// a key press (the benchmark fails if it is), so the cost does not depend
// on the store's size; the search itself is session's BenchmarkSearch,
// over 10,000 conversations.
func BenchmarkSearchKey(b *testing.B) {
	for _, n := range []int{5, searchLimit} {
		for _, view := range []bool{false, true} {
			name := fmt.Sprintf("%dhits/update", n)
			if view {
				name += "+view"
			}
			b.Run(name, func(b *testing.B) { benchSearchKey(b, n, view) })
		}
	}
}

func benchSearchKey(b *testing.B, n int, view bool) {
	r := &countingReader{Reader: listReader{}}
	opts := testOptions(newTestClock())
	opts.Reader = r
	m := newSized(b, opts, 120, 40)
	m, _ = press(m, 'f', tea.ModCtrl)
	m = typeText(m, "kettle")
	d := m.dialog.(*searchDialog)
	m, _ = step(m, searchedMsg{from: d, seq: d.seq, hits: benchHits(n)})
	// Each key changes the query, so each schedules a search; the hits
	// listed stay until the next search answers.
	keys := []tea.Msg{tea.KeyPressMsg{Code: 's', Text: "s"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	i := 0
	start := cpuTime()
	for b.Loop() {
		m, _ = step(m, keys[i%2])
		if view {
			_ = m.View()
		}
		i++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(i), "cpu-ns/key")
	if got := r.searches(); len(got) != 0 {
		b.Fatalf("typing asked the store %d times", len(got))
	}
	if len(d.Items()) != n {
		b.Fatalf("the hits were dropped: %d listed", len(d.Items()))
	}
}

// benchHits are n hits with snippets as long as the store makes them.
func benchHits(n int) []session.Hit {
	hits := make([]session.Hit, n)
	for i := range hits {
		hits[i] = session.Hit{ConversationID: fmt.Sprint("c", i), MessageID: fmt.Sprint("m", i),
			Title: fmt.Sprintf("Conversation %d about kettles and tea", i), Role: session.RoleAssistant,
			Created: testEpoch.Add(-72 * 3600e9),
			Snippet: "…the water in the «kettle» boils at a hundred degrees, then the «kettle» switches itself off…"}
	}
	return hits
}
