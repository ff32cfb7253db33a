package filterlist

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// ActionKind says what the dialog's owner should do after an Update. The
// model menu and the conversation list return these too: the owner gives
// ActionChoose its meaning (switch model, open a conversation).
type ActionKind int

// The actions a dialog can ask for.
const (
	// ActionNone: nothing to do; keep the dialog open.
	ActionNone ActionKind = iota
	// ActionChoose: use the item Action.ID and close the dialog.
	ActionChoose
	// ActionClose: close the dialog without a change.
	ActionClose
)

// Action is the result of an Update. ID is set for ActionChoose and is the
// chosen item's ID.
type Action struct {
	Kind ActionKind
	ID   string
}

// Update handles key presses and pastes and returns what the owner should
// do; other messages it ignores. It does no I/O and returns no command
// today; the tea.Cmd is there so that the signature can stay the same if
// it ever must.
func (m *Model[T]) Update(msg tea.Msg) (Action, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg), nil
	case tea.PasteMsg:
		m.setFilter(appendFilter(m.filter, msg.Content))
	}
	return Action{}, nil
}

func (m *Model[T]) handleKey(msg tea.KeyPressMsg) Action {
	keys := m.cfg.Keys
	switch {
	case key.Matches(msg, keys.Choose):
		if it, ok := m.Selected(); ok {
			return Action{Kind: ActionChoose, ID: it.ID()}
		}
	case key.Matches(msg, keys.Close):
		return Action{Kind: ActionClose}
	case key.Matches(msg, keys.Backspace):
		m.setFilter(dropLastRune(m.filter))
	case key.Matches(msg, keys.ClearFilter):
		m.setFilter("")
	default:
		if !m.move(msg) {
			if t := TypedText(msg); t != "" {
				m.setFilter(appendFilter(m.filter, t))
			}
		}
	}
	return Action{}
}

// move handles the cursor keys and reports whether msg was one.
func (m *Model[T]) move(msg tea.KeyPressMsg) bool {
	keys := m.cfg.Keys
	switch {
	case key.Matches(msg, keys.Up):
		m.list.CursorUp()
	case key.Matches(msg, keys.Down):
		m.list.CursorDown()
	case key.Matches(msg, keys.PageUp):
		m.moveBy(-m.list.Paginator.PerPage)
	case key.Matches(msg, keys.PageDown):
		m.moveBy(m.list.Paginator.PerPage)
	case key.Matches(msg, keys.Top):
		m.list.GoToStart()
	case key.Matches(msg, keys.Bottom):
		m.list.GoToEnd()
	default:
		return false
	}
	return true
}

// moveBy moves the highlight by n rows, stopping at either end. Unlike the
// list's NextPage it also moves when everything fits on one page.
func (m *Model[T]) moveBy(n int) {
	last := len(m.list.Items()) - 1
	if last < 0 {
		return
	}
	m.list.Select(min(max(m.list.Index()+n, 0), last))
}
