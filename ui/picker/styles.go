package picker

import "github.com/lockchat/lockchat/ui/filterlist"

// Styles is how a dialog looks. The root passes its own so that the dialogs
// follow the chat's theme; DefaultStyles is a complete starting point.
type Styles = filterlist.Styles

// DefaultStyles returns styles for a dark (isDark) or light terminal
// background.
func DefaultStyles(isDark bool) Styles { return filterlist.DefaultStyles(isDark) }
