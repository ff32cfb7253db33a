package ui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lockchat/lockchat/client/clienttest"
)

// selectReply is the server's n-th answer: words and a Go code block that
// name n.
func selectReply(n int) string {
	word := []string{"zero", "one", "two", "three"}[min(n, 3)]
	return fmt.Sprintf("Answer %s\n\n```go\nfmt.Println(%q)\n```\n", word, word)
}

// TestE2ESelectBranches drives select mode in a real terminal: copy a
// code block (the OSC 52 in the pane's bytes holds its code, without
// fences), regenerate a reply, switch back to the first branch, and edit
// the prompt into a third request; each request carries its branch only.
func TestE2ESelectBranches(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithScript(func(n int, _ *clienttest.Recorded) clienttest.Response {
		return clienttest.ReplyText(selectReply(n-1), 4, 0) // n counts from 1
	}))
	sock := startTerm(t, h.command("--provider", "openai", "--base-url", srv.URL, "-m", "gpt-4"))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)
	sendText(t, sock, "first")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the first answer", func(s string) bool { return strings.Contains(s, "Answer zero") && idle(s) }, e2eWait)

	raw := pipeTerminal(t, sock)
	sendKeys(t, sock, "Tab")
	waitFor(t, sock, "select mode's key help", contains("c code"), e2eWait)
	sendKeys(t, sock, "c")
	waitFor(t, sock, "the code copy notice", contains("code block 1 of 1 (go, 1 line)"), e2eWait)

	sendKeys(t, sock, "r")
	waitFor(t, sock, "the regenerated answer", func(s string) bool {
		return strings.Contains(s, "Answer one") && strings.Contains(s, "‹ 2/2 ›") && idle(s)
	}, e2eWait)
	sendKeys(t, sock, "h")
	waitFor(t, sock, "the first branch again", contains("Answer zero", "‹ 1/2 ›"), e2eWait)

	sendKeys(t, sock, "k")
	sendKeys(t, sock, "e")
	waitFor(t, sock, "the prompt in the input, editing", contains("editing a prompt"), e2eWait)
	sendText(t, sock, " again")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the edited prompt's answer", func(s string) bool {
		return strings.Contains(s, "Answer two") && strings.Contains(s, "You  ‹ 2/2 ›") && idle(s)
	}, e2eWait)
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "a clean exit", contains("EXIT=0"), e2eWait)
	tmux(t, sock, "pipe-pane", "-t", "e2e")
	checkCopied(t, terminalBytes(t, raw), `fmt.Println("zero")`)
	if out := terminalBytes(t, raw); strings.Contains(string(out), "\x1b]52;c;YGBg") {
		t.Error("the code copied starts with a fence")
	}

	reqs := waitChats(t, srv, 3)
	for i, want := range []string{"user:first", "user:first", "user:first again"} {
		var got []string
		for _, m := range reqs[i].Chat.Messages {
			got = append(got, m.Role+":"+m.Content)
		}
		if strings.Join(got, " | ") != want {
			t.Errorf("request %d sent %q, want %q", i+1, got, want)
		}
	}
}

// TestE2EBranchWhileStreaming drives a branch switch in a real terminal
// while a reply streams: the regenerated reply pauses half-way, h shows
// the first branch and the status says where the reply streams, the rest
// arrives unseen, and l shows the reply whole.
func TestE2EBranchWhileStreaming(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithScript(clienttest.PauseAfter("halfway", 3*time.Second, clienttest.Sequence(
		clienttest.ReplyText("Answer zero", 4, 0),
		clienttest.ReplyText("Second try halfway and the rest of it", 4, 0),
	))))
	sock := startTerm(t, h.command("--provider", "openai", "--base-url", srv.URL, "-m", "gpt-4"))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)
	sendText(t, sock, "first")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the first answer", func(s string) bool { return strings.Contains(s, "Answer zero") && idle(s) }, e2eWait)
	sendKeys(t, sock, "Tab")
	sendKeys(t, sock, "r")
	waitFor(t, sock, "the regenerated reply, paused", contains("Second try halfway", "● streaming"), e2eWait)
	sendKeys(t, sock, "h")
	waitFor(t, sock, "the first branch, the reply streaming elsewhere", func(s string) bool {
		return strings.Contains(s, "Answer zero") && strings.Contains(s, "on another branch") && !strings.Contains(s, "Second try")
	}, e2eWait)
	waitFor(t, sock, "the hidden reply's end", func(s string) bool { return idle(s) && !strings.Contains(s, "Second try") }, e2eWait)
	sendKeys(t, sock, "l")
	waitFor(t, sock, "the reply whole", contains("Second try halfway and the rest of it", "‹ 2/2 ›"), e2eWait)
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "a clean exit", contains("EXIT=0"), e2eWait)
}
