package picker

import (
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/ui/filterlist"
)

// ActionKind says what the root should do after an Update.
type ActionKind int

// The actions a picker can ask for.
const (
	// ActionNone: nothing for the root to do; keep the dialog open.
	ActionNone ActionKind = iota
	// ActionChoose: switch to Action.Model and close the dialog.
	ActionChoose
	// ActionClose: close the dialog without a change.
	ActionClose
)

// Action is the result of an Update. Model is set for ActionChoose and is
// the id exactly as it was given to New or SetServerModels.
type Action struct {
	Kind  ActionKind
	Model string
}

// Model is the model menu's state. It is a value: Update returns the new
// state and the zero value is not usable; call New.
type Model struct {
	list    filterlist.Model[item]
	base    []string // models given to New, in order
	server  []string // models from the server, in order
	current string
}

// New returns a menu listing models, with current marked and highlighted.
// If current is not among models it is added, so it can always be seen.
func New(models []string, current string, st filterlist.Styles) Model {
	m := Model{
		list:    filterlist.New(config(current, st)),
		base:    models,
		current: current,
	}
	m.list.SetItems(merge(m.base, m.current, m.server))
	return m
}

// SetServerModels adds the models the server reported after the built-in
// and configured ones, dropping duplicates. Calling it again replaces the
// earlier server list. The highlighted model stays highlighted. The note
// is left as it is; SetNote("") clears it.
func (m *Model) SetServerModels(ids []string) {
	m.server = ids
	m.list.SetItems(merge(m.base, m.current, m.server))
}

// SetNote shows a line such as "could not fetch server models: …" below
// the list; "" removes it. The text is made safe for the terminal.
func (m *Model) SetNote(note string) { m.list.SetNote(note) }

// SetStyles restyles the menu.
func (m *Model) SetStyles(st filterlist.Styles) { m.list.SetStyles(st) }

// SetSize tells the dialog the terminal's size; the dialog picks its own
// size from it and the root centres the result.
func (m *Model) SetSize(width, height int) { m.list.SetSize(width, height) }

// Update handles key presses and pastes, and returns what the root should
// do. It does no I/O and returns no command today; the tea.Cmd is there so
// that the signature can stay the same if it ever must.
func (m Model) Update(msg tea.Msg) (Model, Action, tea.Cmd) {
	var act filterlist.Action
	var cmd tea.Cmd
	m.list, act, cmd = m.list.Update(msg)
	return m, fromList(act), cmd
}

// fromList turns the dialog's action into the root's.
func fromList(act filterlist.Action) Action {
	switch act.Kind {
	case filterlist.ActionChoose:
		return Action{Kind: ActionChoose, Model: act.ID}
	case filterlist.ActionClose:
		return Action{Kind: ActionClose}
	}
	return Action{}
}

// View renders the dialog box: title, filter, models, note and hint.
func (m Model) View() string { return m.list.View() }
