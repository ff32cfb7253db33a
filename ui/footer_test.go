package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// statusLine is the row above the key help, as plain text, without the
// token count at its right.
func statusLine(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return withoutCount(lines[len(lines)-2])
}

// tokenCountAtRight matches the token count that ends the status row.
var tokenCountAtRight = regexp.MustCompile(`\s*\d[\d.]*[kM]? (?:/ \d[\d.]*[kM]?|tokens)$`)

// withoutCount is a status row without its token count.
func withoutCount(row string) string { return tokenCountAtRight.ReplaceAllString(row, "") }

// keyHelpLine is the last row, as plain text.
func keyHelpLine(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-1]
}

// cursorOnInput reports whether v's cursor sits on one of the input's
// rows: below the separator, above the status row, after the prompt.
func cursorOnInput(m *Model, v tea.View) bool {
	c := v.Cursor
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	top := m.cache.inputTop
	if c == nil || top < 1 || top+m.input.Height()+2 > len(lines) || !strings.HasPrefix(lines[top-1], "─") {
		return false
	}
	return c.Y >= top && c.Y < top+m.input.Height() && c.X >= 2
}

// TestKeyHelpKeepsItsRow: whatever the status row says (a long notice, the
// streaming state, the scrolled state), the last row is the whole key
// help, as it is with nothing to say.
func TestKeyHelpKeepsItsRow(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 120, 24)
	idle := keyHelpLine(m)
	if !strings.HasPrefix(idle, "enter send • ctrl+j newline") || strings.TrimSpace(statusLine(m)) != "" {
		t.Fatalf("idle rows: status %q, help %q", statusLine(m), idle)
	}
	m.footer.push(strings.Repeat("A notice that goes on and on. ", 10), true)
	m.cache.screenValid = false
	if keyHelpLine(m) != idle || !strings.HasPrefix(statusLine(m), "A notice that goes on") {
		t.Errorf("with a notice: status %q, help %q", statusLine(m), keyHelpLine(m))
	}
	if w := ansi.StringWidth(statusLine(m)); w > 120 {
		t.Errorf("the status row is %d wide", w)
	}
	m.footer.clear()
	m, _ = sendPrompt(t, m, "count")
	m = deliver(m, bodyLines(0, 40))
	m, _ = press(m, tea.KeyPgUp, 0)
	if keyHelpLine(m) != idle || !strings.Contains(statusLine(m), "● streaming gpt-4") ||
		!strings.Contains(statusLine(m), "ctrl+end follows · esc stops") {
		t.Errorf("while streaming, scrolled up: status %q, help %q", statusLine(m), keyHelpLine(m))
	}
}

// TestEveryNoticeExpires: a notice pushed by any handler (here one the
// test pushes itself, as a handler that drops no command would) gets its
// expiry from Update, once; its tick clears it and a stale tick does not
// clear a newer one. A warning stays longer than a notice.
func TestEveryNoticeExpires(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m.footer.push("first", false)
	m, cmd := step(m, tea.KeyPressMsg{Code: 'x', Text: "x"})
	if ticks := only[noticeExpiredMsg](run(cmd)); len(ticks) != 1 || ticks[0].seq != m.footer.seq {
		t.Fatalf("no expiry scheduled for a new notice")
	}
	if _, cmd = step(m, tea.KeyPressMsg{Code: 'y', Text: "y"}); len(only[noticeExpiredMsg](run(cmd))) != 0 {
		t.Errorf("a second expiry was scheduled for the same notice")
	}
	first := m.footer.seq
	m.footer.push("second", true)
	m, _ = step(m, noticeExpiredMsg{seq: first})
	if !strings.Contains(statusLine(m), "second") {
		t.Errorf("the first notice's tick cleared the second: %q", statusLine(m))
	}
	m, _ = step(m, noticeExpiredMsg{seq: m.footer.seq})
	if strings.TrimSpace(statusLine(m)) != "" {
		t.Errorf("the notice outlived its tick: %q", statusLine(m))
	}
	if noticeLife >= warningLife || warningLife > 10*time.Second {
		t.Errorf("lives: notice %v, warning %v", noticeLife, warningLife)
	}
}

// TestNoticesEndWithTheAction: a notice is about the last thing done; the
// next action clears it. "Still streaming" goes once the reply is
// stopped, a model switch's notice once the next prompt is sent.
func TestNoticesEndWithTheAction(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 100, 24)
	m, _ = sendPrompt(t, m, "one")
	m = typeText(m, "two")
	m, _ = press(m, tea.KeyEnter, 0)
	if !strings.Contains(statusLine(m), "A reply is still streaming") {
		t.Fatalf("no notice for a prompt sent too soon: %q", statusLine(m))
	}
	m, _ = press(m, tea.KeyEscape, 0)
	if s := statusLine(m); strings.TrimSpace(s) != "" {
		t.Errorf("after Esc the status row still says %q", s)
	}
	m, _ = press(m, 'l', tea.ModCtrl)
	m, _ = press(m, tea.KeyDown, 0)
	m, _ = press(m, tea.KeyEnter, 0)
	if !strings.Contains(statusLine(m), "Model: gpt-3.5-turbo") {
		t.Fatalf("no notice for the model switch: %q", statusLine(m))
	}
	m = typeText(m, "x") // typing is not an action: the notice stays
	if !strings.Contains(statusLine(m), "Model: gpt-3.5-turbo") {
		t.Errorf("typing cleared the notice")
	}
	m, _ = press(m, tea.KeyEnter, 0)
	if s := statusLine(m); strings.Contains(s, "Model:") || !strings.Contains(s, "● streaming gpt-3.5-turbo") {
		t.Errorf("after sending the status row says %q", s)
	}
}

