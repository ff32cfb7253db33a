package filterlist

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the dialog's key bindings. Keys not bound here that carry
// printable text are typed into the filter, so no binding may be a plain
// printable key.
type KeyMap struct {
	Up          key.Binding
	Down        key.Binding
	PageUp      key.Binding
	PageDown    key.Binding
	Top         key.Binding
	Bottom      key.Binding
	Choose      key.Binding
	Close       key.Binding
	Backspace   key.Binding
	ClearFilter key.Binding
}

// DefaultKeyMap returns the dialogs' default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "move up")),
		Down:        key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "move down")),
		PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:         key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		Bottom:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Choose:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Close:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Backspace:   key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("backspace", "edit filter")),
		ClearFilter: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear filter")),
	}
}

// ShortHelp returns the bindings worth a one-line hint.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.Close}
}

// FullHelp returns every binding, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Choose, k.Close, k.Backspace, k.ClearFilter},
	}
}

// hint is the dialog's last line: how to filter, move, choose and close,
// with each key as it is bound and the words its help gives.
func (k KeyMap) hint() string {
	parts := []string{"type to filter"}
	if k.Up.Enabled() && k.Down.Enabled() {
		parts = append(parts, k.Up.Help().Key+"/"+k.Down.Help().Key+" move")
	}
	for _, b := range []key.Binding{k.Choose, k.Close} {
		if b.Enabled() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(parts, " · ")
}
