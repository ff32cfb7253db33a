package convlist

import "github.com/lockchat/lockchat/ui/filterlist"

// Styles is how the dialog looks; it is the model menu's, so one set of
// styles themes both dialogs.
type Styles = filterlist.Styles

// DefaultStyles returns styles for a dark (isDark) or light terminal
// background.
func DefaultStyles(isDark bool) Styles { return filterlist.DefaultStyles(isDark) }