// TestNewChatWhileStreaming: Ctrl+N during a reply stops it and says so.
func TestNewChatWhileStreaming(t *testing.T) {
	m, j := newRecorded(t, 100, 24)
	m, msgs := sendPrompt(t, m, "tell me")
	m, _ = settle(t, m, msgs)
	m, _ = step(m, chunkMsg{id: m.stream.id, text: "Once upon"})
	m, cmd := step(m, frameMsg{})
	m, _ = settleStore(t, m, cmd)
	m, cmd = press(m, 'n', tea.ModCtrl)
	m, _ = settleStore(t, m, cmd)
	if m.stream.active || len(m.tr.entries) != 0 {
		t.Fatalf("Ctrl+N: streaming %v, %d entries", m.stream.active, len(m.tr.entries))
	}
	if s := statusLine(m); !strings.Contains(s, "The reply was stopped and saved. New conversation.") {
		t.Errorf("status row after Ctrl+N: %q", s)
	}
	if ops := j.Ops(); ops[len(ops)-1].Kind != "finish" || ops[len(ops)-1].Status != "stopped" {
		t.Errorf("the stopped reply was not saved as stopped: %v", ops[len(ops)-1])
	}
	// Idle, it says only that the conversation is new.
	m, _ = press(m, 'n', tea.ModCtrl)
	if s := statusLine(m); !strings.HasPrefix(s, "New conversation.") {
		t.Errorf("status row after an idle Ctrl+N: %q", s)
	}
	// With no store, it does not claim the reply was saved.
	m = newSized(t, testOptions(newTestClock()), 100, 24)
	m, _ = sendPrompt(t, m, "hi")
	m, _ = press(m, 'n', tea.ModCtrl)
	if s := statusLine(m); !strings.HasPrefix(s, "The reply was stopped. New conversation.") {
		t.Errorf("status row after Ctrl+N without a store: %q", s)
	}
}

// TestSelectHelpFits: at 80 columns and wider, select mode's key help
// shows its hints whole, never cut with "…", each pair of keys grouped;
// narrower, it leaves hints out (the least needed first) before any is cut.
func TestSelectHelpFits(t *testing.T) {
	for _, c := range []struct {
		width      int
		want, gone []string
	}{
		{120, []string{"tab back", "j/k move", "y copy", "c code", "r regen", "e edit", "h/l branch", "d delete", "space fold"}, nil},
		{80, []string{"tab back", "j/k move", "y copy", "c code", "r regen", "e edit", "h/l branch", "d delete"}, []string{"fold"}},
		{50, []string{"tab back", "j/k move", "y copy", "c code"}, []string{"edit", "branch", "delete", "fold"}},
		{30, []string{"tab back", "y copy", "c code"}, []string{"move", "regen"}},
		{20, []string{"tab back", "y copy"}, []string{"code"}},
	} {
		m := chatWith(t, c.width, 20, "q", "a")
		m, _ = press(m, tea.KeyTab, 0)
		lines := strings.Split(screen(m), "\n")
		row := lines[len(lines)-1]
		if strings.Contains(row, "…") || ansi.StringWidth(row) > c.width {
			t.Errorf("at %d columns the select-mode help is cut: %q", c.width, row)
		}
		for _, w := range c.want {
			if !strings.Contains(row, w) {
				t.Errorf("at %d columns the select-mode help lacks %q: %q", c.width, w, row)
			}
		}
		for _, g := range c.gone {
			if strings.Contains(row, g) {
				t.Errorf("at %d columns the select-mode help still has %q: %q", c.width, g, row)
			}
		}
	}
}

// TestSelectHelpNamesKeysAsBound: rebound keys are what the select-mode
// help names; a pair with one key off names the other alone.
func TestSelectHelpNamesKeysAsBound(t *testing.T) {
	keys, err := DefaultKeyMap().ApplyKeys(map[string][]string{
		"select_next": {"ctrl+n"}, "select_previous": {"ctrl+p"}, "new": {"ctrl+b"}, "branch_next": {}})
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(newTestClock())
	opts.Keys = keys
	m := newSized(t, opts, 120, 20)
	m, _ = sendPrompt(t, m, "q")
	m, _ = press(m, tea.KeyTab, 0)
	lines := strings.Split(screen(m), "\n")
	row := lines[len(lines)-1]
	for _, w := range []string{"ctrl+n/ctrl+p move", "←/h branch"} {
		if !strings.Contains(row, w) {
			t.Errorf("the help lacks %q: %q", w, row)
		}
	}
}
