package ui

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// randomChunks are pieces of replies: markdown that opens and closes
// blocks, wide text, and what a hostile server sends.
var randomChunks = []string{
	"Hello ", "world. ", "**bold** ", "`code` ", "\n\n", "## Title\n\n", "- item\n", "1. step\n",
	"```go\n", "func f() {}\n", "```\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "> quote\n",
	"日本語の文章 ", "🙂🎉 ", "\x1b]52;c;ZXZpbA==\x07", "\u202eevil\u202c", "\x1b[2J", "\r", "\t", "a",
	strings.Repeat("long", 40) + " ",
}

// TestRandomSessions drives the chat from fixed seeds with random keys,
// pastes, sizes, stream chunks, stops, retries and errors, with the store
// writes run as they are asked for. After every message the screen must
// fit the terminal with the cursor on the input; at the end every reply
// must hold exactly the text delivered to it, and the store must hold
// exactly what the screen does.
func TestRandomSessions(t *testing.T) {
	for seed := range uint64(8) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 42))
			clk := newTestClock()
			j := newRecJournal()
			opts := testOptions(clk)
			opts.Journal, opts.Theme = j, "auto" // the background colour decides
			opts.Models = []string{"gpt-4", "gpt-3.5-turbo", "a-model-whose-name-goes-on-and-on-and-on-and-on-and-on"}
			m := newSized(t, opts, 80, 24)
			want := map[*entry]string{} // text delivered to each reply
			for i := range 300 {
				var what string
				var cmd tea.Cmd
				m, what, cmd = randomStep(rng, m, clk, want)
				m, _ = settleStore(t, m, cmd)
				checkScreen(t, m, fmt.Sprintf("step %d (%s)", i, what))
			}
			var cmd tea.Cmd
			if m.dialog != nil {
				m, cmd = press(m, tea.KeyEscape, 0) // close the dialog
				m, _ = settleStore(t, m, cmd)
			}
			m, cmd = press(m, tea.KeyEscape, 0) // stop a reply still streaming
			settleStore(t, m, cmd)
			for e, text := range want {
				if got := e.text.String(); got != text {
					t.Errorf("a reply holds %q, but %q was delivered to it", got, text)
				}
			}
			t.Logf("%d replies, %d store writes", len(want), len(j.Ops()))
			checkStored(t, j, want)
		})
	}
}

