// Package session keeps conversations: an embedded SQLite store that
// persists every streamed delta as it arrives, survives crashes and bad
// storage, and exports transcripts. It knows nothing of the terminal UI.
package session
