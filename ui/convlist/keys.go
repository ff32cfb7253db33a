package convlist

import "github.com/lockchat/lockchat/ui/filterlist"

// KeyMap is the dialog's key bindings, the same as the model menu's.
type KeyMap = filterlist.KeyMap

// DefaultKeyMap returns the model menu's bindings, with Enter described
// as opening a conversation.
func DefaultKeyMap() KeyMap {
	k := filterlist.DefaultKeyMap()
	k.Choose.SetHelp(k.Choose.Help().Key, "open")
	return k
}
