package ui_test

import (
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
)

// TestE2ESearchAndOpen holds a conversation whose reply has a rare word,
// starts another, finds the word with ctrl+f and opens the first one at
// the reply, marked ▶, without sending anything.
func TestE2ESearchAndOpen(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithScript(clienttest.Sequence(
		clienttest.ReplyText("Tea grows best on misty zanzibarine slopes, they say.", 4, 0),
		clienttest.ReplyText("Bread needs flour, water, salt and time.", 4, 0),
	)))
	sock := startTerm(t, h.command("--provider", "openai", "--base-url", srv.URL, "-m", "gpt-4"))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)

	sendText(t, sock, "Where does tea grow")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the first reply", func(s string) bool { return strings.Contains(s, "slopes, they say.") && idle(s) }, e2eWait)
	sendKeys(t, sock, "C-n")
	waitFor(t, sock, "a new conversation", func(s string) bool { return !strings.Contains(s, "slopes") }, e2eWait)
	sendText(t, sock, "How is bread made")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the second reply", func(s string) bool { return strings.Contains(s, "salt and time.") && idle(s) }, e2eWait)

	sendKeys(t, sock, "C-f")
	waitFor(t, sock, "the search dialog", contains("Search", "Type words to find them"), e2eWait)
	sendText(t, sock, "zanzibarine")
	s := waitFor(t, sock, "the hit", contains("› Where does tea grow · just now · reply", "misty zanzibarine slopes"), e2eWait)
	if strings.Contains(s, "«") || strings.Count(s, " · just now · ") != 1 {
		t.Errorf("the hits show marks, or more than the one message:\n%s", s)
	}
	sendKeys(t, sock, "Enter")
	s = waitFor(t, sock, "the first conversation at the match", func(s string) bool {
		return strings.Contains(headerLine(s), "Where does tea grow") && strings.Contains(s, "▶gpt-4") &&
			strings.Contains(s, "zanzibarine") && !strings.Contains(s, "╭")
	}, e2eWait)
	if strings.Contains(s, "salt and time") {
		t.Errorf("the other conversation is still on screen:\n%s", s)
	}
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "lockchat to exit", contains("EXIT=0"), e2eWait)
	if n := srv.RequestCount(); n != 2 {
		t.Errorf("the server received %d chat requests, want 2: opening a hit sends nothing", n)
	}
}
