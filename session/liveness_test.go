package session

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// TestReusedPIDDoesNotKeepAReplyStreaming gives a crashed writer the PID
// of a live process that is not lockchat (this test's parent): its log is
// in place, unlocked, and the reply reads stopped.
func TestReusedPIDDoesNotKeepAReplyStreaming(t *testing.T) {
	path, conv, reply, log := streamAndCrash(t, "kept ", "text")
	other := fmt.Sprintf("%d:%s", livePID(t), "reusedpid001")
	setWriter(t, path, reply, other)
	must(t, os.Rename(log, logPath(path, other)))
	if m, _ := reopenReply(t, path, conv); m.Status != StatusStopped || m.Content != "kept text" {
		t.Fatalf("a reply whose writer's PID lives on reads %q %s", m.Content, m.Status)
	}
}

// livePID returns the PID of a live process other than this one.
func livePID(t *testing.T) int {
	t.Helper()
	if err := syscall.Kill(os.Getppid(), 0); err != nil {
		t.Skipf("the parent process is not there to lend its PID: %v", err)
	}
	return os.Getppid()
}

// deadPID returns the PID of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	must(t, cmd.Run())
	return cmd.Process.Pid
}

// TestEarlierVersionsWriterIsJudgedByItsPID names as a reply's writer an
// earlier lockchat, which did not lock its log (format 1, or none before
// its first delta): the reply stays streaming while that PID lives and
// is stopped once it is gone.
func TestEarlierVersionsWriterIsJudgedByItsPID(t *testing.T) {
	for _, withLog := range []bool{true, false} {
		for _, alive := range []bool{true, false} {
			t.Run(fmt.Sprintf("log=%v,alive=%v", withLog, alive), func(t *testing.T) {
				path, conv, reply, log := streamAndCrash(t, "replaced")
				p := deadPID(t)
				if alive {
					p = livePID(t)
				}
				old := fmt.Sprintf("%d:%s", p, "earlier00001")
				setWriter(t, path, reply, old)
				must(t, os.Remove(log))
				want := ""
				if withLog {
					want = "written earlier"
					must(t, os.WriteFile(logPath(path, old), appendRecordV1(nil, reply, want), 0o600))
				}
				m, _ := reopenReply(t, path, conv)
				if status := map[bool]Status{true: StatusStreaming, false: StatusStopped}[alive]; m.Status != status || m.Content != want {
					t.Fatalf("reads %q %s, want %q %s", m.Content, m.Status, want, status)
				}
			})
		}
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
