package session

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Conversations are private: every file of the store is created 0600 and
// every directory it creates 0700, whatever the umask. SQLite gives the
// WAL and shared-memory files the mode of the database file, so creating
// that one private is enough for all three.

// createPrivate creates the empty database file at path, 0600, unless it
// exists; SQLite takes an empty file for a new database.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	} else if err != nil {
		return err
	}
	err = f.Chmod(0o600) // The umask may have taken bits away, never added.
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// mkdirPrivate creates dir and its parents; the directories it creates
// are 0700 whatever the umask.
func mkdirPrivate(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirPrivate(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // Made meanwhile by another lockchat.
		}
		return err
	}
	return os.Chmod(dir, 0o700)
}

// warnedFile remembers, beside the delta logs, the data directory and
// mode the user was last warned about, so that the warning is given once
// per directory and again only if its mode changes.
const warnedFile = "readable-directory-warned"

// readableNotice warns, once, when the data directory of the store at
// path can be listed by other users: they can then see what it holds, and
// read any file an earlier lockchat created readable. A directory inside
// a private one (a home directory 0700, say) is not.
func readableNotice(path string) Notice {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	if err != nil {
		return Notice{}
	}
	marker := filepath.Join(logDir(path), warnedFile)
	mode := info.Mode().Perm()
	if !reachable(dir, mode) {
		_ = os.Remove(marker) // Private again: a later change warns again.
		return Notice{}
	}
	seen := fmt.Sprintf("%04o %s\n", mode, dir)
	if b, err := os.ReadFile(marker); err == nil && string(b) == seen {
		return Notice{}
	}
	if err := os.WriteFile(marker, []byte(seen), 0o600); err != nil {
		return Notice{} // Unremembered, it would be said at every start.
	}
	fix := "chmod 700 " + shellQuote(dir)
	if loose := readableFiles(path); len(loose) > 0 {
		fix += " && chmod 600 " + strings.Join(loose, " ")
	}
	return Notice{Level: LevelWarning, Text: fmt.Sprintf(
		"The data directory %s can be read by other users (mode %04o); to keep your conversations private, run: %s", dir, mode, fix)}
}

// reachable reports whether users other than the owner can list dir,
// whose mode is mode: it is readable by its group or by all, and each
// directory above it lets the same users through.
func reachable(dir string, mode fs.FileMode) bool {
	group, other := mode&0o040 != 0, mode&0o004 != 0
	for d := filepath.Dir(dir); group || other; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil {
			return false
		}
		m := info.Mode().Perm()
		other = other && m&0o001 != 0
		group = group && m&0o011 != 0 // A member may get through as one of all.
		if d == filepath.Dir(d) {
			break
		}
	}
	return group || other
}

// readableFiles returns the store's files that other users can read,
// quoted for the shell: an earlier lockchat created them so.
func readableFiles(path string) []string {
	var loose []string
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if info, err := os.Stat(p); err == nil && info.Mode().Perm()&0o044 != 0 {
			loose = append(loose, shellQuote(p))
		}
	}
	return loose
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
