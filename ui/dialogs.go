package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/ui/filterlist"
)

// dialog is a box drawn over the transcript that takes the keys while it
// is open. It never touches the chat: Update returns an action, and the
// root applies it. A new dialog is one file: its type, the message its
// command returns, its actions and the function that opens it.
type dialog interface {
	// Update handles a key press, a paste or a message meant for the
	// dialog, such as the result of a fetch it started; it ignores others.
	Update(msg tea.Msg) (action, tea.Cmd)
	// View draws the box; the root places it over the transcript.
	View() string
	// SetSize tells the dialog the size of the area it is drawn over.
	SetSize(width, height int)
	// SetStyles restyles it when the terminal's background is known.
	SetStyles(st filterlist.Styles)
}

// action is what a dialog asks of the chat; nil asks nothing and keeps the
// dialog open. Only the root calls apply, from Update.
type action interface {
	apply(m *Model) tea.Cmd
}

// closeDialog closes the dialog without a change.
type closeDialog struct{}

func (closeDialog) apply(m *Model) tea.Cmd {
	m.dialog = nil
	return nil
}

// listAction turns a filterlist dialog's result into the chat's: Esc
// closes, and a choice becomes what choose makes of the chosen item's ID.
func listAction(act filterlist.Action, choose func(id string) action) action {
	switch act.Kind {
	case filterlist.ActionChoose:
		return choose(act.ID)
	case filterlist.ActionClose:
		return closeDialog{}
	}
	return nil
}

// openDialog shows d over the transcript, sized to it.
func (m *Model) openDialog(d dialog) {
	d.SetSize(m.width, m.tr.height)
	m.dialog = d
}

// updateDialog hands msg to the open dialog and applies what it asks.
func (m *Model) updateDialog(msg tea.Msg) tea.Cmd {
	act, cmd := m.dialog.Update(msg)
	if act == nil {
		return cmd
	}
	return tea.Batch(cmd, act.apply(m))
}

// dialogKey handles a key while a dialog is open. The quit key keeps its
// meaning: it closes the dialog and stops the reply, or quits.
func (m *Model) dialogKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Quit) {
		m.dialog = nil
		return m.stopOrQuit()
	}
	return m.updateDialog(msg)
}
