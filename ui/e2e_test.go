package ui_test

// End-to-end tests: the real lockchat binary runs in a tmux pane of 120x40
// against the loopback fake server of client/clienttest, driven by keys sent
// with tmux send-keys and observed with tmux capture-pane (the screen) and
// tmux pipe-pane (the raw bytes written to the terminal).

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/lockchat/lockchat/client/clienttest"
)

// e2eWait bounds every wait for the screen or the server.
const e2eWait = 20 * time.Second

// lockchatBuild holds the binary, built once per test process. The bytes
// are kept rather than a path so that nothing outlives the tests: each test
// writes its own copy into its temporary directory.
var lockchatBuild struct {
	once sync.Once
	data []byte
	err  error
}

// lockchatBinary builds github.com/lockchat/lockchat (once) and returns the
// path of a copy in the test's temporary directory. It skips the test in
// -short mode and when tmux is not installed.
func lockchatBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("end-to-end test: tmux is not installed")
	}
	lockchatBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "lockchat-e2e-build-")
		if err != nil {
			lockchatBuild.err = err
			return
		}
		defer os.RemoveAll(dir)
		bin := filepath.Join(dir, "lockchat")
		cmd := exec.Command("go", "build", "-o", bin, "github.com/lockchat/lockchat")
		if out, err := cmd.CombinedOutput(); err != nil {
			lockchatBuild.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		lockchatBuild.data, lockchatBuild.err = os.ReadFile(bin)
	})
	if lockchatBuild.err != nil {
		t.Fatalf("building lockchat: %v", lockchatBuild.err)
	}
	path := filepath.Join(t.TempDir(), "lockchat")
	if err := os.WriteFile(path, lockchatBuild.data, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// e2eHome is the private home of one test: HOME and the XDG directories,
// shared by every lockchat run of the test so that a second run finds what
// the first one saved.
type e2eHome struct {
	bin, home, config, data string
}

func newE2EHome(t *testing.T) e2eHome {
	t.Helper()
	bin := lockchatBinary(t)
	root := t.TempDir()
	h := e2eHome{
		bin:    bin,
		home:   filepath.Join(root, "home"),
		config: filepath.Join(root, "config"),
		data:   filepath.Join(root, "data"),
	}
	for _, d := range []string{h.home, h.config, h.data} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

// command is the shell command a tmux pane runs: lockchat with a clean
// environment, then its exit status printed as EXIT=N, then a wait so that
// the pane (and the status) stays on screen until the server is killed.
func (h e2eHome) command(args ...string) string {
	env := []string{
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"HOME=" + h.home,
		"XDG_CONFIG_HOME=" + h.config,
		"XDG_DATA_HOME=" + h.data,
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"LOCKCHAT_API_KEY=test-key",
	}
	var b strings.Builder
	b.WriteString("env -i")
	for _, e := range env {
		b.WriteString(" " + shellQuote(e))
	}
	b.WriteString(" " + shellQuote(h.bin))
	for _, a := range args {
		b.WriteString(" " + shellQuote(a))
	}
	b.WriteString("; echo EXIT=$?; sleep 600")
	return b.String()
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var tmuxSockets atomic.Int64

// tmuxEnv is the environment of every tmux command: not the tmux the tests
// may themselves run in, a UTF-8 locale and a known shell.
func tmuxEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		switch {
		case strings.HasPrefix(e, "TMUX="), strings.HasPrefix(e, "TMUX_PANE="),
			strings.HasPrefix(e, "LANG="), strings.HasPrefix(e, "LC_ALL="),
			strings.HasPrefix(e, "LC_CTYPE="), strings.HasPrefix(e, "SHELL="):
			continue
		}
		env = append(env, e)
	}
	return append(env, "LANG=C.UTF-8", "SHELL=/bin/sh")
}

// tmux runs one tmux command on the test's server and returns its output.
func tmux(t *testing.T, socket string, args ...string) string {
	t.Helper()
	cmd := exec.Command("tmux", append([]string{"-u", "-L", socket}, args...)...)
	cmd.Env = tmuxEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// startTerm starts a tmux server of its own with one 120x40 session that
// runs command, and kills it when the test ends. It returns the socket name.
func startTerm(t *testing.T, command string) string {
	t.Helper()
	socket := fmt.Sprintf("lockchat-e2e-%d-%d", os.Getpid(), tmuxSockets.Add(1))
	tmux(t, socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", command)
	var path string
	t.Cleanup(func() {
		cmd := exec.Command("tmux", "-L", socket, "kill-server")
		cmd.Env = tmuxEnv()
		_ = cmd.Run()
		if path != "" && filepath.Base(path) == socket {
			_ = os.Remove(path) // tmux leaves its socket file behind
		}
	})
	path = strings.TrimSpace(tmux(t, socket, "display-message", "-p", "#{socket_path}"))
	return socket
}

// screen is what the pane shows now, one line per row.
func screen(t *testing.T, socket string) string {
	t.Helper()
	return tmux(t, socket, "capture-pane", "-p", "-t", "e2e")
}

// waitFor polls the screen every 50 ms until cond holds and returns that
// screen; after timeout it fails the test with the last screen.
func waitFor(t *testing.T, socket, what string, cond func(screen string) bool, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := screen(t, socket)
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s; the screen was:\n%s", timeout, what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sendText types text literally; sendKeys presses named keys.
func sendText(t *testing.T, socket, text string) {
	t.Helper()
	tmux(t, socket, "send-keys", "-t", "e2e", "-l", text)
}

func sendKeys(t *testing.T, socket string, keys ...string) {
	t.Helper()
	tmux(t, socket, append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

func contains(subs ...string) func(string) bool {
	return func(s string) bool {
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	}
}

// idle reports whether no reply is streaming, judged by the footer.
func idle(s string) bool { return !strings.Contains(s, "● streaming") }

// headerLine is the first row of the screen.
func headerLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// waitChats waits until the server has received n chat requests and returns
// them.
func waitChats(t *testing.T, srv *clienttest.Server, n int) []clienttest.Recorded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), e2eWait)
	defer cancel()
	if err := srv.WaitRequests(ctx, n); err != nil {
		t.Fatalf("waiting for chat request %d: %v", n, err)
	}
	return srv.ChatRequests()
}

const (
	e2eReply1 = "Streaming works fine: alpha bravo charlie delta echo foxtrot golf hotel india juliet " +
		"kilo lima mike november oscar papa quebec romeo sierra tango uniform finalone"
	e2eReply3 = "Third answer from the smaller model: thirdreply"
)

// e2eReply2 is long and streamed slowly, to be stopped in the middle.
var e2eReply2 = func() string {
	var b strings.Builder
	b.WriteString("Slow answer:")
	for i := 1; i <= 80; i++ {
		fmt.Fprintf(&b, " slow%02d", i)
	}
	return b.String()
}()

// TestE2EChatSession types, sends, watches a reply stream, stops one with
// Esc, switches the model in the menu, quits, and reopens the conversation
// with -c.
func TestE2EChatSession(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithScript(clienttest.Sequence(
		clienttest.ReplyText(e2eReply1, 3, 40*time.Millisecond),
		clienttest.ReplyText(e2eReply2, 4, 150*time.Millisecond),
		clienttest.ReplyText(e2eReply3, 8, 0),
	)))
	args := []string{"--provider", "openai", "--base-url", srv.URL, "-m", "gpt-4"}
	sock := startTerm(t, h.command(args...))

	s := waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)
	if hl := headerLine(s); !strings.Contains(hl, "gpt-4") {
		t.Errorf("the header does not name gpt-4: %q", hl)
	}

	// A reply streams: its first words show before its last.
	sendText(t, sock, "Hello there")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the first part of the reply", func(s string) bool {
		return strings.Contains(s, "alpha") && !strings.Contains(s, "finalone")
	}, e2eWait)
	s = waitFor(t, sock, "the whole reply, finished", func(s string) bool {
		return strings.Contains(s, "finalone") && idle(s)
	}, e2eWait)
	if !strings.Contains(s, "Hello there") {
		t.Errorf("the prompt is not on screen:\n%s", s)
	}

	// Esc stops a reply mid-stream: the text so far stays, marked stopped.
	sendText(t, sock, "Tell me more")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the slow reply to start", contains("slow03"), e2eWait)
	sendKeys(t, sock, "Escape")
	s = waitFor(t, sock, "the reply marked stopped", func(s string) bool {
		return strings.Contains(s, "■ stopped") && idle(s)
	}, e2eWait)
	if !strings.Contains(s, "slow03") {
		t.Errorf("the partial reply is gone after esc:\n%s", s)
	}
	partial := lineWith(s, "Slow answer:")

	// The model menu: typing filters at once, Enter picks.
	sendKeys(t, sock, "C-l")
	waitFor(t, sock, "the model menu", contains("Models", "gpt-3.5-turbo"), e2eWait)
	sendText(t, sock, "3.5")
	waitFor(t, sock, "the menu filtered to gpt-3.5-turbo", func(s string) bool {
		return strings.Contains(s, "gpt-3.5-turbo") && !strings.Contains(s, "gpt-4o")
	}, e2eWait)
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the header to name gpt-3.5-turbo", func(s string) bool {
		return strings.Contains(headerLine(s), "gpt-3.5-turbo") && strings.Contains(s, "Ask anything")
	}, e2eWait)

	// The next message goes to the new model, with the history before it.
	sendText(t, sock, "And now?")
	sendKeys(t, sock, "Enter")
	s = waitFor(t, sock, "the third reply", func(s string) bool {
		return strings.Contains(s, "thirdreply") && idle(s)
	}, e2eWait)
	if !strings.Contains(s, "▍gpt-3.5-turbo") {
		t.Errorf("the third reply is not labelled with gpt-3.5-turbo:\n%s", s)
	}
	reqs := waitChats(t, srv, 3)
	checkThirdRequest(t, reqs, partial)

	// Ctrl+C when idle quits, with exit status 0.
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "lockchat to exit", contains("EXIT="), e2eWait)
	s = screen(t, sock)
	if !strings.Contains(s, "EXIT=0") {
		t.Fatalf("lockchat did not exit with status 0:\n%s", s)
	}

	// -c reopens the conversation in a new terminal.
	sock2 := startTerm(t, h.command(append([]string{"-c"}, args...)...))
	s = waitFor(t, sock2, "the reopened conversation", contains("Ask anything", "thirdreply", "finalone"), e2eWait)
	if hl := headerLine(s); !strings.Contains(hl, "Hello there") {
		t.Errorf("the header does not show the conversation's title: %q", hl)
	}
	if got := lineWith(s, "Slow answer:"); got != partial {
		t.Errorf("the stopped reply reopens as %q, but showed %q when stopped", got, partial)
	}
	for _, want := range []string{"Hello there", "■ stopped", "And now?"} {
		if !strings.Contains(s, want) {
			t.Errorf("the reopened conversation lacks %q:\n%s", want, s)
		}
	}
	sendKeys(t, sock2, "C-c")
	waitFor(t, sock2, "the second lockchat to exit", contains("EXIT=0"), e2eWait)
	if n := srv.RequestCount(); n != 3 {
		t.Errorf("the server received %d chat requests, want 3", n)
	}
}

