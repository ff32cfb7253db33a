package convlist

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/filterlist"
)

// Model is the conversation list's state: a filterlist dialog of
// conversations, whose View, SetSize, SetNote and SetStyles it has, and
// the rename or delete under way. The zero value is not usable; call New.
type Model struct {
	filterlist.Model[item]
	keys KeyMap
	now  func() time.Time
	edit edit
}

// New returns a list of convs, in the order given (the store lists the
// newest first), with the first highlighted. Renaming and deleting are on.
func New(convs []session.Conversation, st filterlist.Styles) Model {
	keys := DefaultKeyMap()
	m := Model{Model: filterlist.New(config(st, keys, time.Now)), keys: keys, now: time.Now}
	m.SetItems(convs)
	return m
}

// SetNow sets the clock that relative dates ("5m ago") are measured
// against; tests pass a fixed one. It defaults to time.Now.
func (m *Model) SetNow(now func() time.Time) {
	m.now = now
	m.redraw()
}

// SetEditable turns renaming and deleting on or off, such as when nothing
// is saved; the hint names only the keys that work.
func (m *Model) SetEditable(on bool) {
	m.keys.Rename.SetEnabled(on)
	m.keys.Delete.SetEnabled(on)
	m.SetExtra(m.keys.extra())
}

// SetItems replaces the conversations, keeping the filter and, if it is
// still listed, the highlighted conversation.
func (m *Model) SetItems(convs []session.Conversation) {
	items := make([]item, 0, len(convs))
	for _, c := range convs {
		items = append(items, newItem(c))
	}
	m.Model.SetItems(items)
}

// Update handles key presses and pastes and returns what the owner should
// do. While a rename or a delete is under way the keys go to it: typing
// edits the title, or y and n answer the question. It does no I/O.
func (m *Model) Update(msg tea.Msg) (Action, tea.Cmd) {
	switch m.edit.kind {
	case editRename:
		return m.updateRename(msg), nil
	case editDelete:
		return m.updateDelete(msg), nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.keys.Rename):
			m.startEdit(editRename)
			return Action{}, nil
		case key.Matches(k, m.keys.Delete):
			m.startEdit(editDelete)
			return Action{}, nil
		}
	}
	act, cmd := m.Model.Update(msg)
	return fromList(act), cmd
}

// redraw hands the list a row renderer for the clock and the edit.
func (m *Model) redraw() {
	m.SetRender(renderRow(m.now, m.edit))
}
