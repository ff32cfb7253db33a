package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/convlist"
)

// convMenu is the list of saved conversations (package convlist) as one
// of the chat's dialogs: it takes the list when it is read and asks the
// chat to open the conversation chosen.
type convMenu struct{ convlist.Model }

// convsMsg carries the saved conversations for the list.
type convsMsg struct {
	convs []session.Conversation
	err   error
}

// openConversation loads a saved conversation in place of this one.
type openConversation struct{ id string }

// openConvMenu shows the conversation list and reads it in a command.
func (m *Model) openConvMenu() tea.Cmd {
	if m.opts.Reader == nil {
		m.footer.push("No conversation store is open, so there is nothing to browse.", true)
		return nil
	}
	d := &convMenu{convlist.New(nil, m.styles.Dialog)}
	d.SetNow(m.opts.Now)
	d.SetNote("Loading…")
	m.openDialog(d)
	r := m.opts.Reader
	return func() tea.Msg {
		convs, err := r.List(500, 0)
		return convsMsg{convs: convs, err: err}
	}
}

// Update fills the list when it has been read and passes keys to it.
func (d *convMenu) Update(msg tea.Msg) (action, tea.Cmd) {
	if msg, ok := msg.(convsMsg); ok {
		if msg.err != nil {
			d.SetNote("Could not read saved conversations: " + sanitizeLine(msg.err.Error()))
		} else {
			d.SetNote("")
			d.SetItems(msg.convs)
		}
		return nil, nil
	}
	act, cmd := d.Model.Update(msg)
	return listAction(act, func(id string) action { return openConversation{id: id} }), cmd
}

func (o openConversation) apply(m *Model) tea.Cmd {
	m.dialog = nil
	return loadConversation(m.opts.Reader, o.id, false)
}
