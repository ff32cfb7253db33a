package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/ui/picker"
)

// modelMenu is the model menu (package picker) as one of the chat's
// dialogs: it takes the server's list when it arrives and asks the chat
// to switch to the model chosen.
type modelMenu struct{ picker.Model }

// modelsMsg carries the server's model list (or why there is none).
type modelsMsg struct {
	ids []string
	err error
}

// chooseModel switches the chat to a model from the next message on.
type chooseModel struct{ model string }

// fetchModels asks the server for its models in a command.
func fetchModels(c Chatter) tea.Cmd {
	return func() tea.Msg {
		ids, err := c.ListModels(context.Background())
		return modelsMsg{ids: ids, err: err}
	}
}

// openModelMenu shows the model menu and fetches the server's list.
func (m *Model) openModelMenu() tea.Cmd {
	// Lockchat's own models are always offered, then the configured ones.
	models := client.MergeModels(client.Builtin()["lockchat"].Models, m.opts.Models)
	m.openDialog(&modelMenu{picker.New(models, m.model, m.styles.Dialog)})
	return fetchModels(m.opts.Client)
}

// Update adds the server's models when they arrive and passes keys to the
// menu.
func (d *modelMenu) Update(msg tea.Msg) (action, tea.Cmd) {
	if msg, ok := msg.(modelsMsg); ok {
		if msg.err != nil {
			d.SetNote("The server did not list its models: " + sanitizeLine(msg.err.Error()))
		} else {
			d.SetServerModels(msg.ids)
		}
		return nil, nil
	}
	act, cmd := d.Model.Update(msg)
	return listAction(act, func(id string) action { return chooseModel{model: id} }), cmd
}

func (c chooseModel) apply(m *Model) tea.Cmd {
	m.dialog = nil
	if c.model == m.model {
		return nil
	}
	m.model = c.model
	m.footer.push("Model: "+c.model+" (from the next message on).", false)
	return nil
}
