package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
)

// pngData is enough of a PNG for its type to be known by its bytes.
var pngData = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 16)...)

// TestAttachInOneShot: a text file goes into the prompt as a fenced block
// headed by its name, an image beside the text as a data URL, -a - takes
// standard input as a file, and all of them are stored with the prompt.
func TestAttachInOneShot(t *testing.T) {
	home := isolate(t)
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("seen")))
	code := filepath.Join(home, "main.go")
	shot := filepath.Join(home, "shot.dat") // known by its bytes, not its name
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(code, []byte("package main\n"), 0o600))
	must(os.WriteFile(shot, pngData, 0o600))
	r := runArgs("piped log line\n", "--base-url", srv.URL, "-m", "m", "-p", "review these", "-a", code, "-a", shot, "-a", "-")
	if r.code != 0 || r.stdout != "seen\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	msg := sentTo(t, srv, 1).Chat.Messages[0]
	wantText := "main.go\n```\npackage main\n```\n\nstdin\n```\npiped log line\n```\n\nreview these"
	wantImage := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngData)
	if !msg.Array || msg.Content != wantText || len(msg.Images) != 1 || msg.Images[0] != wantImage {
		t.Errorf("sent %+v\nwant the text %q and one PNG", msg, wantText)
	}

	s := openUserStore(t, session.FileName)
	_, msgs, err := s.Load(firstConversation(t))
	must(err)
	var names []string
	for _, a := range msgs[0].Attachments {
		names = append(names, a.Name+" "+a.MediaType)
	}
	if got := strings.Join(names, ", "); got != "main.go text/plain, shot.dat image/png, stdin text/plain" || msgs[0].Content != "review these" {
		t.Errorf("stored %q with %q", msgs[0].Content, got)
	}
}

// A file that can't be attached is one sentence, exit 2, nothing sent.
func TestAttachErrors(t *testing.T) {
	home := isolate(t)
	srv := clienttest.Start(t)
	bin := filepath.Join(home, "prog")
	if err := os.WriteFile(bin, []byte("\x7fELF\x02\x01\x01\x00\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		home:                          "it is a directory",
		bin:                           "it is binary data, not text or a PNG, JPEG, WebP or GIF image",
		filepath.Join(home, "absent"): "no such file",
	} {
		r := runArgs("", "--base-url", srv.URL, "-p", "x", "-a", path)
		if r.code != 2 || !strings.Contains(r.stderr, "cannot attach "+path) || !strings.Contains(r.stderr, want) {
			t.Errorf("-a %s: exit %d, stderr %q", path, r.code, r.stderr)
		}
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
