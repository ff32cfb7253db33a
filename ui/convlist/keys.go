package convlist

import (
	"charm.land/bubbles/v2/key"

	"github.com/lockchat/lockchat/ui/filterlist"
)

// KeyMap is the dialog's key bindings: the model menu's, and the keys that
// rename and delete the highlighted conversation. Rename and Delete carry
// Ctrl so that typing still filters; Yes and No answer the question a
// delete asks, when nothing is being typed.
type KeyMap struct {
	filterlist.KeyMap
	Rename key.Binding
	Delete key.Binding
	Yes    key.Binding
	No     key.Binding
}

// DefaultKeyMap returns the model menu's bindings, with Enter described
// as opening a conversation, and ctrl+r, ctrl+d, y and n.
func DefaultKeyMap() KeyMap {
	k := filterlist.DefaultKeyMap()
	k.Choose.SetHelp(k.Choose.Help().Key, "open")
	return KeyMap{
		KeyMap: k,
		Rename: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "rename")),
		Delete: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "delete")),
		Yes:    key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "delete")),
		No:     key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "keep")),
	}
}

// extra is what the hint names besides the list's own keys.
func (k KeyMap) extra() []key.Binding { return []key.Binding{k.Rename, k.Delete} }
