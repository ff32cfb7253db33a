package convlist

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/filterlist"
)

// ActionKind says what the root should do after an Update.
type ActionKind int

// The actions the list can ask for.
const (
	// ActionNone: nothing for the root to do; keep the dialog open.
	ActionNone ActionKind = iota
	// ActionOpen: load the conversation Action.ID and close the dialog.
	ActionOpen
	// ActionClose: close the dialog without a change.
	ActionClose
)

// Action is the result of an Update. ID is set for ActionOpen.
type Action struct {
	Kind ActionKind
	ID   string
}

// Model is the conversation list's state. It is a value: Update returns the
// new state and the zero value is not usable; call New.
type Model struct {
	list filterlist.Model[item]
}

// New returns a list of convs, in the order given (the store lists the
// newest first), with the first highlighted.
func New(convs []session.Conversation, st filterlist.Styles) Model {
	m := Model{list: filterlist.New(config(st, time.Now))}
	m.SetItems(convs)
	return m
}

// SetNow sets the clock that relative dates ("5m ago") are measured
// against; tests pass a fixed one. It defaults to time.Now.
func (m *Model) SetNow(now func() time.Time) {
	m.list.SetRender(renderRow(now))
}

// SetItems replaces the conversations, keeping the filter and, if it is
// still listed, the highlighted conversation.
func (m *Model) SetItems(convs []session.Conversation) {
	items := make([]item, 0, len(convs))
	for _, c := range convs {
		items = append(items, newItem(c))
	}
	m.list.SetItems(items)
}

// SetNote shows a line such as "could not load conversations: …" below
// the list; "" removes it. The text is made safe for the terminal.
func (m *Model) SetNote(note string) { m.list.SetNote(note) }

// SetStyles restyles the list.
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
		return Action{Kind: ActionOpen, ID: act.ID}
	case filterlist.ActionClose:
		return Action{Kind: ActionClose}
	}
	return Action{}
}

// View renders the dialog box: title, filter, conversations, note and hint.
func (m Model) View() string { return m.list.View() }
