package picker

import "github.com/lockchat/lockchat/ui/filterlist"

// KeyMap is the dialog's key bindings. Keys not bound here that carry
// printable text are typed into the filter, so no binding may be a plain
// printable key.
type KeyMap = filterlist.KeyMap

// DefaultKeyMap returns the dialogs' default bindings.
func DefaultKeyMap() KeyMap { return filterlist.DefaultKeyMap() }
