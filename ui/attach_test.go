package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
)

// pngBytes is a PNG as the sniffer knows one: its signature and a header.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 40)...)

// files writes a text file and a PNG in a new directory.
func files(t *testing.T) (dir, text, png string) {
	dir = t.TempDir()
	text, png = filepath.Join(dir, "notes.txt"), filepath.Join(dir, "shot.png")
	if err := os.WriteFile(text, []byte("line one\nline two\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(png, pngBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, text, png
}

// drive runs what a key asked for until the reply ends: the file reads
// and the stream, as Bubble Tea would.
func drive(t *testing.T, m *Model, cmd tea.Cmd) *Model {
	t.Helper()
	pending := run(cmd)
	for n := 0; len(pending) > 0; n++ {
		if n > 10000 {
			t.Fatal("the reply never ended")
		}
		msg := pending[0]
		pending = pending[1:]
		switch msg.(type) {
		case streamStartedMsg, chunkMsg, persistedMsg, attachmentsReadMsg, sizesMsg:
		default:
			continue
		}
		m, cmd = step(m, msg)
		pending = append(pending, run(cmd)...)
	}
	return m
}

// sendTyped types text, presses Enter and runs what follows.
func sendTyped(t *testing.T, m *Model, text string) *Model {
	t.Helper()
	m = typeText(m, text)
	m, cmd := press(m, tea.KeyEnter, 0)
	return drive(t, m, cmd)
}

func TestAtPathsGoWithThePrompt(t *testing.T) {
	srv, c := testServer(t, clienttest.WithReply(clienttest.ReplyText("seen", 2, 0)))
	_, text, png := files(t)
	opts := testOptions(newTestClock())
	opts.Client = c
	m := newSized(t, opts, 100, 30)
	m = sendTyped(t, m, "compare @"+text+" with @"+png)
	reqs := waitRequests(t, srv, 1)
	msgs := reqs[0].Chat.Messages
	last := msgs[len(msgs)-1]
	wantText := "notes.txt\n```\nline one\nline two\n```\n\ncompare @" + text + " with @" + png
	if last.Content != wantText || !last.Array || len(last.Images) != 1 || !strings.HasPrefix(last.Images[0], "data:image/png;base64,") {
		t.Fatalf("sent content %q, array %v, images %.40q", last.Content, last.Array, last.Images)
	}
	user := m.tr.entries[len(m.tr.entries)-2]
	if len(user.attachments) != 2 || !strings.Contains(screenAll(m), "[notes.txt · 18 B] [shot.png · ") {
		t.Errorf("the transcript shows no chips under the prompt: %v", user.attachments)
	}
}

func TestOptionAttachmentsGoWithTheFirstPrompt(t *testing.T) {
	srv, c := testServer(t, clienttest.WithReply(clienttest.ReplyText("ok", 1, 0)))
	a, err := session.NewAttachment("main.go", []byte("package main\n"))
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(newTestClock())
	opts.Client, opts.Attachments = c, []session.Attachment{a}
	m := newSized(t, opts, 100, 30)
	if !strings.Contains(statusRowOf(m), "[main.go · 13 B]") {
		t.Errorf("the status row shows no chip before sending: %q", statusRowOf(m))
	}
	m = sendTyped(t, m, "review")
	sendTyped(t, m, "and again")
	reqs := waitRequests(t, srv, 2)
	if got := reqs[0].Chat.Messages[0].Content; got != "main.go\n```\npackage main\n```\n\nreview" {
		t.Errorf("first prompt sent %q", got)
	}
	if got := reqs[1].Chat.Messages[2].Content; got != "and again" {
		t.Errorf("the second prompt took the file again: %q", got)
	}
}

func TestAFileThatCannotGoIsANotice(t *testing.T) {
	srv, c := testServer(t, clienttest.WithReply(clienttest.ReplyText("ok", 1, 0)))
	dir, _, _ := files(t)
	bin := filepath.Join(dir, "blob.bin")
	if err := os.WriteFile(bin, []byte{0, 1, 2, 3, 0xff, 0xfe, 0, 0}, 0o600); err != nil {
		t.Fatal(err)
	}
	opts := testOptions(newTestClock())
	opts.Client = c
	m := newSized(t, opts, 100, 30)
	for _, p := range []string{dir, bin} {
		m.input.Reset()
		m = sendTyped(t, m, "see @"+p)
		if len(m.tr.entries) != 0 || m.input.Value() != "see @"+p {
			t.Fatalf("@%s: %d entries, input %q", p, len(m.tr.entries), m.input.Value())
		}
		if !strings.Contains(m.footer.text, "Nothing was sent.") {
			t.Errorf("@%s: the status row says %q", p, m.footer.text)
		}
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
	m.input.Reset()
	m = sendTyped(t, m, "mail me @nobody-here")
	if len(m.tr.entries) != 2 || len(m.tr.entries[0].attachments) != 0 {
		t.Errorf("an @word that names no file stopped the prompt")
	}
}

func TestRefusedImagesAreLeftOutForThatModel(t *testing.T) {
	refusal := clienttest.JSONError(400, "This model does not support image input.", "invalid_request_error", "")
	srv, c := testServer(t, clienttest.WithScript(clienttest.Sequence(clienttest.ReplyText("a cat", 1, 0), refusal,
		clienttest.ReplyText("no image here", 1, 0), clienttest.ReplyText("still a cat", 1, 0))))
	_, _, png := files(t)
	opts := testOptions(newTestClock())
	opts.Client = c
	m := newSized(t, opts, 100, 30)
	m.model = "gpt-4o"
	m = sendTyped(t, m, "what is in @"+png)
	m.model = "deepseek-chat"
	m = sendTyped(t, m, "tell me more")
	failed := m.tr.last()
	if failed.status != session.StatusError || !strings.Contains(failed.errText, "deepseek-chat does not take images: ") {
		t.Fatalf("the refusal says %q", failed.errText)
	}
	m = sendTyped(t, m, "tell me more")
	if !strings.Contains(m.footer.text, "1 image is left out: deepseek-chat does not take images.") {
		t.Errorf("the status row says %q", m.footer.text)
	}
	m.model = "gpt-4o"
	sendTyped(t, m, "and you?")
	reqs := waitRequests(t, srv, 4)
	images := func(r clienttest.Recorded) int {
		n := 0
		for _, cm := range r.Chat.Messages {
			n += len(cm.Images)
		}
		return n
	}
	got := []int{images(reqs[0]), images(reqs[1]), images(reqs[2]), images(reqs[3])}
	if got[0] != 1 || got[1] != 1 || got[2] != 0 || got[3] != 1 {
		t.Errorf("images sent: %v; want [1 1 0 1]: none to the model that refused, then again to one that takes them", got)
	}
	for _, cm := range reqs[2].Chat.Messages {
		if cm.Array {
			t.Errorf("the request after the refusal still has a content array: %+v", cm)
		}
	}
}

func TestTabCompletesOnlyAnAtPathAtTheCursor(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"report-a.txt", "report-b.txt", "other.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m := newSized(t, testOptions(newTestClock()), 100, 30)
	m = typeText(m, "no token here")
	if _, ok := m.completePath(); ok {
		t.Fatal("Tab completed with no @path at the cursor")
	}
	m.input.Reset()
	m = typeText(m, "see @"+dir+"/rep")
	tab := func() {
		t.Helper()
		_, cmd := press(m, tea.KeyTab, 0) // the model is changed in place
		for _, msg := range only[completionMsg](run(cmd)) {
			step(m, msg)
		}
	}
	tab()
	if got := m.input.Value(); got != "see @"+dir+"/report-" {
		t.Fatalf("Tab gave %q, want the common prefix", got)
	}
	tab()
	if !strings.Contains(m.footer.text, "report-a.txt  report-b.txt") {
		t.Errorf("a Tab that can't decide says %q", m.footer.text)
	}
	m = typeText(m, "b")
	tab()
	if got := m.input.Value(); got != "see @"+dir+"/report-b.txt" {
		t.Errorf("Tab gave %q", got)
	}
}

// TestTabCompletesFromTheHomeDirectory: @~/ reaches no shell, so the
// completion (and the attachment) read the home directory for it.
func TestTabCompletesFromTheHomeDirectory(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.WriteFile(filepath.Join(home, "notes.md"), []byte("# notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m := newSized(t, testOptions(newTestClock()), 100, 30)
	m = typeText(m, "see @~")
	tab := func() {
		t.Helper()
		_, cmd := press(m, tea.KeyTab, 0)
		for _, msg := range only[completionMsg](run(cmd)) {
			step(m, msg)
		}
	}
	tab()
	if got := m.input.Value(); got != "see @~/" {
		t.Fatalf("Tab after @~ gave %q, want @~/", got)
	}
	m = typeText(m, "no")
	tab()
	if got := m.input.Value(); got != "see @~/notes.md" {
		t.Fatalf("Tab gave %q, want @~/notes.md", got)
	}
	srv, c := testServer(t, clienttest.WithReply(clienttest.ReplyText("seen", 2, 0)))
	opts := testOptions(newTestClock())
	opts.Client = c
	m = newSized(t, opts, 100, 30)
	sendTyped(t, m, "read @~/notes.md")
	msgs := waitRequests(t, srv, 1)[0].Chat.Messages
	if got := msgs[len(msgs)-1].Content; got != "notes.md\n```\n# notes\n```\n\nread @~/notes.md" {
		t.Errorf("sent %q, want the home directory's notes.md attached", got)
	}
}