// checkThirdRequest checks the request sent after the model switch: the new
// model, and the whole conversation so far as history, the stopped reply's
// partial text included.
func checkThirdRequest(t *testing.T, reqs []clienttest.Recorded, shown string) {
	t.Helper()
	if len(reqs) < 3 {
		t.Fatalf("the server received %d chat requests, want 3", len(reqs))
	}
	for i, want := range []string{"gpt-4", "gpt-4", "gpt-3.5-turbo"} {
		if got := reqs[i].Chat.Model; got != want {
			t.Errorf("request %d asked for model %q, want %q", i+1, got, want)
		}
	}
	msgs := reqs[2].Chat.Messages
	if len(msgs) != 5 {
		t.Fatalf("the third request sent %d messages, want 5: %+v", len(msgs), msgs)
	}
	want := []clienttest.Message{
		{Role: "user", Content: "Hello there"},
		{Role: "assistant", Content: e2eReply1},
		{Role: "user", Content: "Tell me more"},
		{Role: "assistant"}, // the stopped reply: checked below
		{Role: "user", Content: "And now?"},
	}
	for i, w := range want {
		if msgs[i].Role != w.Role || (w.Content != "" && msgs[i].Content != w.Content) {
			t.Errorf("message %d of the third request is %+v, want %+v", i+1, msgs[i], w)
		}
	}
	// What was sent is what the screen showed when the reply stopped: no
	// chunk that arrived after esc was kept.
	if partial := msgs[3].Content; partial != shown || !strings.HasPrefix(e2eReply2, partial) {
		t.Errorf("the stopped reply was sent as %q; the screen showed %q when it stopped", partial, shown)
	}
}