// randomStep sends one random message; it says what it was and returns
// the command Update gave back.
func randomStep(rng *rand.Rand, m *Model, clk *testClock, want map[*entry]string) (*Model, string, tea.Cmd) {
	id := m.stream.id
	var cmd tea.Cmd
	switch n := rng.IntN(20); {
	case n < 5 && m.stream.active:
		text := randomChunks[rng.IntN(len(randomChunks))]
		want[m.stream.entry] += text
		m, cmd = step(m, chunkMsg{id: id, text: text})
		return m, "chunk", cmd
	case n < 6:
		clk.Advance(frameInterval)
		m, cmd = step(m, frameMsg{})
		return m, "frame", cmd
	case n < 8:
		m = typeText(m, "ask "+randomChunks[rng.IntN(3)])
		m, cmd = press(m, tea.KeyEnter, 0)
		if m.stream.active && m.stream.id != id {
			want[m.stream.entry] = ""
		}
		return m, "send", cmd
	case n < 9:
		m, cmd = press(m, tea.KeyEscape, 0)
		return m, "esc", cmd
	case n < 10:
		var err error
		if rng.IntN(2) == 0 {
			err = &client.Error{Kind: client.KindNetwork, Message: "The connection broke (reset by peer)."}
		}
		m, cmd = step(m, chunkMsg{id: id, ended: true, err: err})
		return m, "end", cmd
	case n < 11:
		r := client.RetryInfo{Attempt: 2, MaxAttempts: 3, Delay: 3e9, Reason: "HTTP 503: busy, busy, busy."}
		m, cmd = step(m, chunkMsg{id: id, retry: &r})
		return m, "retry", cmd
	case n < 13:
		w, h := 40+rng.IntN(160), 10+rng.IntN(50)
		m, cmd = step(m, tea.WindowSizeMsg{Width: w, Height: h})
		return m, fmt.Sprintf("resize %dx%d", w, h), cmd
	case n < 14 && rng.IntN(4) == 0:
		m, cmd = step(m, randomLoaded(rng))
		return m, "a saved conversation opens", cmd
	case n < 14 && rng.IntN(3) == 0:
		bg := color.RGBA{R: 250, G: 250, B: 250, A: 255}
		if rng.IntN(2) == 0 {
			bg = color.RGBA{R: 10, G: 10, B: 10, A: 255}
		}
		m, cmd = step(m, tea.BackgroundColorMsg{Color: bg})
		return m, "background colour", cmd
	case n < 14:
		lines := 1 + rng.IntN(300)
		m, cmd = step(m, tea.PasteMsg{Content: strings.Repeat("pasted line\r", lines)})
		return m, fmt.Sprintf("paste of %d lines", lines), cmd
	}
	keys := []tea.KeyPressMsg{{Code: tea.KeyUp}, {Code: tea.KeyDown}, {Code: tea.KeyPgUp}, {Code: tea.KeyPgDown},
		{Code: tea.KeyHome, Mod: tea.ModCtrl}, {Code: tea.KeyEnd, Mod: tea.ModCtrl}, {Code: 'g', Mod: tea.ModCtrl},
		{Code: 'l', Mod: tea.ModCtrl}, {Code: 'j', Mod: tea.ModCtrl}, {Code: 'y', Mod: tea.ModCtrl},
		{Code: tea.KeyBackspace}, {Code: 'n', Mod: tea.ModCtrl}, {Code: 't', Text: "t"}, {Code: tea.KeyEnter}}
	k := keys[rng.IntN(len(keys))]
	m, cmd = step(m, k)
	if m.dialog != nil && rng.IntN(2) == 0 {
		var closing tea.Cmd
		m, closing = press(m, tea.KeyEscape, 0)
		cmd = tea.Batch(cmd, closing)
	}
	return m, "key " + k.String(), cmd
}

// randomLoaded is a saved conversation being opened, as loadConversation
// returns it.
func randomLoaded(rng *rand.Rand) loadedMsg {
	conv := session.Conversation{ID: session.NewID(), Title: "Saved 日本語 conversation", Created: testEpoch, Updated: testEpoch}
	var msgs []session.Message
	for i := range 1 + rng.IntN(6) {
		role, model := session.RoleUser, ""
		if i%2 == 1 {
			role, model = session.RoleAssistant, "accounts/fireworks/models/a-very-long-model-name-indeed"
		}
		parent := ""
		if i > 0 {
			parent = msgs[i-1].ID
		}
		msgs = append(msgs, session.Message{ID: session.NewID(), ConversationID: conv.ID, ParentID: parent, Role: role, Model: model,
			Content: randomChunks[rng.IntN(len(randomChunks))] + "saved", Created: testEpoch,
			Status: []session.Status{session.StatusComplete, session.StatusStreaming, session.StatusError}[rng.IntN(3)]})
	}
	return loadedMsg{conv: conv, msgs: msgs}
}

// checkStored compares what the store was told about each reply with the
// reply: its deltas add up to its text, and it was finished exactly once.
func checkStored(t *testing.T, j *recJournal, want map[*entry]string) {
	t.Helper()
	stored, finishes := map[string]string{}, map[string]int{}
	for _, op := range j.Ops() {
		switch op.Kind {
		case "add", "delta":
			stored[op.ID] += op.Text
		case "finish":
			finishes[op.ID]++
		}
	}
	for e := range want {
		if stored[e.id] != e.text.String() {
			t.Errorf("reply %s: the store got %q, the screen holds %q", e.id, stored[e.id], e.text.String())
		}
		if finishes[e.id] != 1 {
			t.Errorf("reply %s (%s) was finished %d times in the store", e.id, e.status, finishes[e.id])
		}
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
	if c := v.Cursor; c != nil && !cursorOnInput(m, v) {
		t.Fatalf("%s: the cursor at row %d is not on the input", when, c.Y)
	}
}
