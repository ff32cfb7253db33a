package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestTinyAndOddSizes: a terminal squeezed to nothing, or a size that
// arrives mid-stream, never panics and keeps the text.
func TestTinyAndOddSizes(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = sendPrompt(t, m, "hello")
	m = deliver(m, "Some **markdown** text\n\n```go\nfunc f() {}\n```\n")
	for _, size := range [][2]int{{1, 1}, {0, 0}, {3, 2}, {10, 3}, {500, 2}, {40, 200}, {80, 24}} {
		m, _ = step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		_ = m.View()
		m = deliver(m, " more")
		_ = m.View()
	}
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	if got := m.tr.last().text.String(); got != "Some **markdown** text\n\n```go\nfunc f() {}\n```\n more more more more more more more" {
		t.Errorf("text after resizes: %q", got)
	}
	if !strings.Contains(screen(m), "more more") {
		t.Errorf("the reply is not on screen after the resizes:\n%s", screen(m))
	}
}

// TestCtrlCClosesDialogs: ctrl+c in the model menu closes it (it types
// nothing into the filter); pressed again, it quits.
func TestCtrlCClosesDialogs(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = press(m, 'l', tea.ModCtrl)
	if m.focus != focusPicker {
		t.Fatal("ctrl+l did not open the model menu")
	}
	m, cmd := press(m, 'c', tea.ModCtrl)
	if m.focus != focusInput || cmd != nil {
		t.Fatalf("ctrl+c did not just close the menu: focus %v", m.focus)
	}
	if _, cmd = press(m, 'c', tea.ModCtrl); !hasQuit(cmd) {
		t.Error("a second ctrl+c did not quit")
	}
}