// lineWith returns the first line of the screen that holds sub, without
// the spaces around it.
func lineWith(screen, sub string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, sub) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// TestE2EHostileOutput streams text full of escape sequences, C1 controls
// and bidi overrides, as raw UTF-8 and as JSON escapes, and checks in the
// raw bytes written to the terminal that none of it got through, while the
// screen shows the controls as visible pictures.
func TestE2EHostileOutput(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithScript(clienttest.Sequence(
		clienttest.Hostile(false),
		clienttest.Hostile(true),
	)))
	sock := startTerm(t, h.command("--provider", "lockchat", "--base-url", srv.URL, "-m", "gpt-4"))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)

	raw := pipeTerminal(t, sock)

	sendText(t, sock, "First hostile")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the first hostile reply", func(s string) bool {
		return strings.Contains(s, "Plain end.") && idle(s)
	}, e2eWait)
	sendText(t, sock, "Second hostile")
	sendKeys(t, sock, "Enter")
	s := waitFor(t, sock, "the second hostile reply", func(s string) bool {
		return strings.Count(s, "Plain end.") == 2 && idle(s)
	}, e2eWait)
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "lockchat to exit", contains("EXIT=0"), e2eWait)
	tmux(t, sock, "pipe-pane", "-t", "e2e") // closes the pipe

	for _, want := range []string{"␛]52", "Plain start.", "clip", "evil.exe", "iso"} {
		if strings.Count(s, want) < 2 {
			t.Errorf("the screen does not show %q in both replies:\n%s", want, s)
		}
	}
	for _, bad := range []string{"\u202e", "\u202c", "\u2066", "\u2069"} {
		if strings.Contains(s, bad) {
			t.Errorf("the screen holds the bidi control %U", []rune(bad)[0])
		}
	}

	out := terminalBytes(t, raw)
	t.Logf("%d bytes written to the terminal", len(out))
	checkTerminalBytes(t, out)
}

