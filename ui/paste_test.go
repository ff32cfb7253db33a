package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// longLog is a pasted terminal log: CRLF line ends, colour codes, tabs.
func longLog(lines int) (pasted, clean string) {
	var p, c strings.Builder
	for i := range lines {
		fmt.Fprintf(&p, "\x1b[31mERROR\x1b[0m\tline %d\r\n", i)
		fmt.Fprintf(&c, "ERROR\tline %d\n", i)
	}
	return p.String(), c.String()
}

// TestLongPasteIsAPlaceholder: a long paste shows as one short placeholder
// where it was pasted, so the textarea stays small, and the prompt sent
// holds the paste's text in its place, cleaned of terminal codes.
func TestLongPasteIsAPlaceholder(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = step(m, tea.PasteMsg{Content: "short\npaste"})
	if got := m.input.Value(); got != "short\npaste" {
		t.Fatalf("a short paste gave %q", got)
	}
	m.input.Reset()
	m, _ = step(m, tea.PasteMsg{Content: strings.Repeat("CR line ends\r", 150)}) // as terminals paste
	if got := m.input.Value(); got != "[pasted text #1: 150 lines]" {
		t.Fatalf("150 lines ended by CR gave %.60q", got)
	}
	m.input.Reset()
	m.pastes = pastes{}

	pasted, clean := longLog(2000)
	m = typeText(m, "Why does this fail? ")
	m, _ = step(m, tea.PasteMsg{Content: pasted})
	m = typeText(m, " Thanks.")
	want := "Why does this fail? [pasted text #1: 2,000 lines] Thanks."
	if got := m.input.Value(); got != want {
		t.Fatalf("input = %q, want %q", got, want)
	}
	if !strings.Contains(screen(m), "[pasted text #1: 2,000 lines]") {
		t.Errorf("the placeholder is not on screen:\n%s", screen(m))
	}
	m, _ = press(m, tea.KeyEnter, 0)
	sent := m.tr.entries[0].text.String()
	if sent != "Why does this fail? "+clean+" Thanks." {
		t.Errorf("sent %d bytes, want the paste cleaned in its place: %.120q…", len(sent), sent)
	}
	if m.input.Value() != "" || len(m.pastes.text) != 0 {
		t.Errorf("after sending: input %q, %d pastes kept", m.input.Value(), len(m.pastes.text))
	}
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "ok", ended: true})

	// Recalled, the long prompt is a placeholder again and sends the same text.
	m, _ = press(m, tea.KeyUp, 0)
	if v := m.input.Value(); len(v) > 100 || !strings.HasPrefix(v, "[pasted text #") {
		t.Fatalf("recalled a long prompt as %d bytes: %.80q", len(v), v)
	}
	m, _ = press(m, tea.KeyEnter, 0)
	if again := m.tr.entries[2].text.String(); again != sent {
		t.Errorf("the recalled prompt sent %d bytes, the first time %d", len(again), len(sent))
	}
}

// TestEditedPlaceholderStaysText: a placeholder the user changed is no
// longer one, and is sent as typed.
func TestEditedPlaceholderStaysText(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	pasted, _ := longLog(300)
	m, _ = step(m, tea.PasteMsg{Content: pasted})
	m, _ = press(m, tea.KeyBackspace, 0) // eats the closing bracket
	m, _ = press(m, tea.KeyEnter, 0)
	if got := m.tr.entries[0].text.String(); got != "[pasted text #1: 300 lines" {
		t.Errorf("sent %q", got)
	}
}

// TestCleanPaste: line ends become \n, colour codes and controls go, tabs
// and text stay.
func TestCleanPaste(t *testing.T) {
	in := "a\r\nb\rc\x1b[1;32mgreen\x1b[0m\td\x07e\u0085f\x00"
	if got, want := cleanPaste(in), "a\nb\ncgreen\tdef"; got != want {
		t.Errorf("cleanPaste(%q) = %q, want %q", in, got, want)
	}
}

// TestTokenCountHoldsTheLongPaste: the footer's count is what the prompt
// will cost as sent, with a long paste in full, not its placeholder; a
// placeholder deleted from the input no longer counts.
func TestTokenCountHoldsTheLongPaste(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	pasted, clean := longLog(2000)
	m = typeText(m, "Why? ")
	m, _ = step(m, tea.PasteMsg{Content: pasted})
	if got, want := m.tokensText(), shortCount(countTokens("Why? "+clean))+" tokens"; got != want {
		t.Errorf("count with a 2,000-line paste %q, want %q", got, want)
	}
	m.input.Reset()
	m = typeText(m, "Why? ")
	if got, want := m.tokensText(), shortCount(countTokens("Why? "))+" tokens"; got != want {
		t.Errorf("count with the placeholder deleted %q, want %q", got, want)
	}
}
