package ui_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lockchat/lockchat/client/clienttest"
)

// TestE2EReasoning streams a thinking model's reasoning, then its answer:
// the reasoning shows live under the label, folds to one line when the
// answer starts, opens and closes with ctrl+t, and is there, folded, when
// the conversation is opened again; it is never sent back as history.
func TestE2EReasoning(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	var thoughts []string
	for i := 1; i <= 12; i++ {
		thoughts = append(thoughts, fmt.Sprintf("Thought %02d: the user asks about primes.\n", i))
	}
	words := fmt.Sprintf("(%d words)", len(strings.Fields(strings.Join(thoughts, ""))))
	answer := "The first primes are **2, 3, 5 and 7**: finalword"
	reply := clienttest.Stream{Reasoning: thoughts, Tokens: clienttest.Split(answer, 4),
		Usage: &clienttest.Usage{PromptTokens: 9, CompletionTokens: 40}}.Response()
	reply.Delay = 60 * time.Millisecond
	srv := clienttest.Start(t, clienttest.WithScript(clienttest.Sequence(reply, clienttest.ReplyText("Second answer.", 4, 0))))
	args := []string{"--provider", "openai", "--base-url", srv.URL, "-m", "deepseek-r1"}
	sock := startTerm(t, h.command(args...))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)

	sendText(t, sock, "Which numbers are prime?")
	sendKeys(t, sock, "Enter")
	s := waitFor(t, sock, "the reasoning to stream live", func(s string) bool {
		return strings.Contains(s, "▾ Thinking…") && strings.Contains(s, "Thought 08:") && !strings.Contains(s, "first primes")
	}, e2eWait)
	if !strings.Contains(s, "thinking") {
		t.Errorf("the footer does not say the model is thinking:\n%s", s)
	}
	s = waitFor(t, sock, "the answer, with the reasoning folded", func(s string) bool {
		return strings.Contains(s, "finalword") && idle(s)
	}, e2eWait)
	if !strings.Contains(s, "▸ Thought for") || !strings.Contains(s, words) || strings.Contains(s, "Thought 12:") {
		t.Errorf("the reasoning is not folded to one line:\n%s", s)
	}
	if !strings.Contains(s, "▍deepseek-r1 · 40 tokens") {
		t.Errorf("the label does not show the usage:\n%s", s)
	}

	sendKeys(t, sock, "C-t")
	waitFor(t, sock, "ctrl+t to open the reasoning", contains("▾ Thought for", "Thought 01:", "Thought 12:", "finalword"), e2eWait)
	sendKeys(t, sock, "C-t")
	waitFor(t, sock, "ctrl+t to fold it again", func(s string) bool {
		return strings.Contains(s, "▸ Thought for") && !strings.Contains(s, "Thought 01:")
	}, e2eWait)

	// The next request's history holds the answer, not the reasoning.
	sendText(t, sock, "And the next?")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the second answer", func(s string) bool { return strings.Contains(s, "Second answer.") && idle(s) }, e2eWait)
	reqs := waitChats(t, srv, 2)
	if msgs := reqs[1].Chat.Messages; len(msgs) != 3 || msgs[1].Content != answer {
		t.Errorf("the second request's history is %+v, want the answer alone as the reply", msgs)
	}
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "lockchat to exit", contains("EXIT=0"), e2eWait)

	// Saved: reopened, the reply shows its reasoning folded, and opens it.
	sock2 := startTerm(t, h.command(append([]string{"-c"}, args...)...))
	waitFor(t, sock2, "the reopened conversation", contains("Ask anything", "finalword", "▸ Thought for", words), e2eWait)
	sendKeys(t, sock2, "C-t")
	waitFor(t, sock2, "ctrl+t to open the saved reasoning", contains("Thought 01:"), e2eWait)
	sendKeys(t, sock2, "C-c")
	waitFor(t, sock2, "the second lockchat to exit", contains("EXIT=0"), e2eWait)
}
