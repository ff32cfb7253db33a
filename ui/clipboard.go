package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
)

// copyReply puts the newest reply's text on the system clipboard. The
// terminal does the copying (OSC 52), so it works over SSH too. The text
// copied is the sanitised one shown on screen: a reply's control
// characters must not reach a terminal later through a paste either.
func (m *Model) copyReply() tea.Cmd {
	e := m.lastReply()
	if e == nil {
		m.footer.push("No reply to copy yet.", false)
		return nil
	}
	text := e.shown()
	// The terminal does not say whether it took the text (some refuse
	// OSC 52), so the notice says what was sent, not that it arrived.
	m.footer.push(fmt.Sprintf("Sent the reply (%s) to the clipboard through the terminal (OSC 52).",
		plural(len([]rune(text)), "character")), false)
	return tea.SetClipboard(text)
}

// lastReply is the newest assistant message with text, streaming or not.
func (m *Model) lastReply() *entry {
	for i := len(m.tr.entries) - 1; i >= 0; i-- {
		if e := m.tr.entries[i]; e.role == client.RoleAssistant && e.shown() != "" {
			return e
		}
	}
	return nil
}

// plural spells a count with its noun: "1 character", "1,204 characters".
func plural(n int, noun string) string {
	s := groupThousands(n) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
