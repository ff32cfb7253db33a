package convlist

import "github.com/lockchat/lockchat/ui/picker"

// KeyMap is the dialog's key bindings, the same as the model menu's.
type KeyMap = picker.KeyMap

// DefaultKeyMap returns the model menu's bindings, with Enter described
// as opening a conversation.
func DefaultKeyMap() KeyMap {
	k := picker.DefaultKeyMap()
	k.Choose.SetHelp("enter", "open")
	return k
}
