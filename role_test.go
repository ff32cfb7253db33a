package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
)

// roleConfig writes a config file with two named prompts.
func roleConfig(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	text := "[prompts]\nreviewer = \"You are a strict code reviewer.\"\npirate = \"Talk like a pirate.\"\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// roleRun runs lockchat in one-shot mode against srv with the role config
// and a store of its own.
func roleRun(t *testing.T, srv *clienttest.Server, config, data string, args ...string) (int, string) {
	t.Helper()
	t.Setenv("LOCKCHAT_BASE_URL", "")
	base := []string{"--config", config, "--data-dir", data, "--provider", "ollama", "--base-url", srv.URL, "--max-retries", "0"}
	var out, errs strings.Builder
	code := run(append(base, args...), strings.NewReader(""), &out, &errs)
	return code, errs.String()
}

// sentMessages is the messages member of a request body, as sent.
func sentMessages(t *testing.T, r clienttest.Recorded) string {
	t.Helper()
	var body struct {
		Messages json.RawMessage `json:"messages"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	return string(body.Messages)
}

// TestRoleSetsTheSystemPrompt: -r NAME sends the named prompt as the
// system message of a new conversation and, with -c, from the next
// request on in place of the one the conversation had.
func TestRoleSetsTheSystemPrompt(t *testing.T) {
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("Aye.")))
	config, data := roleConfig(t), t.TempDir()
	if code, errs := roleRun(t, srv, config, data, "-r", "pirate", "-p", "hi"); code != 0 {
		t.Fatalf("-r pirate: exit %d, stderr %q", code, errs)
	}
	if code, errs := roleRun(t, srv, config, data, "-c", "--role", "reviewer", "-p", "again"); code != 0 {
		t.Fatalf("-c --role reviewer: exit %d, stderr %q", code, errs)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	want := []string{
		`[{"role":"system","content":"Talk like a pirate."},{"role":"user","content":"hi"}]`,
		`[{"role":"system","content":"You are a strict code reviewer."},{"role":"user","content":"hi"},` +
			`{"role":"assistant","content":"Aye."},{"role":"user","content":"again"}]`,
	}
	for i, w := range want {
		if got := sentMessages(t, reqs[i]); got != w {
			t.Errorf("request %d sent\n%s\nwant\n%s", i+1, got, w)
		}
	}
}

// TestRoleUsageErrors: an unknown role, or --role with --system, is a
// usage error (exit 2) in one sentence, and nothing is sent.
func TestRoleUsageErrors(t *testing.T) {
	srv := clienttest.Start(t)
	config := roleConfig(t)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown", []string{"-r", "critic", "-p", "hi"}, `unknown role "critic": the config file's [prompts] table has "pirate", "reviewer"`},
		{"with --system", []string{"--role", "pirate", "--system", "Be brief.", "-p", "hi"}, "--role and --system can't be used together"},
		{"models subcommand", []string{"models", "-r", "critic"}, `unknown role "critic"`},
	}
	for _, c := range cases {
		code, errs := roleRun(t, srv, config, t.TempDir(), c.args...)
		if code != 2 || !strings.Contains(errs, c.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and one line with %q", c.name, code, errs, c.want)
		}
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("the server received %d requests, want none", n)
	}
}