// pipeTerminal starts copying the bytes written to the pane into a file
// and returns its path.
func pipeTerminal(t *testing.T, sock string) string {
	t.Helper()
	raw := filepath.Join(t.TempDir(), "terminal.bytes")
	tmux(t, sock, "pipe-pane", "-o", "-t", "e2e", "cat >> "+shellQuote(raw))
	return raw
}

// terminalBytes returns what pipeTerminal captured, once lockchat has
// exited: pipe-pane's cat may still be writing, so it waits for the bytes
// of the exit status.
func terminalBytes(t *testing.T, raw string) []byte {
	t.Helper()
	deadline := time.Now().Add(e2eWait)
	for {
		out, err := os.ReadFile(raw)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(out, []byte("EXIT=0")) {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("the raw terminal output never showed EXIT=0; %d bytes captured", len(out))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkTerminalBytes fails for anything in the bytes written to the
// terminal that only a server could have put there.
func checkTerminalBytes(t *testing.T, out []byte) {
	t.Helper()
	if len(out) < 100 {
		t.Fatalf("only %d bytes were captured from the terminal: %q", len(out), out)
	}
	for _, bad := range []struct{ seq, what string }{
		{"\x1b]52", "an OSC 52 clipboard write"},
		{"\x1b]8;", "an OSC 8 hyperlink"},
		{"\x1bP", "a DCS string"},
		{"\x1b_", "an APC string"},
		{"\x1bc", "a full terminal reset (RIS)"},
		{"evil.example/\x1b", "the server's hyperlink target in a sequence"},
	} {
		if i := bytes.Index(out, []byte(bad.seq)); i >= 0 {
			t.Errorf("the terminal received %s: %q", bad.what, around(out, i))
		}
	}
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if b := out[i]; b >= 0x80 && b <= 0x9f {
				t.Errorf("the terminal received the raw 8-bit control byte %#x: %q", b, around(out, i))
			}
		case r >= 0x80 && r <= 0x9f:
			t.Errorf("the terminal received the C1 control %U: %q", r, around(out, i))
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			t.Errorf("the terminal received the bidi control %U: %q", r, around(out, i))
		}
		i += size
	}
}

// around is the neighbourhood of out[i], for error messages.
func around(out []byte, i int) []byte {
	return out[max(0, i-40):min(len(out), i+40)]
}

// TestE2EDemo runs --demo: no server, no key. The header names the demo,
// a question gets the canned Go answer, the model menu lists the demo
// server's models, and Ctrl+C quits cleanly.
func TestE2EDemo(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	sock := startTerm(t, h.command("--demo"))
	s := waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)
	if hl := headerLine(s); !strings.HasPrefix(strings.TrimSpace(hl), "lockchat · demo · gpt-4") {
		t.Errorf("header = %q, want lockchat · demo · gpt-4 …", hl)
	}
	sendText(t, sock, "show me some go code")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the demo's Go answer, finished", func(s string) bool {
		return strings.Contains(s, "wg.Wait()") && idle(s)
	}, e2eWait)
	raw := pipeTerminal(t, sock)
	sendKeys(t, sock, "C-y")
	waitFor(t, sock, "the copy notice", contains("Sent the reply"), e2eWait)
	sendKeys(t, sock, "C-l")
	waitFor(t, sock, "the demo server's models in the menu", contains("qwen2.5-coder:7b"), e2eWait)
	sendKeys(t, sock, "Escape")
	// Wait for the menu to close: an Esc followed at once by another key
	// reads as Alt and that key.
	waitFor(t, sock, "the menu to close", func(s string) bool { return !strings.Contains(s, "qwen2.5-coder:7b") }, e2eWait)
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "a clean exit", contains("EXIT=0"), e2eWait)
	tmux(t, sock, "pipe-pane", "-t", "e2e")
	checkCopied(t, terminalBytes(t, raw), "## Fanning out work in Go", "wg.Wait()")
}

