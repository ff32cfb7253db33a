// Package convlist is the list of saved conversations: a dialog that shows
// them newest first and returns the one the user opens. It never loads
// anything itself; the root lists conversations in a command, hands them
// over with SetItems and applies the Action that Update returns.
//
// It is a filterlist dialog like the model menu in package picker: typing
// filters at once (on titles and model names), Esc clears a non-empty
// filter and closes the dialog when the filter is already empty.
package convlist
