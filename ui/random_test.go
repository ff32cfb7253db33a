package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
)

// randomChunks are pieces of replies: markdown that opens and closes
// blocks, wide text, and what a hostile server sends.
var randomChunks = []string{
	"Hello ", "world. ", "**bold** ", "`code` ", "\n\n", "## Title\n\n", "- item\n", "1. step\n",
	"```go\n", "func f() {}\n", "```\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "> quote\n",
	"日本語の文章 ", "🙂🎉 ", "\x1b]52;c;ZXZpbA==\x07", "\u202eevil\u202c", "\x1b[2J", "\r", "\t", "a",
	strings.Repeat("long", 40) + " ",
}

// TestRandomSessions drives the chat with random keys, pastes, sizes,
// stream chunks, stops, retries and errors, from fixed seeds. After every
// message the screen must fit the terminal with the cursor on the input,
// and every reply must hold exactly the text delivered to it.
func TestRandomSessions(t *testing.T) {
	for seed := range uint64(8) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 42))
			clk := newTestClock()
			m := newSized(t, testOptions(clk), 80, 24)
			want := map[*entry]string{} // text delivered to each reply
			for i := range 300 {
				var what string
				m, what = randomStep(t, rng, m, clk, want)
				checkScreen(t, m, fmt.Sprintf("step %d (%s)", i, what))
			}
			for e, text := range want {
				if got := e.text.String(); got != text {
					t.Errorf("a reply holds %q, but %q was delivered to it", got, text)
				}
			}
		})
	}
}

// randomStep sends one random message and says what it was.
func randomStep(t *testing.T, rng *rand.Rand, m *Model, clk *testClock, want map[*entry]string) (*Model, string) {
	t.Helper()
	id := m.stream.id
	switch n := rng.IntN(20); {
	case n < 5 && m.stream.active:
		text := randomChunks[rng.IntN(len(randomChunks))]
		want[m.stream.entry] += text
		m, _ = step(m, chunkMsg{id: id, text: text})
		return m, "chunk"
	case n < 6:
		clk.Advance(frameInterval)
		m, _ = step(m, frameMsg{})
		return m, "frame"
	case n < 8:
		m = typeText(m, "ask "+randomChunks[rng.IntN(3)])
		m, _ = press(m, tea.KeyEnter, 0)
		return m, "send"
	case n < 9:
		m, _ = press(m, tea.KeyEscape, 0)
		return m, "esc"
	case n < 10:
		var err error
		if rng.IntN(2) == 0 {
			err = &client.Error{Kind: client.KindNetwork, Message: "The connection broke (reset by peer)."}
		}
		m, _ = step(m, chunkMsg{id: id, ended: true, err: err})
		return m, "end"
	case n < 11:
		r := client.RetryInfo{Attempt: 2, MaxAttempts: 3, Delay: 3e9, Reason: "HTTP 503: busy, busy, busy."}
		m, _ = step(m, chunkMsg{id: id, retry: &r})
		return m, "retry"
	case n < 13:
		w, h := 40+rng.IntN(160), 10+rng.IntN(50)
		m, _ = step(m, tea.WindowSizeMsg{Width: w, Height: h})
		return m, fmt.Sprintf("resize %dx%d", w, h)
	case n < 14:
		lines := 1 + rng.IntN(300)
		m, _ = step(m, tea.PasteMsg{Content: strings.Repeat("pasted line\r", lines)})
		return m, fmt.Sprintf("paste of %d lines", lines)
	default:
		keys := []tea.KeyPressMsg{{Code: tea.KeyUp}, {Code: tea.KeyDown}, {Code: tea.KeyPgUp}, {Code: tea.KeyPgDown},
			{Code: tea.KeyHome, Mod: tea.ModCtrl}, {Code: tea.KeyEnd, Mod: tea.ModCtrl}, {Code: 'g', Mod: tea.ModCtrl},
			{Code: 'l', Mod: tea.ModCtrl}, {Code: 'j', Mod: tea.ModCtrl}, {Code: 'y', Mod: tea.ModCtrl},
			{Code: tea.KeyBackspace}, {Code: 'n', Mod: tea.ModCtrl}}
		k := keys[rng.IntN(len(keys))]
		m, _ = step(m, k)
		if m.focus != focusInput && rng.IntN(2) == 0 {
			m, _ = press(m, tea.KeyEscape, 0)
		}
		return m, "key " + k.String()
	}
}

// checkScreen fails if the screen is wider or taller than the terminal, or
// the cursor is off the input.
func checkScreen(t *testing.T, m *Model, when string) {
	t.Helper()
	v := m.View()
	lines := strings.Split(v.Content, "\n")
	if len(lines) > m.height {
		t.Fatalf("%s: %d lines on a %d-line terminal", when, len(lines), m.height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > m.width {
			t.Fatalf("%s: line %d is %d wide on a %d-column terminal: %q", when, i, w, m.width, ansi.Strip(l))
		}
	}
	if c := v.Cursor; c != nil && (c.Y < 0 || c.Y >= len(lines) || !strings.HasPrefix(ansi.Strip(lines[c.Y]), "›")) {
		t.Fatalf("%s: the cursor at row %d is not on the input", when, c.Y)
	}
}