// checkCopied finds the one OSC 52 clipboard write in out and checks that
// it holds each of wants.
func checkCopied(t *testing.T, out []byte, wants ...string) {
	t.Helper()
	const start = "\x1b]52;c;"
	if n := bytes.Count(out, []byte(start)); n != 1 {
		t.Fatalf("%d clipboard writes (OSC 52) reached the terminal, want 1", n)
	}
	_, rest, _ := bytes.Cut(out, []byte(start))
	end := bytes.IndexAny(rest, "\x07\x1b")
	if end < 0 {
		t.Fatal("the clipboard write is not terminated")
	}
	text, err := base64.StdEncoding.DecodeString(string(rest[:end]))
	if err != nil {
		t.Fatalf("the clipboard write is not base64: %v", err)
	}
	for _, want := range wants {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("the clipboard got %q, which lacks %q", text, want)
		}
	}
}

// TestE2ELongPaste pastes 500 lines the way a terminal does (bracketed
// paste): the input shows a placeholder, and the server receives every
// line in its place.
func TestE2ELongPaste(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.ReplyText("Seen it all.", 4, 0)))
	sock := startTerm(t, h.command("--provider", "openai", "--base-url", srv.URL, "-m", "gpt-4"))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)

	var paste strings.Builder
	for i := 1; i <= 500; i++ {
		fmt.Fprintf(&paste, "log line %03d\n", i)
	}
	sendText(t, sock, "Read this: ")
	tmux(t, sock, "set-buffer", "-b", "big", paste.String())
	tmux(t, sock, "paste-buffer", "-p", "-d", "-b", "big", "-t", "e2e")
	waitFor(t, sock, "the paste's placeholder", contains("Read this: [pasted text #1: 500 lines]"), e2eWait)
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the reply", func(s string) bool { return strings.Contains(s, "Seen it all.") && idle(s) }, e2eWait)

	msgs := waitChats(t, srv, 1)[0].Chat.Messages
	if got, want := msgs[len(msgs)-1].Content, "Read this: "+paste.String(); got != want {
		t.Errorf("the server got %d bytes (%.60q…), want the %d pasted in place", len(got), got, len(want))
	}
}
