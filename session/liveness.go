package session

import (
	"crypto/rand"
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
)

// A store instance that may stream (every writable one) holds an
// exclusive flock on its delta log from Open to Close. The kernel drops
// the lock when the process dies, before it is reaped, so another
// instance that can take the lock knows the writer is gone, however it
// died, even while its process is a zombie or once its PID names another
// process. The PID in a writer's name only matters where locks are not
// available (processAlive).

// errLocked is lockFile's answer when another holds the lock.
var errLocked = errors.New("locked by another lockchat")

// lockTries bounds the attempts to lock a log that keeps being replaced
// (compacted, or removed by a recovery) while it is being locked.
const lockTries = 8

// liveWriters holds the tokens of the store instances open in this
// process: their liveness needs no lock, and it is how a store reopened in
// the same process tells its abandoned replies from those of an instance
// still open where locks are not available.
var liveWriters sync.Map

func registerWriter() string {
	token := rand.Text()[:12]
	liveWriters.Store(token, true)
	return strconv.Itoa(pid) + ":" + token
}

func unregisterWriter(writer string) {
	_, token, _ := strings.Cut(writer, ":")
	liveWriters.Delete(token)
}

// createLocked creates the log at path, empty, and locks it. A recovery
// that found the new file unlocked may have removed it meanwhile; the
// lock is only good on the file that path still names.
func createLocked(path string) (*os.File, error) {
	for range lockTries {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return nil, err
		}
		if err := f.Chmod(0o600); err != nil { // Whatever the umask.
			f.Close()
			return nil, err
		}
		if err := lockFile(f, true); err != nil && !errors.Is(err, errors.ErrUnsupported) {
			f.Close()
			return nil, err
		}
		if stillNames(path, f) {
			return f, nil
		}
		f.Close()
	}
	return nil, errors.New("the delta log keeps disappearing")
}

// stillNames reports whether path names the file f has open.
func stillNames(path string, f *os.File) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// claim reports whether the instance named by writer ("pid:token") is
// gone. If so, the caller recovers its replies and then calls release;
// while it holds the claim no other instance recovers the same writer.
func (s *Store) claim(writer string) (gone bool, release func(), err error) {
	release = func() {}
	p, token, ok := strings.Cut(writer, ":")
	n, perr := strconv.Atoi(p)
	if !ok || perr != nil {
		return true, release, nil // Written before writers had names.
	}
	if _, live := liveWriters.Load(token); live {
		return false, release, nil
	}
	path := logPath(s.path, writer)
	for range lockTries {
		f, err := os.Open(path)
		if errors.Is(err, os.ErrNotExist) {
			// Removed by its writer on Close, or by another recovery:
			// whatever still streams under that name has no writer.
			return true, release, nil
		} else if err != nil {
			return false, release, err
		}
		switch err := lockFile(f, false); {
		case errors.Is(err, errLocked):
			f.Close()
			return false, release, nil
		case err != nil: // No locks on this file system: the PID must do.
			f.Close()
			return !processAlive(n), release, nil
		case stillNames(path, f):
			return true, func() { f.Close() }, nil
		}
		f.Close() // Replaced by a compaction: lock the new file.
	}
	return false, release, nil // Replaced again and again: a live writer.
}
