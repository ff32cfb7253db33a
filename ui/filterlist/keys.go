package filterlist

import (
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
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

// hintParts are the pieces of the dialog's hint: what typing does, then
// how to move, choose, use the extra keys and close, with each key as it
// is bound and the words its help gives.
func (k KeyMap) hintParts(typing string, extra []key.Binding) []string {
	if typing == "" {
		typing = "type to filter"
	}
	parts := []string{typing}
	if k.Up.Enabled() && k.Down.Enabled() {
		parts = append(parts, k.Up.Help().Key+"/"+k.Down.Help().Key+" move")
	}
	bindings := append(append([]key.Binding{k.Choose}, extra...), k.Close)
	for _, b := range bindings {
		if b.Enabled() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return parts
}

// joinHint joins parts with " · " into lines of at most width cells,
// breaking only between parts (a part wider than a line is cut later).
func joinHint(parts []string, width int) []string {
	var lines []string
	line := ""
	for _, p := range parts {
		switch {
		case line == "":
			line = p
		case ansi.StringWidth(line+" · "+p) <= width:
			line += " · " + p
		default:
			lines = append(lines, line)
			line = p
		}
	}
	return append(lines, line)
}
