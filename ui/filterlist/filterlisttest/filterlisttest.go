// Package filterlisttest drives filter-list dialogs in tests: it types
// text and feeds messages to a dialog's Update.
package filterlisttest

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Updater is a dialog whose Update changes it in place and returns an
// action and a command, as filterlist.Model and the dialogs built on it do.
type Updater[A any] interface {
	Update(msg tea.Msg) (A, tea.Cmd)
}

// Typed returns the key presses for typing s.
func Typed(s string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range s {
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return msgs
}

// Send feeds msgs to m and returns the last action. The dialogs do no I/O,
// so a command from any Update fails the test.
func Send[A any](t testing.TB, m Updater[A], msgs ...tea.Msg) A {
	t.Helper()
	var act A
	for _, msg := range msgs {
		var cmd tea.Cmd
		act, cmd = m.Update(msg)
		if cmd != nil {
			t.Fatalf("Update(%v) returned a command", msg)
		}
	}
	return act
}
