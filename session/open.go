package session

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// options are knobs tests turn; Open uses the zero value.
type options struct {
	// pragmas are extra "name(value)" pragmas applied to every connection.
	pragmas []string
	// wrapLog wraps the delta log's file, to inject write failures.
	wrapLog func(io.WriterAt) io.WriterAt
	// uri holds SQLite URI parameters, such as mode=ro.
	uri url.Values
}

// Open opens the store at path, creating it and its directory if needed,
// and returns notices to show the user:
//   - a file that is not a SQLite database, or a corrupt one, is moved aside
//     to <path>.corrupt-<timestamp> (never deleted) and a fresh store is
//     started;
//   - a store written by a newer schema is opened read-only: reads work,
//     writes return ErrReadOnly;
//   - replies left streaming by a process that died become stopped and keep
//     their text, read back from its delta log; a log damaged in the middle
//     is read up to the damage and kept aside, and a notice says where.
//
// An error means no store could be opened at all (for example an unwritable
// directory); the UI should then keep the conversation in memory, see
// OpenJournal.
func Open(path string) (*Store, []Notice, error) {
	return openWith(path, options{})
}

func openWith(path string, opt options) (*Store, []Notice, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, err
	}
	if err := mkdirPrivate(filepath.Dir(abs)); err != nil {
		return nil, nil, fmt.Errorf("creating the data directory: %w", err)
	}
	var notices []Notice
	if bad, err := notSQLite(abs); err != nil {
		return nil, nil, err
	} else if bad {
		n, err := moveAside(abs)
		if err != nil {
			return nil, nil, err
		}
		notices = append(notices, n)
	}
	s, more, err := openChecked(abs, opt)
	if err != nil && isCorrupt(err) {
		n, merr := moveAside(abs)
		if merr != nil {
			return nil, nil, merr
		}
		notices = append(notices, n)
		s, more, err = openChecked(abs, opt)
	}
	if err != nil {
		return nil, nil, err
	}
	notices = append(notices, more...)
	if !s.readOnly {
		if n := readableNotice(abs); !n.IsZero() {
			notices = append(notices, n)
		}
	}
	return s, notices, nil
}

// notSQLite reports whether path holds something other than a SQLite
// database. A missing or empty file is fine: SQLite starts it.
func notSQLite(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return false, nil
	}
	return !bytes.Equal(head[:n], sqliteHeader), nil
}

// moveAside renames a bad store, its WAL and its delta logs to
// <path>.corrupt-<timestamp>... so that a fresh store can start; the WAL
// must go too, or SQLite would replay it into the new file. The shared-memory index is rebuilt from the
// WAL, so it is removed.
func moveAside(path string) (Notice, error) {
	dest := path + ".corrupt-" + time.Now().UTC().Format("20060102T150405Z")
	if err := os.Rename(path, dest); err != nil {
		return Notice{}, fmt.Errorf("moving the unreadable store aside: %w", err)
	}
	if err := os.Rename(path+"-wal", dest+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return Notice{}, fmt.Errorf("moving the unreadable store's log aside: %w", err)
	}
	_ = os.Remove(path + "-shm") // Derived data; a stale one would confuse SQLite.
	// The delta logs belong to the replies of the bad store.
	if err := os.Rename(logDir(path), logDir(dest)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return Notice{}, fmt.Errorf("moving the unreadable store's delta logs aside: %w", err)
	}
	return Notice{Level: LevelWarning, Text: fmt.Sprintf(
		"The conversation store was unreadable, so it was moved to %s and a new one was started.", dest)}, nil
}

// openChecked opens the database, proves it readable, migrates it or
// falls back to read-only, and recovers interrupted replies.
func openChecked(path string, opt options) (*Store, []Notice, error) {
	if err := createPrivate(path); err != nil {
		return nil, nil, err
	}
	db, err := sql.Open("sqlite", dsn(path, false, opt))
	if err != nil {
		return nil, nil, err
	}
	v, err := probe(db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	if v > SchemaVersion {
		db.Close()
		return openReadOnly(path, v)
	}
	if err := migrate(db, path); err != nil {
		db.Close()
		return nil, nil, err
	}
	s := newStore(db, path, false, opt)
	if err := s.log.start(); err != nil {
		s.Close()
		return nil, nil, err
	}
	notices, err := s.recoverOrphans()
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("recovering interrupted replies: %w", err)
	}
	return s, notices, nil
}

// probe reads the schema so that a corrupt file fails here, at open, and
// not in the middle of a conversation.
func probe(db *sql.DB) (int, error) {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n); err != nil {
		return 0, err
	}
	return schemaVersion(db)
}

func openReadOnly(path string, version int) (*Store, []Notice, error) {
	db, err := sql.Open("sqlite", dsn(path, true, options{}))
	if err != nil {
		return nil, nil, err
	}
	if _, err := probe(db); err != nil {
		db.Close()
		return nil, nil, err
	}
	s := newStore(db, path, true, options{})
	return s, []Notice{newerNotice(path, version)}, nil
}

func newerNotice(path string, version int) Notice {
	return Notice{Level: LevelWarning, Text: fmt.Sprintf(
		"The conversation store %s was written by a newer lockchat (schema %d, this one knows %d), so it is open read-only and nothing new will be saved; update lockchat.",
		path, version, SchemaVersion)}
}

// dsn builds the connection string. Every connection waits up to 5 s for
// another writer (busy_timeout) and starts its transactions with BEGIN
// IMMEDIATE (_txlock), so a transaction never fails half-way when another
// process writes: it takes the write lock first, or waits for it.
func dsn(path string, readOnly bool, opt options) string {
	q := url.Values{}
	for k, v := range opt.uri {
		q[k] = v
	}
	pragmas := []string{"busy_timeout(5000)", "foreign_keys(1)"}
	if readOnly {
		pragmas = append(pragmas, "query_only(1)")
	} else {
		pragmas = append(pragmas, "journal_mode(WAL)", "synchronous(NORMAL)")
	}
	q["_pragma"] = append(pragmas, opt.pragmas...)
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	s := u.String()
	// file:///abs is what SQLite expects; url.URL writes file:// plus the path.
	if !strings.HasPrefix(s, "file://") {
		s = "file://" + strings.TrimPrefix(s, "file:")
	}
	return s
}
