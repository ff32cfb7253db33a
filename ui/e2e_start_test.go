package ui_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
)

// TestE2EUnreachableServer starts the chat against a loopback port where
// nothing listens: before anything is typed, the status rows say the
// server can't be reached and how to start it; the first prompt sent
// takes the warning away, and the reply says how it failed.
func TestE2EUnreachableServer(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	addr := clienttest.ClosedAddr(t)
	sock := startTerm(t, h.command("--provider", "ollama", "--base-url", "http://"+addr+"/v1", "-m", "llama3.2",
		"--max-retries", "0"))
	warning := "Can't reach " + addr + " — is Ollama running? Start it with: ollama serve."
	s := waitFor(t, sock, "the warning that the server can't be reached", contains(warning), e2eWait)
	if !strings.Contains(s, "Ask anything") || !strings.Contains(s, "enter send") {
		t.Errorf("the chat is not ready to type in beside the warning:\n%s", s)
	}

	sendText(t, sock, "Hello?")
	sendKeys(t, sock, "Enter")
	s = waitFor(t, sock, "the failed reply", func(s string) bool {
		return strings.Contains(s, "✗ Could not connect to "+addr) && idle(s)
	}, e2eWait)
	if strings.Contains(s, warning) {
		t.Errorf("the warning outlived the first prompt:\n%s", s)
	}
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "lockchat to exit", contains("EXIT=0"), e2eWait)
}

// TestE2EServerModel starts llama.cpp's preset with no -m against a server
// that lists its models: the header names the first one, and the prompt
// goes to it.
func TestE2EServerModel(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithModels("loaded-a.gguf", "loaded-b.gguf"),
		clienttest.WithReply(clienttest.ReplyText("Served.", 2, 0)))
	sock := startTerm(t, h.command("--provider", "llamacpp", "--base-url", srv.URL))
	s := waitFor(t, sock, "the header to name the server's first model", func(s string) bool {
		return strings.Contains(headerLine(s), "llamacpp · loaded-a.gguf")
	}, e2eWait)
	if !strings.Contains(s, "Model: loaded-a.gguf, the first the server lists") {
		t.Errorf("no notice says where the model came from:\n%s", s)
	}
	sendText(t, sock, "Hi")
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the reply", func(s string) bool { return strings.Contains(s, "Served.") && idle(s) }, e2eWait)
	if reqs := waitChats(t, srv, 1); reqs[0].Chat.Model != "loaded-a.gguf" {
		t.Errorf("the request asked for %q", reqs[0].Chat.Model)
	}
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "lockchat to exit", contains("EXIT=0"), e2eWait)
}

// TestE2EProbeFollowsTheResumedConversation: -c continues a conversation
// held with Ollama at a port where nothing listens any more; the chat,
// started with no provider named, warns about that server, not the
// default one.
func TestE2EProbeFollowsTheResumedConversation(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.ReplyText("Held here.", 2, 0)))
	oneShot := exec.Command("sh", "-c", strings.Replace(h.command("--provider", "ollama", "--base-url", srv.URL,
		"-m", "llama3.2", "-p", "remember me"), "; sleep 600", "", 1))
	if out, err := oneShot.CombinedOutput(); err != nil || !strings.Contains(string(out), "EXIT=0") {
		t.Fatalf("one-shot: %v\n%s", err, out)
	}
	addr := srv.Addr
	srv.Close() // the conversation's server is gone

	sock := startTerm(t, h.command("-c"))
	s := waitFor(t, sock, "the warning about the conversation's server", contains(
		"Can't reach "+addr+" — is Ollama running?"), e2eWait)
	if !strings.Contains(s, "remember me") || strings.Contains(s, "Lockchat service") {
		t.Errorf("the continued conversation or its warning is wrong:\n%s", s)
	}
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "lockchat to exit", contains("EXIT=0"), e2eWait)
}
