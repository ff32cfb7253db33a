package session

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unsafe"
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
	must(t, waitZombie(cmd.Process.Pid))
	if state := processState(cmd.Process.Pid); state != "Z" {
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

// waitZombie waits until the child pid has died, without reaping it
// (waitid with WNOWAIT): it is then a zombie, and its files are closed.
func waitZombie(pid int) error {
	const pPID, wNoWait = 1, 0x1000000
	var info [128]byte // siginfo_t
	for {
		_, _, errno := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid),
			uintptr(unsafe.Pointer(&info[0])), syscall.WEXITED|wNoWait, 0, 0)
		if errno != syscall.EINTR {
			if errno != 0 {
				return errno
			}
			return nil
		}
	}
}
