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
// available, and for the logs of earlier versions, which did not lock
// them (pidAlive).

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
			// Every instance of this version has its log from Open to
			// Close: an earlier lockchat, which made its log with its
			// first delta and did not lock it, or one that is gone.
			return !pidAlive(n, token), release, nil
		} else if err != nil {
			return false, release, err
		}
		switch err := lockFile(f, false); {
		case errors.Is(err, errLocked):
			f.Close()
			return false, release, nil
		case err != nil: // No locks on this file system: the PID must do.
			f.Close()
			return !pidAlive(n, token), release, nil
		case !stillNames(path, f):
			f.Close() // Replaced by a compaction: lock the new file.
			continue
		case unlockedFormat(f):
			f.Close()
			return !pidAlive(n, token), release, nil
		}
		return true, func() { f.Close() }, nil
	}
	return false, release, nil // Replaced again and again: a live writer.
}

// pidAlive reports whether the writer with PID n and token is alive, by
// its PID alone: in this process, whether the instance is still open.
func pidAlive(n int, token string) bool {
	if n == pid {
		_, live := liveWriters.Load(token)
		return live
	}
	return processAlive(n)
}

// unlockedFormat reports whether the log f was written by a lockchat that
// did not lock its log: it holds data that does not start with a record
// marker (format 1). Its writer's PID is all there is to go by.
func unlockedFormat(f *os.File) bool {
	head := make([]byte, markerLen)
	n, _ := f.ReadAt(head, 0)
	return n > 0 && !strings.HasPrefix(recordMarker, string(head[:n]))
}
