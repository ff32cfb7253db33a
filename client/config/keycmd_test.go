package config

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// watchedCommand returns a shell command line that first opens a FIFO as
// its descriptor 3, which every process it starts inherits, and writes its
// PID there; then body. The channel yields that PID once every holder of
// descriptor 3 has exited: the whole process group is gone.
func watchedCommand(t *testing.T, body string) (string, <-chan int) {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "group")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	gone := make(chan int, 1)
	go func() {
		f, err := os.Open(fifo) // blocks until the shell opens its end
		if err != nil {
			gone <- 0
			return
		}
		defer f.Close()
		data, _ := io.ReadAll(f) // EOF: no process holds the FIFO any more
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		gone <- pid
	}()
	return "exec 3>" + fifo + "; echo $$ >&3; " + body, gone
}

// waitGone fails unless the command's processes all end soon.
func waitGone(t *testing.T, gone <-chan int) {
	t.Helper()
	select {
	case pid := <-gone:
		if pid <= 1 {
			t.Fatalf("the command did not report its PID (%d)", pid)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("processes of the command's group are still running")
	}
}

// TestKeyCommandTimeout: a command that never ends, whose background child
// holds the output pipe, is killed with its whole group at the deadline.
func TestKeyCommandTimeout(t *testing.T) {
	cmdline, gone := watchedCommand(t, "sleep 300 & sleep 300")
	_, err := keyFromCommand(t.Context(), cmdline, time.Second)
	if err == nil || !strings.Contains(err.Error(), "did not finish within 1s") {
		t.Fatalf("error = %v, want a timeout", err)
	}
	waitGone(t, gone)
}

// TestKeyCommandCancelled: a cancelled context (SIGINT, SIGTERM) stops the
// command at once, whatever its deadline.
func TestKeyCommandCancelled(t *testing.T) {
	dir := t.TempDir()
	started := filepath.Join(dir, "started")
	if err := syscall.Mkfifo(started, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() {
		_, _ = os.ReadFile(started) // returns once the shell has written and closed it
		cancel()
	}()
	cmdline, gone := watchedCommand(t, "echo >"+started+"; sleep 300 & sleep 300")
	_, err := keyFromCommand(ctx, cmdline, time.Hour)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("error = %v, want an interruption", err)
	}
	waitGone(t, gone)
}

// TestKeyCommandBackgroundChild: a command that prints the key and exits
// but leaves a child holding its output still gives the key, and the
// child is stopped.
func TestKeyCommandBackgroundChild(t *testing.T) {
	cmdline, gone := watchedCommand(t, "sleep 300 & echo the-key")
	key, err := keyFromCommand(t.Context(), cmdline, time.Hour)
	if err != nil || key != "the-key" {
		t.Fatalf("key %q, error %v", key, err)
	}
	waitGone(t, gone)
}

// TestResolveContextCancelled: the context given to ResolveContext reaches
// the key command.
func TestResolveContextCancelled(t *testing.T) {
	f := load(t, "[providers.k]\nbase_url = \"http://k.example/v1\"\napi_key_cmd = \"sleep 300\"\ndefault_model = \"m\"\n")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := ResolveContext(ctx, f, envOf(nil), Flags{Provider: "k"})
	if err == nil || !strings.Contains(err.Error(), "api_key_cmd") || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("error = %v, want the key command interrupted", err)
	}
}
