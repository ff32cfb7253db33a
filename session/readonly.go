package session

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	sqlite3 "modernc.org/sqlite/lib"
)

// OpenReadOnly opens the store at path for commands that only read (ls,
// search, export), so that they work where lockchat cannot write: a
// read-only data directory, or a store owned by another user that this
// one may read. Nothing is created, moved or recovered: replies another
// process left streaming read as streaming, with the text of their delta
// logs. Every write returns ErrReadOnly.
//
// A store in WAL mode needs its shared-memory index, which SQLite creates
// beside it; when it cannot (a read-only directory), the store is opened
// as immutable, and a notice says that changes not yet merged from the WAL
// are not shown if the WAL holds any.
//
// A store that does not exist yet, or that an older lockchat wrote and
// must be upgraded first, cannot be read as it is: it is opened with Open,
// which creates or upgrades it.
func OpenReadOnly(path string) (*Store, []Notice, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, err
	}
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return Open(abs)
	} else if err != nil {
		return nil, nil, err
	}
	s, v, err := openReadOnlyAs(abs, url.Values{"mode": {"ro"}})
	var notices []Notice
	if err != nil && noWALIndex(err) {
		s, v, err = openReadOnlyAs(abs, url.Values{"mode": {"ro"}, "immutable": {"1"}})
		if n := unmergedNotice(abs); err == nil && !n.IsZero() {
			notices = append(notices, n)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	switch {
	case v < SchemaVersion:
		s.Close()
		return Open(abs)
	case v > SchemaVersion:
		notices = append(notices, newerNotice(abs, v))
	}
	return s, notices, nil
}

// openReadOnlyAs opens a read-only connection pool with the URI
// parameters uri and returns the schema version it reads.
func openReadOnlyAs(path string, uri url.Values) (*Store, int, error) {
	db, err := sql.Open("sqlite", dsn(path, true, options{uri: uri}))
	if err != nil {
		return nil, 0, err
	}
	v, err := probe(db)
	if err != nil {
		db.Close()
		return nil, 0, err
	}
	return newStore(db, path, true, options{}), v, nil
}

// noWALIndex reports whether a read-only open failed for want of the
// WAL's shared-memory index, which SQLite could neither open nor create.
func noWALIndex(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CANTOPEN || c == sqlite3.SQLITE_READONLY
}

// unmergedNotice says that the WAL beside a store opened immutable holds
// changes that reading cannot show.
func unmergedNotice(path string) Notice {
	info, err := os.Stat(path + "-wal")
	if err != nil || info.Size() == 0 {
		return Notice{}
	}
	return Notice{Level: LevelWarning, Text: fmt.Sprintf(
		"The directory of %s is not writable, so its latest changes (in %s-wal) are not shown; run lockchat where it can write there to merge them.",
		path, filepath.Base(path))}
}
