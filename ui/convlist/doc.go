// Package convlist is the list of saved conversations: a dialog that shows
// them newest first and returns the one the user opens. It never loads
// anything itself; the root lists conversations in a command, hands them
// over with SetItems and applies the filterlist.Action that Update returns.
//
// It is a filterlist dialog like the model menu in package picker: typing
// filters at once (on titles and model names), Esc closes the dialog,
// filter or not.
//
// Ctrl+R renames the highlighted conversation in its row (Enter saves,
// Esc keeps the old title) and Ctrl+D deletes it once y answers the
// question the dialog asks. The dialog shows the change at once and
// returns ActionRename or ActionDelete; storing it is the owner's job.
package convlist
