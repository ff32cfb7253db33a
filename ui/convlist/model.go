package convlist

import (
	"time"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/filterlist"
)

// Model is the conversation list's state: a filterlist dialog of
// conversations, whose Update, View, SetSize, SetNote and SetStyles it
// has. Its Update returns a filterlist.Action whose ID, for ActionChoose,
// is the conversation to open. The zero value is not usable; call New.
type Model struct {
	filterlist.Model[item]
}

// New returns a list of convs, in the order given (the store lists the
// newest first), with the first highlighted.
func New(convs []session.Conversation, st filterlist.Styles) Model {
	m := Model{filterlist.New(config(st, time.Now))}
	m.SetItems(convs)
	return m
}

// SetNow sets the clock that relative dates ("5m ago") are measured
// against; tests pass a fixed one. It defaults to time.Now.
func (m *Model) SetNow(now func() time.Time) {
	m.SetRender(renderRow(now))
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
