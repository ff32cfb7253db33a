package session

import (
	"bufio"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestKilledWritersReplyStopsWhileItIsAZombie kills a streaming child and
// opens the store before reaping it: the reply reads stopped with every
// acknowledged delta. Before the kill, opening the store beside the live
// child leaves its reply alone.
func TestKilledWritersReplyStopsWhileItIsAZombie(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	path := filepath.Join(t.TempDir(), FileName)
	cmd, out := child(t, "stream", path)
	reaped := false
	defer func() {
		if !reaped {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	sc := bufio.NewScanner(out)
	reply, acked := "", 0
	for acked < 50 && sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "msg" {
			reply = f[2]
		} else if len(f) == 2 && f[0] == "ack" {
			acked++
		}
	}
	peekLive(t, path, reply, acked)

	must(t, cmd.Process.Signal(syscall.SIGKILL))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "ack ") {
			acked++
		}
	}
	// End of file on its output: the child has died and its files are
	// closed, but nothing has waited for it.
	if state := processState(cmd.Process.Pid); runtime.GOOS == "linux" && state != "Z" {
		t.Fatalf("the child is in state %q, not a zombie", state)
	}
	s, _, err := Open(path)
	must(t, err)
	defer s.Close()
	checkRecovered(t, s, reply, acked)
	reaped = true
	cmd.Wait() // Reaps it; its error is the kill.
}

// processState returns the state letter of a process from /proc, or "".
func processState(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name, in parentheses, may hold spaces; the state follows it.
	_, rest, _ := strings.Cut(string(b), ") ")
	state, _, _ := strings.Cut(rest, " ")
	return state
}

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
