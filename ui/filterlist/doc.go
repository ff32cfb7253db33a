// Package filterlist is a type-to-filter list dialog: a bordered box with a
// title, a filter line with a match count, the matching rows and a hint. It
// is the common part of the model menu (package picker) and the
// conversation list (package convlist), which supply the items, draw the
// rows and turn the dialog's Action into their own.
//
// Typing filters at once, with no "/" first; every word of the filter must
// occur in an item, in any case and order. Esc closes the dialog, filter
// or not (Ctrl+U clears the filter). The dialog never touches anything
// outside itself: Update returns an Action and the owner applies it.
//
// A Remote dialog leaves the matching to its owner, as a search does: the
// owner reads Filter after each key, finds the items itself (in a command)
// and hands them over with SetItems. Owners with keys of their own, such as
// rename and delete, name them in Config.Extra for the hint and may edit
// their items in place with Replace and Remove.
package filterlist
