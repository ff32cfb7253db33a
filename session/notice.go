package session

import (
	"errors"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Level says how a Notice should be shown.
type Level int

// The levels of a Notice.
const (
	// LevelInfo is good news, such as saving working again.
	LevelInfo Level = iota
	// LevelWarning means history is not being saved as usual; the text says
	// what happened and what to do.
	LevelWarning
)

// Notice is one readable sentence for the user about the store, meant for
// the UI's footer or the command line's stderr. The zero Notice means there
// is nothing to say.
type Notice struct {
	Level Level
	Text  string
}

// IsZero reports whether n carries nothing to show.
func (n Notice) IsZero() bool { return n.Text == "" }

// sqliteCode returns the primary SQLite result code in err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// reason turns a storage error into a short clause for a sentence: what
// went wrong in words a user can act on, falling back to the error itself.
func reason(err error) string {
	switch {
	case errors.Is(err, ErrReadOnly):
		return "it was written by a newer lockchat and is open read-only"
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "the disk is full"
	case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return "its directory is not writable"
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return "the disk is full"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return "its directory is not writable"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return "another program is holding it locked"
	case sqlite3.SQLITE_IOERR:
		return "the disk reported an I/O error"
	}
	return err.Error()
}

// isCorrupt reports whether err says the file is not a usable database.
func isCorrupt(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_NOTADB || c == sqlite3.SQLITE_CORRUPT
}
