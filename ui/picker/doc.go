// Package picker is the model menu: a dialog that lists the models the chat
// can use and returns the one the user picks. It never touches chat state;
// Update returns an Action and the root applies it. The dialog itself is a
// filterlist; this package supplies the models and how a row looks.
//
// Typing filters at once, with no "/" first. Esc clears a non-empty filter
// and closes the dialog when the filter is already empty, so a second Esc
// always closes.
package picker
