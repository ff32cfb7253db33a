package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The window title follows the conversation, and on the way out the
// terminal gets back the title it had. Bubble Tea blanks a title set
// through the View when the program ends, so the chat sets it itself: it
// asks the terminal to save its title (XTWINOPS 22) at start, sets its
// own only once the program has written that request, and before quitting
// has the terminal restore the saved one (XTWINOPS 23). A terminal without
// a title stack keeps the chat's last title instead of a blank one.

// titleState is what the chat has told the terminal about its title.
type titleState struct {
	saved bool   // the terminal has been asked to save its title
	shown string // the title last set
}

// saveTitle and restoreTitle are the escape sequences the program writes
// (tea.Raw); as RawMsg they come back to Update once written.
type (
	saveTitle    struct{}
	restoreTitle struct{}
)

// String is the sequence: push the icon and window titles on the stack.
func (saveTitle) String() string { return ansi.WindowOp(22, 0) }

// String is the sequence: pop them.
func (restoreTitle) String() string { return ansi.WindowOp(23, 0) }

// windowTitle follows the conversation's title.
func (m *Model) windowTitle() string {
	if m.conv.Title == "" {
		return "lockchat"
	}
	return sanitizeLine(m.conv.Title) + " — lockchat"
}

// syncTitle sets the window title when it changed, once the terminal's
// own is saved.
func (m *Model) syncTitle() tea.Cmd {
	if !m.title.saved || m.quitting {
		return nil
	}
	t := m.windowTitle()
	if t == m.title.shown {
		return nil
	}
	m.title.shown = t
	return tea.Raw(ansi.SetWindowTitle(t))
}

// handleRaw follows the title sequences the program has written: once the
// terminal saved its title the chat may set its own; once it restored it
// the chat quits.
func (m *Model) handleRaw(msg tea.RawMsg) tea.Cmd {
	switch msg.Msg.(type) {
	case saveTitle:
		m.title.saved = true
	case restoreTitle:
		return tea.Quit
	}
	return nil
}

// quit ends the program: after the terminal's title is restored if the
// chat changed it, at once otherwise.
func (m *Model) quit() tea.Cmd {
	if !m.title.saved {
		return tea.Quit
	}
	return tea.Raw(restoreTitle{})
}
