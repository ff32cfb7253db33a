package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/session"
)

// pastedPrompt sends the words typed around a pasted log of n lines.
func pastedPrompt(t *testing.T, n int, before, after string) *Model {
	t.Helper()
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	pasted, _ := longLog(n)
	m = typeText(m, before)
	m, _ = step(m, tea.PasteMsg{Content: pasted})
	m, _ = sendPrompt(t, m, after)
	return m
}

// A 5,000-line paste shows folded in the transcript: its first lines and
// a dim count of the rest; toggleFold shows it whole and folds it again.
func TestLongPromptIsFolded(t *testing.T) {
	m := pastedPrompt(t, 5000, "Why does this fail? ", " thanks")
	user := m.tr.entries[len(m.tr.entries)-2]
	if user.role != roleUser || !user.folded {
		t.Fatalf("entry %v, folded %v", user.role, user.folded)
	}
	// The label, the typed words with the first line of the log, five
	// more, the count and the separator.
	body := stripAll(user.lines[1 : len(user.lines)-1])
	if len(body) != foldKeep+1 {
		t.Fatalf("the folded prompt has %d lines:\n%s", len(body), strings.Join(body, "\n"))
	}
	if !strings.HasPrefix(body[0], "  Why does this fail? ERROR") || !strings.Contains(body[5], "line 5") {
		t.Errorf("the folded prompt does not start with its first lines:\n%s", strings.Join(body, "\n"))
	}
	if got := strings.TrimSpace(body[foldKeep]); got != "⋯ 4,995 more lines" {
		t.Errorf("the count line is %q", got)
	}
	if s := screen(m); strings.Contains(s, "line 6 ") || strings.Contains(s, "line 4999") {
		t.Errorf("the screen shows folded lines:\n%s", s)
	}
	if !user.toggleFold() {
		t.Fatal("a long prompt does not unfold")
	}
	m.tr.relayoutAll()
	if n := len(user.lines); n < 5000 || !strings.Contains(stripAll(user.lines)[5000], "line 4999") {
		t.Fatalf("unfolded, the prompt has %d lines", n)
	}
	sum := 0
	for _, e := range m.tr.entries {
		sum += len(e.lines)
	}
	if m.tr.total != sum {
		t.Errorf("after unfolding the transcript counts %d lines, its entries hold %d", m.tr.total, sum)
	}
	if !user.toggleFold() {
		t.Fatal("an unfolded prompt does not fold")
	}
	m.tr.relayoutAll()
	if len(user.lines) != foldKeep+3 {
		t.Errorf("folded again, the prompt has %d lines", len(user.lines))
	}
}

// A short prompt, and a reply, have nothing to fold; a prompt of one
// paragraph that wraps to many lines folds as they wrap.
func TestShortPromptsShowWhole(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	m, _ = sendPrompt(t, m, "one\nshort prompt")
	user, reply := m.tr.entries[len(m.tr.entries)-2], m.tr.last()
	if user.toggleFold() || reply.toggleFold() || len(user.lines) != 4 {
		t.Errorf("a short prompt folds, or shows %d lines", len(user.lines))
	}
	m = deliver(m, "done")
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	m, _ = step(m, tea.PasteMsg{Content: strings.Repeat("many words ", 400)})
	m, _ = sendPrompt(t, m, "")
	user = m.tr.entries[len(m.tr.entries)-2]
	body := stripAll(user.lines[1 : len(user.lines)-1])
	if len(body) != foldKeep+1 || !strings.Contains(body[foldKeep], "more lines") {
		t.Errorf("a long paragraph shows %d lines:\n%s", len(body), strings.Join(body, "\n"))
	}
}

// A conversation is titled by the words typed, not by the paste; a
// prompt that is only a paste by its placeholder. Saved prompts open
// folded.
func TestTitleFromTypedWords(t *testing.T) {
	m := pastedPrompt(t, 300, "", " why does the worker crash?")
	if m.conv.Title != "why does the worker crash?" {
		t.Errorf("titled %q", m.conv.Title)
	}
	m = pastedPrompt(t, 300, "", "")
	if m.conv.Title != "[pasted text #1: 300 lines]" {
		t.Errorf("a paste alone is titled %q", m.conv.Title)
	}
	_, log := longLog(300)
	conv := session.Conversation{ID: "c1", Title: "t"}
	msgs := []session.Message{{ID: "u1", ConversationID: "c1", Role: roleUser, Content: log, Status: session.StatusComplete}}
	m, _ = step(m, loadedMsg{conv: conv, msgs: msgs})
	if s := screen(m); !strings.Contains(s, "294 more lines") || strings.Contains(s, "line 200") {
		t.Errorf("a saved long prompt does not open folded:\n%s", s)
	}
}

func stripAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = ansi.Strip(l)
	}
	return out
}

// In select mode, space opens the selected long prompt and closes it again.
func TestSpaceUnfoldsTheSelectedPrompt(t *testing.T) {
	m := pastedPrompt(t, 500, "Why? ", "")
	m = deliver(m, "Because.")
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	user := m.sel.at
	if user == nil || user.role != roleUser || !user.folded {
		t.Fatalf("selected %v, want the folded prompt", user)
	}
	m, _ = press(m, tea.KeySpace, 0)
	if user.folded || len(user.lines) < 500 {
		t.Errorf("space left the prompt folded (%d lines)", len(user.lines))
	}
	_, _ = press(m, tea.KeySpace, 0)
	if !user.folded || len(user.lines) != foldKeep+3 {
		t.Errorf("a second space did not fold it again (%d lines)", len(user.lines))
	}
}
