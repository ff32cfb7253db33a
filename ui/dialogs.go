package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/convlist"
	"github.com/lockchat/lockchat/ui/picker"
)

// modelsMsg carries the server's model list (or why there is none).
type modelsMsg struct {
	ids []string
	err error
}

// fetchModels asks the server for its models in a command.
func fetchModels(c Chatter) tea.Cmd {
	return func() tea.Msg {
		ids, err := c.ListModels(context.Background())
		return modelsMsg{ids: ids, err: err}
	}
}

// openPicker shows the model menu and fetches the server's list.
func (m *Model) openPicker() tea.Cmd {
	// Lockchat's own models are always offered, then the configured ones.
	models := client.MergeModels(client.Builtin()["lockchat"].Models, m.opts.Models)
	m.picker = picker.New(models, m.model, m.styles.Dialog)
	m.picker.SetSize(m.width, m.tr.height)
	m.focus = focusPicker
	return fetchModels(m.opts.Client)
}

// handleModels adds the server's models to an open menu.
func (m *Model) handleModels(msg modelsMsg) tea.Cmd {
	if msg.err != nil {
		m.picker.SetNote("The server did not list its models: " + sanitizeLine(msg.err.Error()))
		return nil
	}
	m.picker.SetServerModels(msg.ids)
	return nil
}

// pickerKey passes keys to the menu and applies its choice.
func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	var act picker.Action
	var cmd tea.Cmd
	m.picker, act, cmd = m.picker.Update(msg)
	switch act.Kind {
	case picker.ActionChoose:
		m.focus = focusInput
		if act.Model != m.model {
			m.model = act.Model
			return tea.Batch(cmd, m.footer.push("Model: "+act.Model+" (from the next message on).", false, m.opts.Now()))
		}
	case picker.ActionClose:
		m.focus = focusInput
	}
	return cmd
}

// convsMsg carries the saved conversations for the list.
type convsMsg struct {
	convs []session.Conversation
	err   error
}

// openConvList shows the conversation list and loads it.
func (m *Model) openConvList() tea.Cmd {
	if m.opts.Reader == nil {
		return m.footer.push("No conversation store is open, so there is nothing to browse.", true, m.opts.Now())
	}
	m.convlist = convlist.New(nil, m.styles.Dialog)
	m.convlist.SetNow(m.opts.Now)
	m.convlist.SetSize(m.width, m.tr.height)
	m.convlist.SetNote("Loading…")
	m.focus = focusConvList
	r := m.opts.Reader
	return func() tea.Msg {
		convs, err := r.List(500, 0)
		return convsMsg{convs: convs, err: err}
	}
}

// handleConvs fills the list.
func (m *Model) handleConvs(msg convsMsg) tea.Cmd {
	if msg.err != nil {
		m.convlist.SetNote("Could not read saved conversations: " + sanitizeLine(msg.err.Error()))
		return nil
	}
	m.convlist.SetNote("")
	m.convlist.SetItems(msg.convs)
	return nil
}

// convListKey passes keys to the list and opens the chosen conversation.
func (m *Model) convListKey(msg tea.KeyPressMsg) tea.Cmd {
	var act convlist.Action
	var cmd tea.Cmd
	m.convlist, act, cmd = m.convlist.Update(msg)
	switch act.Kind {
	case convlist.ActionOpen:
		m.focus = focusInput
		return tea.Batch(cmd, loadConversation(m.opts.Reader, act.ID, false))
	case convlist.ActionClose:
		m.focus = focusInput
	}
	return cmd
}

// newChat starts an empty conversation (stopping a reply in progress).
func (m *Model) newChat() tea.Cmd {
	cmd := m.stop()
	m.tr.reset()
	m.layout()
	m.conv, m.convSaved = m.newConversation(), false
	return tea.Batch(cmd, m.footer.push("New conversation.", false, m.opts.Now()))
}
