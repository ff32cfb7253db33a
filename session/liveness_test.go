package session

import (
	"database/sql"
	"fmt"
	"os"
	"syscall"
	"testing"
)

// TestReusedPIDDoesNotKeepAReplyStreaming gives a crashed writer the PID
// of a live process that is not lockchat (this test's parent): with its
// log in place, unlocked, or without a log, the reply reads stopped.
func TestReusedPIDDoesNotKeepAReplyStreaming(t *testing.T) {
	for _, withLog := range []bool{true, false} {
		t.Run(fmt.Sprint("log=", withLog), func(t *testing.T) {
			path, conv, reply, log := streamAndCrash(t, "kept ", "text")
			other := fmt.Sprintf("%d:%s", os.Getppid(), "reusedpid001")
			if err := syscall.Kill(os.Getppid(), 0); err != nil {
				t.Skipf("the parent process is not there to lend its PID: %v", err)
			}
			setWriter(t, path, reply, other)
			if withLog {
				must(t, os.Rename(log, logPath(path, other)))
			} else {
				must(t, os.Remove(log))
			}
			m, _ := reopenReply(t, path, conv)
			want := "kept text"
			if !withLog {
				want = ""
			}
			if m.Status != StatusStopped || m.Content != want {
				t.Fatalf("a reply whose writer's PID lives on reads %q %s", m.Content, m.Status)
			}
		})
	}
}

// setWriter names another writer for a streaming reply, straight in the
// database: opening a Store would recover the reply first.
func setWriter(t *testing.T, path, reply, writer string) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, false, options{}))
	must(t, err)
	defer db.Close()
	_, err = db.Exec(`UPDATE messages SET writer = ? WHERE id = ? AND status = 'streaming'`, writer, reply)
	must(t, err)
}
