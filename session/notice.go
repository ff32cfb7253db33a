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

// reason turns a storage error into words a user can act on: what went
// wrong, and what would fix it, falling back to the error itself.
func reason(err error) (what, fix string) {
	switch {
	case errors.Is(err, ErrReadOnly):
		return "it was written by a newer lockchat", "update lockchat"
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "the disk is full", "free some space"
	case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return "its directory is not writable", "make it writable"
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return "the disk is full", "free some space"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return "its directory is not writable", "make it writable"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return "another program is holding it locked", "close that program"
	case sqlite3.SQLITE_IOERR:
		return "the disk reported an I/O error", "check the disk"
	}
	return err.Error(), "fix that"
}

// rejected reports whether err says the store refused an operation itself
// (unknown ID, invalid value, duplicate ID), which retrying cannot mend,
// as opposed to storage failing.
func rejected(err error) bool {
	return errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) ||
		sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT
}

// isCorrupt reports whether err says the file is not a usable database.
func isCorrupt(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_NOTADB || c == sqlite3.SQLITE_CORRUPT
}
