package session

import (
	"errors"
	"fmt"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"
)

// outOfSpace reports whether err says a write found no space: the disk
// is full or the user's quota is used up.
func outOfSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) ||
		sqliteCode(err) == sqlite3.SQLITE_FULL
}

// lowSpace is the free space below which an I/O error is taken for a full
// disk: less than SQLite needs to grow the WAL's shared-memory index by
// one step (32 KiB) and write a few pages.
const lowSpace = 64 << 10

// diskFree returns the bytes and inodes this user may still take on the
// file system holding dir; ok is false when that cannot be told. Tests
// replace it.
var diskFree = statDiskFree

// diagnose marks an I/O error from the store in dir as a full disk when
// that disk has no space left. SQLite reports a full disk as SQLITE_FULL
// when it writes the database or its WAL, but as an I/O error when it
// creates the WAL's shared-memory index (the first thing it does with a
// store that no program has open), since the system's reason is lost.
func diagnose(err error, dir string) error {
	if err == nil || dir == "" || outOfSpace(err) || sqliteCode(err) != sqlite3.SQLITE_IOERR {
		return err
	}
	free, inodes, ok := diskFree(dir)
	if !ok || (free >= lowSpace && inodes > 0) {
		return err
	}
	return fmt.Errorf("%w: %w", err, syscall.ENOSPC)
}

// spaceReclaimer is a Writer that can give back space after a write found
// none; *Store is one.
type spaceReclaimer interface{ reclaimSpace() }

// reclaimSpace empties the WAL into the database and truncates it, after
// a write failed for want of space. The WAL only ever grows between
// checkpoints, and on a small disk it can hold the space the next write
// needs; it is the store's own, so giving it back loses nothing. It may
// fail as well (a reader holds the WAL, or the database cannot grow); the
// next failed write tries again.
func (s *Store) reclaimSpace() {
	if !s.readOnly {
		_, _ = s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
}
