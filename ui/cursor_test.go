package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestRealCursorSitsInTheInput checks that the terminal's cursor is placed
// on the input line (the app draws no blinking cursor of its own), follows
// typed text, and is hidden while a dialog has focus.
func TestRealCursorSitsInTheInput(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	v := m.View()
	if v.Cursor == nil {
		t.Fatal("no cursor on screen")
	}
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	if !cursorOnInput(m, v) || !strings.HasPrefix(lines[v.Cursor.Y], "›") {
		t.Fatalf("cursor on row %d, which is not the input: %q", v.Cursor.Y, lines[min(v.Cursor.Y, len(lines)-1)])
	}
	x0 := v.Cursor.X
	for _, r := range "abc" {
		nm, _ := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		m = nm.(*Model)
	}
	if v2 := m.View(); v2.Cursor == nil || v2.Cursor.X != x0+3 {
		t.Errorf("cursor did not follow the typed text: %+v, started at x=%d", v2.Cursor, x0)
	}
	nm, _ := m.Update(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	if v3 := nm.(*Model).View(); v3.Cursor != nil {
		t.Errorf("the input's cursor shows while the model menu is open")
	}
}

// TestCursorStaysOnTheInputAsItGrows: text the chat puts in the input
// itself (newlines, a paste it cleans, a recalled prompt) scrolls the input
// to its cursor at once, so the cursor never sits below the input.
func TestCursorStaysOnTheInputAsItGrows(t *testing.T) {
	onInput := func(m *Model, what string) {
		t.Helper()
		if v := m.View(); !cursorOnInput(m, v) {
			t.Errorf("%s: the cursor at %+v is not on the input", what, v.Cursor)
		}
	}
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	for range 12 {
		m, _ = press(m, 'j', tea.ModCtrl)
	}
	onInput(m, "twelve ctrl+j")
	m = newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = step(m, tea.PasteMsg{Content: strings.Repeat("a line\r\n", 60)})
	onInput(m, "a paste of 60 CRLF lines")
}
