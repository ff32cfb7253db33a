package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// readmeTroubleshooting returns the lines of the code blocks in README.md's
// Troubleshooting section: the messages it quotes.
func readmeTroubleshooting(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(data), "\n## Troubleshooting\n")
	if !ok {
		t.Fatal("README.md has no Troubleshooting section")
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	var quoted []string
	in := false
	for _, l := range strings.Split(sec, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "```"):
			in = !in
		case in && l != "":
			quoted = append(quoted, l)
		}
	}
	return quoted
}

// readmeQuote is the quoted message that starts with prefix.
func readmeQuote(t *testing.T, prefix string) string {
	t.Helper()
	for _, q := range readmeTroubleshooting(t) {
		if strings.HasPrefix(q, prefix) {
			return q
		}
	}
	t.Fatalf("README.md's Troubleshooting quotes no message starting %q", prefix)
	return ""
}

// TestReadmeConnectionRefused: the README's message for a server that is
// not running is what one-shot mode prints, with --base-url and with
// LOCKCHAT_BASE_URL alike.
func TestReadmeConnectionRefused(t *testing.T) {
	want := readmeQuote(t, "lockchat: Could not connect to ")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	addr := clienttest.ClosedAddr(t)
	cases := map[string]struct {
		env  string
		args []string
	}{
		"--base-url":        {"", []string{"--provider", "ollama", "--base-url", "http://" + addr + "/v1"}},
		"LOCKCHAT_BASE_URL": {"http://" + addr + "/v1", nil},
	}
	for name, c := range cases {
		t.Setenv("LOCKCHAT_BASE_URL", c.env)
		var out, errs strings.Builder
		args := append(c.args, "-p", "hi", "--no-save", "--max-retries", "0")
		code := run(args, strings.NewReader(""), &out, &errs)
		// The README shows Ollama's default address.
		got := strings.ReplaceAll(strings.TrimSuffix(errs.String(), "\n"), addr, "localhost:11434")
		if code != 1 || got != want {
			t.Errorf("%s: exit %d, stderr %q; the README says %q", name, code, got, want)
		}
	}
}

// TestReadmeLockchatGone: with the default provider, a host that does not
// resolve gets the failure's sentence and the ways on, as the README
// quotes, in one-shot mode and in the chat.
func TestReadmeLockchatGone(t *testing.T) {
	want := readmeQuote(t, "lockchat: Could not reach super.lockchat.app")
	p := client.Builtin()["lockchat"]
	opts := client.DefaultOptions()
	opts.MaxRetries = 0
	opts.HTTPClient = &http.Client{Transport: &http.Transport{
		DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
			host, _, _ := net.SplitHostPort(addr)
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		},
	}}
	c := client.New(p, opts)
	req := client.Request{Model: p.DefaultModel, Messages: []client.Message{{Role: client.RoleUser, Content: "hi"}}}
	hint := oneshot.UnreachableHint(p)

	var errs strings.Builder
	code := oneshot.Run(context.Background(), oneshot.Config{Client: c, Request: client.Request{Model: p.DefaultModel},
		Prompt: "hi", Stdout: &strings.Builder{}, Stderr: &errs, Output: &oneshot.Raw{W: &strings.Builder{}}, Hint: hint})
	if got := strings.TrimSuffix(errs.String(), "\n"); code != 1 || got != want {
		t.Errorf("one-shot: exit %d, stderr %q; the README says %q", code, got, want)
	}

	st := c.Stream(context.Background(), req)
	for range st.Events() {
	}
	ce, ok := client.AsError(st.Err())
	if !ok {
		t.Fatalf("the stream ended with %v, not a client error", st.Err())
	}
	if chat := session.Outcome(ce).ErrorText + " " + hint(ce); "lockchat: "+chat != want {
		t.Errorf("the chat shows %q; the README says %q", chat, strings.TrimPrefix(want, "lockchat: "))
	}
}
