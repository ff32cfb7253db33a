package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/convlist"
)

// convMenu is the list of saved conversations (package convlist) as one
// of the chat's dialogs: it takes the list when it is read and asks the
// chat to open, rename or delete the conversation chosen.
type convMenu struct{ convlist.Model }

// convsMsg carries the saved conversations for the list.
type convsMsg struct {
	convs []session.Conversation
	err   error
}

// openConversation loads a saved conversation in place of this one.
type openConversation struct{ id string }

// openConvMenu shows the conversation list and reads it in a command.
// Renaming and deleting need somewhere to save: without a journal they
// are off.
func (m *Model) openConvMenu() tea.Cmd {
	if m.opts.Reader == nil {
		m.footer.push("No conversation store is open, so there is nothing to browse.", true)
		return nil
	}
	d := &convMenu{convlist.New(nil, m.styles.Dialog)}
	d.SetNow(m.opts.Now)
	d.SetEditable(m.opts.Journal != nil)
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
	switch act.Kind {
	case convlist.ActionOpen:
		return openConversation{id: act.ID}, cmd
	case convlist.ActionClose:
		return closeDialog{}, cmd
	case convlist.ActionRename:
		return renameConversation{id: act.ID, title: act.Title}, cmd
	case convlist.ActionDelete:
		return deleteConversation{id: act.ID, title: act.Title}, cmd
	}
	return nil, cmd
}

func (o openConversation) apply(m *Model) tea.Cmd {
	m.dialog = nil
	return loadConversation(m.opts.Reader, o.id, false)
}

// renameConversation stores a new title; the list stays open.
type renameConversation struct{ id, title string }

// deleteConversation deletes a conversation; the list stays open.
type deleteConversation struct{ id, title string }

// apply saves the title through the journal, after the writes already
// queued, and shows it in the header when it is the open conversation's.
func (r renameConversation) apply(m *Model) tea.Cmd {
	id, title := r.id, r.title
	m.queue(func(j Journal) session.Notice { return j.Rename(id, title) })
	if id == m.conv.ID {
		m.conv.Title = title
	}
	m.footer.push("Renamed to “"+title+"”.", false)
	return m.persist()
}

// apply deletes through the journal, after the writes already queued. The
// open conversation is replaced by a new one first, so that a reply it
// was streaming is stopped and saved before the conversation goes.
func (d deleteConversation) apply(m *Model) tea.Cmd {
	var cmd tea.Cmd
	notice := "Deleted “" + d.title + "”."
	if d.id == m.conv.ID {
		cmd = m.newChat()
		notice = "Deleted “" + d.title + "”; this is a new conversation."
	}
	id := d.id
	m.queue(func(j Journal) session.Notice { return j.Delete(id) })
	m.footer.push(notice, false)
	return tea.Batch(cmd, m.persist())
}
