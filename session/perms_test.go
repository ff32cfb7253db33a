package session

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestStoreFilesArePrivateWhateverTheUmask creates a store with umask 0
// and checks that the database, its WAL and shared-memory files, the delta
// log and their directories let no one else in.
func TestStoreFilesArePrivateWhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "new", "data")
	path := filepath.Join(dir, FileName)
	s, _, err := Open(path)
	must(t, err)
	defer s.Close()
	_, reply := newChat(t, s, "private")
	must(t, s.AppendDelta(reply, "words"))
	// Compaction writes a new log under a temporary name.
	must(t, s.log.compactLocked())
	for p, want := range map[string]os.FileMode{
		dir: 0o700, filepath.Dir(dir): 0o700, logDir(path): 0o700,
		path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600, s.log.path: 0o600,
	} {
		info, err := os.Stat(p)
		must(t, err)
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %04o, want %04o", p, got, want)
		}
	}
}

// TestReadableDataDirectoryIsSaidOnce opens a store whose directory
// others can read: the first open says so and how to fix it, later ones
// do not, and a change of mode is said again.
func TestReadableDataDirectoryIsSaidOnce(t *testing.T) {
	dir := filepath.Join(openTempDir(t), "my data")
	must(t, os.Mkdir(dir, 0o700))
	must(t, os.Chmod(dir, 0o755))
	path := filepath.Join(dir, FileName)
	open := func() []Notice {
		s, notices, err := Open(path)
		must(t, err)
		must(t, s.Close())
		return notices
	}
	n := open()
	if len(n) != 1 || n[0].Level != LevelWarning || !strings.Contains(n[0].Text, dir) ||
		!strings.Contains(n[0].Text, "chmod 700 '"+dir+"'") {
		t.Fatalf("notices = %v", n)
	}
	if n := open(); len(n) != 0 {
		t.Errorf("said again: %v", n)
	}
	must(t, os.Chmod(dir, 0o750))
	if n := open(); len(n) != 1 || !strings.Contains(n[0].Text, "0750") {
		t.Errorf("a new mode: %v", n)
	}
	must(t, os.Chmod(dir, 0o700))
	if n := open(); len(n) != 0 {
		t.Errorf("a private directory: %v", n)
	}
	must(t, os.Chmod(dir, 0o750))
	if n := open(); len(n) != 1 {
		t.Errorf("readable again: %v", n)
	}
}

// TestReadableNoticeNamesLooseFiles opens a store an earlier lockchat
// created readable by all: the notice gives the chmod for its files too.
func TestReadableNoticeNamesLooseFiles(t *testing.T) {
	dir := openTempDir(t)
	path := filepath.Join(dir, FileName)
	s, _, err := Open(path)
	must(t, err)
	must(t, s.Close())
	must(t, os.Chmod(path, 0o644))
	must(t, os.Remove(filepath.Join(logDir(path), warnedFile)))
	s, n, err := Open(path)
	must(t, err)
	defer s.Close()
	if len(n) != 1 || !strings.Contains(n[0].Text, "chmod 600 "+path) {
		t.Fatalf("notices = %v", n)
	}
}

// openTempDir returns a temporary directory every user can list: the
// test's own directories are opened up, the system's must already be.
func openTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	d := dir
	for ; d != filepath.Clean(os.TempDir()) && d != filepath.Dir(d); d = filepath.Dir(d) {
		must(t, os.Chmod(d, 0o755))
	}
	for ; ; d = filepath.Dir(d) {
		if info, err := os.Stat(d); err != nil || info.Mode().Perm()&0o001 == 0 {
			t.Skipf("%s does not let every user through", d)
		}
		if d == filepath.Dir(d) {
			return dir
		}
	}
}

// TestDirectoryInsideAPrivateOneIsNotReadable: a readable data directory
// inside a directory only its owner may enter gives no warning.
func TestDirectoryInsideAPrivateOneIsNotReadable(t *testing.T) {
	home := filepath.Join(openTempDir(t), "home")
	dir := filepath.Join(home, "data")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.Chmod(home, 0o700))
	must(t, os.Chmod(dir, 0o755))
	s, n, err := Open(filepath.Join(dir, FileName))
	must(t, err)
	defer s.Close()
	if len(n) != 0 {
		t.Errorf("notices = %v", n)
	}
}
