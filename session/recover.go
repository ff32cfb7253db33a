package session

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// recoverOrphans stops the replies left streaming by store instances that
// are gone (a crashed process), keeping their text: the rows' text plus
// what their writer's delta log holds. Replies another live process is
// streaming, and its log, are left alone. It returns a notice for each log
// found damaged, which it keeps aside.
func (s *Store) recoverOrphans() ([]Notice, error) {
	writers, err := s.streamingWriters()
	if err != nil {
		return nil, err
	}
	logged, err := logWriters(logDir(s.path))
	if err != nil {
		return nil, err
	}
	var notices []Notice
	seen := map[string]bool{}
	for _, w := range append(writers, logged...) {
		if seen[w] {
			continue
		}
		seen[w] = true
		n, err := s.recoverWriter(w)
		if err != nil {
			return notices, err
		}
		if !n.IsZero() {
			notices = append(notices, n)
		}
	}
	return notices, nil
}

// recoverWriter stops the replies of writer if it is gone.
func (s *Store) recoverWriter(writer string) (Notice, error) {
	gone, release, err := s.claim(writer)
	if err != nil || !gone {
		return Notice{}, err
	}
	defer release()
	return s.stopWriter(writer)
}

// stopOwn stops this instance's replies still streaming, on Close. The
// log stays locked until they are, so no other instance recovers them at
// the same time.
func (s *Store) stopOwn() error {
	_, err := s.stopWriter(s.writer)
	s.log.close()
	return err
}

// streamingWriters returns the writers of the replies still streaming,
// "" standing for none.
func (s *Store) streamingWriters() ([]string, error) {
	rows, err := s.db.Query(`SELECT DISTINCT coalesce(writer, '') FROM messages WHERE status = 'streaming'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ws []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		ws = append(ws, w)
	}
	return ws, rows.Err()
}

// stopWriter stops the streaming replies of writer, an instance that is
// gone and writes no more, with the text of its delta log, then removes
// the log. A damaged log (garbage, or a record damaged in the middle) is
// read for every intact record and moved aside, never deleted; the notice
// says what was recovered and where the log went.
func (s *Store) stopWriter(writer string) (Notice, error) {
	var l logText
	path := ""
	if writer != "" {
		path = logPath(s.path, writer)
		data, err := os.ReadFile(path)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return Notice{}, err
		}
		l = parseLog(data, nil)
	}
	stopped, err := s.stopReplies(writer, &l)
	if err != nil {
		return Notice{}, err
	}
	if path == "" {
		return Notice{}, nil
	}
	_ = os.Remove(path + ".tmp") // An unfinished compaction; the log is whole.
	if !l.damaged {
		// A log that cannot be removed (still open elsewhere, where
		// liveness cannot be checked) is read again by a later open; its
		// replies are stopped by then, so it changes nothing.
		_ = os.Remove(path)
		return Notice{}, nil
	}
	dest := path + ".damaged-" + time.Now().UTC().Format("20060102T150405Z")
	if err := os.Rename(path, dest); errors.Is(err, os.ErrNotExist) {
		return Notice{}, nil // Another process recovered it first and says so.
	} else if err != nil {
		return Notice{}, err
	}
	return damagedNotice(stopped, l.records, dest), nil
}

// stoppedReply is a reply stopWriter stopped: which, where, and how much
// of its text the delta log gave back.
type stoppedReply struct {
	id, title string
	runes     int
}

// damagedNotice says what a damaged log gave back and where it was kept.
func damagedNotice(stopped []stoppedReply, records int, dest string) Notice {
	var what []string
	for _, r := range stopped {
		what = append(what, fmt.Sprintf("%d characters of reply %s in %s", r.runes, r.id, describeTitle(r.title)))
	}
	text := "A damaged log of interrupted replies was found"
	switch {
	case len(what) > 0:
		text += "; recovered " + strings.Join(what, ", ") + ", and lost what the damaged part held"
	case records > 0:
		text += "; the replies it held were already saved"
	default:
		text += "; nothing in it could be read back"
	}
	return Notice{Level: LevelWarning, Text: text + ". The log was kept as " + dest + "."}
}

// stopReplies stops writer's streaming replies with the text l holds.
func (s *Store) stopReplies(writer string, l *logText) ([]stoppedReply, error) {
	rows, err := s.db.Query(`SELECT m.seq, m.id, c.title FROM messages m
		JOIN conversations c ON c.id = m.conversation_id
		WHERE m.status = 'streaming' AND coalesce(m.writer, '') = ?`, writer)
	if err != nil {
		return nil, err
	}
	var seqs []int64
	var replies []stoppedReply
	for rows.Next() {
		var seq int64
		var r stoppedReply
		if err := rows.Scan(&seq, &r.id, &r.title); err != nil {
			rows.Close()
			return nil, err
		}
		seqs = append(seqs, seq)
		replies = append(replies, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, r := range replies {
		logged := replyFrom(l.text, r.id)
		if err := s.stopSeq(seqs[i], logged); err != nil {
			return nil, err
		}
		replies[i].runes = utf8.RuneCountInString(logged.answer) + utf8.RuneCountInString(logged.reasoning)
	}
	return replies, nil
}

func (s *Store) stopSeq(seq int64, logged replyLog) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := consolidate(tx, seq, logged); err != nil {
		return err
	}
	// The status test keeps a reply its writer finished meanwhile.
	if _, err := tx.Exec(`UPDATE messages SET status = 'stopped', writer = NULL
		WHERE seq = ? AND status = 'streaming'`, seq); err != nil {
		return err
	}
	return tx.Commit()
}
