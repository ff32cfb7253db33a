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
