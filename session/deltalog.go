package session

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// While a reply streams, its deltas go to a log file of the store instance
// streaming it, <db>.deltas/<pid>-<token>.log, not to SQLite: a SQLite
// commit appends at least one 4 KiB page to the WAL, so at one delta per
// frame an 8 KB reply cost over 1 MB of writes, while a log record costs
// the delta plus about 24 bytes. A write(2) that returned is in the page
// cache and survives the process being killed; the finished reply goes to
// SQLite in one transaction, and the log is then reset. Opening the store
// folds the logs of dead instances into their replies; the lock each
// instance holds on its log tells which are dead.

// compactAt is the log size past which finishing a reply while others
// still stream rewrites the log without the finished replies' records.
const compactAt = 256 << 10

// deltaLog is the delta log of one store instance. Its file is created
// when the store opens and stays locked while it is open (liveness.go).
type deltaLog struct {
	mu   sync.Mutex
	path string
	f    *os.File
	// w writes to f; tests wrap it to fail like a full disk.
	w    io.WriterAt
	wrap func(io.WriterAt) io.WriterAt
	// size is the length of the intact records: the next one goes there,
	// over whatever a failed write left.
	size int64
	buf  []byte
	// streaming maps the replies this instance streams to the bytes their
	// records take in the log.
	streaming map[string]int64
}

func newDeltaLog(dbPath, writer string, wrap func(io.WriterAt) io.WriterAt) *deltaLog {
	return &deltaLog{path: logPath(dbPath, writer), wrap: wrap, streaming: map[string]int64{}}
}

// logDir is the directory of a store's delta logs.
func logDir(dbPath string) string { return dbPath + ".deltas" }

// logPath names the log of writer ("pid:token"); a colon is not allowed
// in file names everywhere.
func logPath(dbPath, writer string) string {
	return filepath.Join(logDir(dbPath), strings.Replace(writer, ":", "-", 1)+".log")
}

// logWriter returns the writer whose log is the file named name.
func logWriter(name string) (string, bool) {
	base, ok := strings.CutSuffix(name, ".log")
	if !ok {
		return "", false
	}
	p, token, ok := strings.Cut(base, "-")
	if _, err := strconv.Atoi(p); err != nil || !ok || token == "" {
		return "", false
	}
	return p + ":" + token, true
}

// track records that this instance streams msgID.
func (d *deltaLog) track(msgID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.streaming[msgID]; !ok {
		d.streaming[msgID] = 0
	}
}

// tracked returns the replies this instance streams.
func (d *deltaLog) tracked() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Collect(maps.Keys(d.streaming))
}

func (d *deltaLog) tracks(msgID string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.streaming[msgID]
	return ok
}

// append writes one record of a reply's part with a single write. On
// failure the record is not counted, so the next one overwrites what part
// of it was written.
func (d *deltaLog) append(msgID string, p part, text string) error {
	id := logID(msgID, p)
	if len(id) > maxIDLen {
		return fmt.Errorf("%w: message ID longer than %d bytes", ErrInvalid, maxIDLen-3)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.open(); err != nil {
		return err
	}
	d.buf = appendRecord(d.buf[:0], id, text)
	if _, err := d.w.WriteAt(d.buf, d.size); err != nil {
		_ = d.f.Truncate(d.size) // Best effort: the next write covers it anyway.
		return fmt.Errorf("writing the delta log: %w", err)
	}
	d.size += int64(len(d.buf))
	if n, ok := d.streaming[msgID]; ok { // Not if deleted meanwhile.
		d.streaming[msgID] = n + int64(len(d.buf))
	}
	if cap(d.buf) > 64<<10 {
		d.buf = nil // Do not pin one huge delta's buffer.
	}
	return nil
}

// start creates and locks the log file, for the lifetime of the store.
func (d *deltaLog) start() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.open()
}

func (d *deltaLog) open() error {
	if d.f != nil {
		return nil
	}
	if err := mkdirPrivate(filepath.Dir(d.path)); err != nil {
		return fmt.Errorf("creating the delta log directory: %w", err)
	}
	f, err := createLocked(d.path)
	if err != nil {
		return fmt.Errorf("creating the delta log: %w", err)
	}
	d.setFile(f, 0)
	return nil
}

func (d *deltaLog) setFile(f *os.File, size int64) {
	d.f, d.w, d.size = f, f, size
	if d.wrap != nil {
		d.w = d.wrap(f)
	}
}

// reply returns what the log holds for msgID.
func (d *deltaLog) reply(msgID string) (replyLog, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.f == nil || d.streaming[msgID] == 0 {
		return replyLog{}, nil
	}
	l, err := d.readLocked(func(id string) bool { return replyOf(id) == msgID })
	return replyFrom(l.text, msgID), err
}

func (d *deltaLog) readLocked(want func(string) bool) (logText, error) {
	data := make([]byte, d.size)
	if _, err := d.f.ReadAt(data, 0); err != nil {
		return logText{}, fmt.Errorf("reading the delta log: %w", err)
	}
	return parseLog(data, want), nil
}

// done forgets msgID, now in SQLite, and keeps the log small: reset when
// nothing streams any more, compacted when mostly finished replies.
func (d *deltaLog) done(msgIDs ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, id := range msgIDs {
		delete(d.streaming, id)
	}
	if d.f == nil {
		return
	}
	if len(d.streaming) == 0 {
		if d.f.Truncate(0) == nil {
			d.size = 0
		}
		return
	}
	var live int64
	for _, n := range d.streaming {
		live += n
	}
	if d.size > compactAt && d.size > 2*live {
		_ = d.compactLocked() // A log that stays long is only slower to read.
	}
}
