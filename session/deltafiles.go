package session

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// compactLocked rewrites the log as one record per part of each reply
// still streaming.
// The new log is written under a temporary name and renamed over the old
// one, so that another process reading it sees one or the other, whole.
func (d *deltaLog) compactLocked() error {
	l, err := d.readLocked(func(id string) bool { _, ok := d.streaming[replyOf(id)]; return ok })
	if err != nil {
		return err
	}
	var buf []byte
	sizes := make(map[string]int64, len(d.streaming))
	for msgID := range d.streaming {
		n := len(buf)
		for p := range partSuffixes {
			id := logID(msgID, part(p))
			if t := l.text(id); t != "" {
				buf = appendRecord(buf, id, t)
			}
		}
		sizes[msgID] = int64(len(buf) - n)
	}
	tmp := d.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	// Locked before it takes the log's name, so that the name never
	// stands for an unlocked file while this instance lives.
	if err = lockFile(f, true); errors.Is(err, errors.ErrUnsupported) {
		err = nil
	}
	if err == nil {
		err = f.Chmod(0o600) // Whatever the umask.
	}
	if err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err = f.Write(buf); err == nil {
		err = os.Rename(tmp, d.path)
	}
	if err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	d.f.Close()
	d.setFile(f, int64(len(buf)))
	d.streaming = sizes
	return nil
}

// forgetDeltas drops what this instance's delta log holds of msgID, as
// if it had never streamed here; see Journal.resave.
func (s *Store) forgetDeltas(msgID string) error {
	if s.log == nil {
		return nil
	}
	return s.log.drop(msgID)
}

// drop forgets msgID and rewrites the log without its records, so that
// no reader folds them into a reply saved again with its text.
func (d *deltaLog) drop(msgID string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.streaming, msgID)
	if d.f == nil {
		return nil
	}
	if len(d.streaming) == 0 {
		if err := d.f.Truncate(0); err != nil {
			return err
		}
		d.size = 0
		return nil
	}
	return d.compactLocked()
}

// close closes the log file, which drops its lock.
func (d *deltaLog) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.f != nil {
		d.f.Close()
		d.f = nil
	}
}

// readLogs returns the text every delta log in dir holds for the messages
// want accepts. Each log is read up to its first bad record: a reader may
// catch a record being written, or a log being reset.
func readLogs(dir string, want func(msgID string) bool) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out map[string]string
	for _, e := range entries {
		if _, ok := logWriter(e.Name()); !ok || !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if errors.Is(err, os.ErrNotExist) {
			continue // Removed since the listing: its replies are in SQLite.
		} else if err != nil {
			return nil, err
		}
		for id, b := range parseLog(data, want).texts {
			if out == nil {
				out = map[string]string{}
			}
			out[id] += b.String()
		}
	}
	return out, nil
}

// logWriters returns the writers that have a log in dir.
func logWriters(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var ws []string
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".tmp")
		if w, ok := logWriter(name); ok {
			ws = append(ws, w)
		}
	}
	return ws, nil
}
