// Package picker is the model menu: a dialog that lists the models the chat
// can use and returns the one the user picks. It never touches chat state;
// Update returns a filterlist.Action and the root applies it. The dialog
// itself is a filterlist; this package supplies the models and how a row
// looks.
//
// Typing filters at once, with no "/" first. Esc closes the dialog, filter
// or not.
package picker
