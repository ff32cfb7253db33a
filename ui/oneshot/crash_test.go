package oneshot_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/session"
)

// paced streams its pieces one at a time: the first at once, each next
// one when the test asks, and then holds the stream open.
type paced struct {
	pieces []string
	next   chan struct{}
}

func newPaced(pieces ...string) *paced {
	return &paced{pieces: pieces, next: make(chan struct{})}
}

func (p *paced) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	for i, piece := range p.pieces {
		if i > 0 {
			select {
			case <-p.next:
			case <-r.Context().Done():
				return
			}
		}
		io.WriteString(w, content(piece))
		w.(http.Flusher).Flush()
	}
	<-r.Context().Done()
}

// savingRun starts lockchat in one-shot mode with its store under home,
// its stdout a pipe the test reads.
func savingRun(t *testing.T, home, base string) (*exec.Cmd, io.Reader) {
	t.Helper()
	cmd := exec.Command(binary, "--base-url", base+"/v1", "--max-retries", "0", "-p", "hi")
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config", "XDG_DATA_HOME=" + home + "/data",
		"NO_COLOR=1", "PATH=" + os.Getenv("PATH")}
	cmd.Stderr = new(strings.Builder)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, stdout
}

// readPiece reads exactly piece from stdout.
func readPiece(t *testing.T, stdout io.Reader, piece string) {
	t.Helper()
	buf := make([]byte, len(piece))
	if _, err := io.ReadFull(stdout, buf); err != nil || string(buf) != piece {
		t.Fatalf("stdout gave %q (%v), want %q", buf, err, piece)
	}
}

// storedReply is the text of the newest reply in the store under home, as
// another process reads it.
func storedReply(t *testing.T, home string) string {
	t.Helper()
	store, _, err := session.Open(filepath.Join(home, "data", "lockchat", session.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	last, err := store.Last()
	if err != nil {
		t.Fatal(err)
	}
	_, msgs, err := store.Load(last.ID)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("loading: %v, %d messages", err, len(msgs))
	}
	return msgs[1].Content
}

// TestKilledOneShotLostNothingPrinted kills lockchat with SIGKILL after it
// printed the first n pieces of a reply: every byte read from its stdout
// is in the store.
func TestKilledOneShotLostNothingPrinted(t *testing.T) {
	pieces := []string{"Zwölf ", "Boxkämpfer ", "jagen ", "Viktor ", "quer ", "über ", "den ", "großen ", "Sylter ", "Deich."}
	for _, n := range []int{1, 2, 5, len(pieces)} {
		home := t.TempDir()
		p := newPaced(pieces...)
		srv := newFake(t, p.serve)
		cmd, stdout := savingRun(t, home, srv.URL)
		var printed strings.Builder
		for i := range n {
			if i > 0 {
				p.next <- struct{}{}
			}
			readPiece(t, stdout, pieces[i])
			printed.WriteString(pieces[i])
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		if got := storedReply(t, home); !strings.HasPrefix(got, printed.String()) {
			t.Errorf("killed after %d pieces: stored %q, but stdout had shown %q", n, got, printed.String())
		}
	}
}

// TestStalledStreamIsSavedAtOnce: while the server stalls after a piece,
// that piece is already in the store, for any other process to read.
func TestStalledStreamIsSavedAtOnce(t *testing.T) {
	home := t.TempDir()
	p := newPaced("first piece, ", "then nothing for a long time")
	srv := newFake(t, p.serve)
	_, stdout := savingRun(t, home, srv.URL)
	readPiece(t, stdout, "first piece, ")
	if got := storedReply(t, home); got != "first piece, " {
		t.Errorf("while the stream stalls the store holds %q", got)
	}
}

// TestEndlessStreamStopsAtTheLimit: a server that never stops is cut at
// max_reply_bytes from the config file; what came up to it is printed and
// kept, and lockchat exits 1.
func TestEndlessStreamStopsAtTheLimit(t *testing.T) {
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "config", "lockchat"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "config", "lockchat", "config.toml"), []byte("max_reply_bytes = 4096\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		// Endless as far as the limit can tell; bounded so that a limit
		// that does not work fails the test instead of hanging it.
		for sent := 0; sent < 1<<20 && r.Context().Err() == nil; sent += len("endless ") {
			if _, err := io.WriteString(w, content("endless ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	cmd, stdout := savingRun(t, home, srv.URL)
	out, _ := io.ReadAll(stdout)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, stderr %q", err, cmd.Stderr)
	}
	if want := "lockchat: the reply reached max_reply_bytes (4 KiB) and was stopped; the text up to it is kept\n"; cmd.Stderr.(*strings.Builder).String() != want {
		t.Errorf("stderr %q, want %q", cmd.Stderr, want)
	}
	if len(out) != 4097 || !strings.HasPrefix(string(out), "endless endless") {
		t.Errorf("stdout holds %d bytes, want the 4,096 up to the limit and a newline", len(out))
	}
	if got := storedReply(t, home); got != string(out[:4096]) {
		t.Errorf("stored %d bytes, want the 4,096 printed", len(got))
	}
}
