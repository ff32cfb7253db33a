package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
)

// isolate points every directory lockchat reads or writes into a
// temporary one and clears the variables that would change its settings.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home+"/config")
	t.Setenv("XDG_DATA_HOME", home+"/data")
	t.Setenv("NO_COLOR", "1")
	for _, v := range []string{"LOCKCHAT_PROVIDER", "LOCKCHAT_BASE_URL", "LOCKCHAT_MODEL", "LOCKCHAT_API_KEY", "OPENAI_API_KEY"} {
		t.Setenv(v, "")
	}
	return home
}

// result is one call of run.
type result struct {
	code           int
	stdout, stderr string
}

// runArgs calls run as the command line would, with stdin as a pipe's
// content (never a terminal).
func runArgs(stdin string, args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, io.Reader(strings.NewReader(stdin)), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// TestUsageErrors: each mistake is one sentence on stderr, exit status 2,
// nothing on stdout and no request sent.
func TestUsageErrors(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t)
	base := []string{"--base-url", srv.URL}
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"unknown flag", "", []string{"-p", "x", "--nope"}, "unknown flag: --nope"},
		{"temperature out of range", "", []string{"-p", "x", "-t", "5"}, "--temperature 5 is out of range: use a value from 0 to 2"},
		{"temperature not a number", "", []string{"-p", "x", "-t", "hot"}, `invalid argument "hot" for "-t, --temperature" flag: not a number`},
		{"retries out of range", "", []string{"-p", "x", "--max-retries", "99"}, "--max-retries 99 is out of range: use 0 to 20"},
		{"negative timeout", "", []string{"-p", "x", "--timeout", "-1s"}, "--timeout -1s must not be negative"},
		{"no-save with continue", "", []string{"-p", "x", "--no-save", "-c"}, "--no-save and --continue can't be used together"},
		{"no prompt on a pipe", "", nil, "no prompt: give one with -p PROMPT or on standard input"},
		{"blank prompt on a pipe", " \n\t\n", nil, "no prompt: give one with -p PROMPT or on standard input"},
		{"blank -p", "", []string{"-p", "  "}, "no prompt: give one with -p PROMPT or on standard input"},
		{"stray argument", "", []string{"-p", "x", "extra"}, `unknown command "extra" for "lockchat"`},
		{"unknown provider", "", []string{"-p", "x", "--provider", "nope"}, `unknown provider "nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runArgs(c.stdin, append(append([]string(nil), base...), c.args...)...)
			if r.code != 2 || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and nothing on stdout", r.code, r.stdout, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "lockchat: ") || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr %q, want the one sentence %q", r.stderr, c.want)
			}
		})
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("%d requests were sent for usage errors", n)
	}
}

// TestExportFormatIsAUsageError: the store's format check is the only one,
// and it is reported as a usage error.
func TestExportFormatIsAUsageError(t *testing.T) {
	isolate(t)
	r := runArgs("", "export", "--format", "html")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown export format "html"; use md or json`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestOneShotThroughRun: a prompt on a pipe is sent and the reply printed.
func TestOneShotThroughRun(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("pong")))
	r := runArgs("ping\n", "--base-url", srv.URL, "-m", "m")
	if r.code != 0 || r.stdout != "pong\n" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if got := srv.ChatRequests()[0].LastUser(); got != "ping" {
		t.Errorf("sent %q", got)
	}
}

// writeConfig writes the config file lockchat reads by default.
func writeConfig(t *testing.T, home, text string) {
	t.Helper()
	dir := filepath.Join(home, "config", "lockchat")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// mustRun runs the command line and fails unless it exits 0.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := runArgs("", args...)
	if r.code != 0 {
		t.Fatalf("lockchat %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// sentTo is the n-th chat request srv received (1-based).
func sentTo(t *testing.T, srv *clienttest.Server, n int) clienttest.Recorded {
	t.Helper()
	reqs := srv.ChatRequests()
	if len(reqs) != n {
		t.Fatalf("the server received %d chat requests, want %d", len(reqs), n)
	}
	return reqs[n-1]
}

// TestContinueGoesWhereTheConversationWasHeld: -c sends to the provider,
// base URL and model the conversation was held with, with that provider's
// key from the environment, unless flags or the environment say otherwise.
func TestContinueGoesWhereTheConversationWasHeld(t *testing.T) {
	home := isolate(t)
	t.Setenv("OPENAI_API_KEY", "sk-test")
	held := clienttest.Start(t, clienttest.WithAuth("sk-test"), clienttest.WithReply(clienttest.Reply("noted")))
	other := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("elsewhere")))
	writeConfig(t, home, "provider = \"other\"\n\n[providers.other]\nbase_url = \""+other.URL+"\"\nauth = \"none\"\ndefault_model = \"o-1\"\n")

	mustRun(t, "--provider", "openai", "--base-url", held.URL, "-m", "gpt-x", "-p", "hi")
	if r := mustRun(t, "-c", "-p", "again"); r.stdout != "noted\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	second := sentTo(t, held, 2)
	if second.Header.Get("Authorization") != "Bearer sk-test" || second.Chat.Model != "gpt-x" || len(second.Chat.Messages) != 3 {
		t.Errorf("the continued request: auth %q, model %q, %d messages", second.Header.Get("Authorization"), second.Chat.Model, len(second.Chat.Messages))
	}
	if n := other.RequestCount(); n != 0 {
		t.Fatalf("%d requests went to the configured default instead", n)
	}

	// --base-url moves the conversation and keeps its provider's auth;
	// the next -c follows it there.
	mustRun(t, "-c", "--base-url", other.URL, "-p", "moved")
	if r := sentTo(t, other, 1); r.Header.Get("Authorization") != "Bearer sk-test" || r.Chat.Model != "gpt-x" {
		t.Errorf("with --base-url: auth %q, model %q", r.Header.Get("Authorization"), r.Chat.Model)
	}
	mustRun(t, "-c", "-p", "still there?")
	sentTo(t, other, 2)

	// A provider named on the command line brings its own model.
	mustRun(t, "-c", "--provider", "other", "-p", "plain")
	if r := sentTo(t, other, 3); r.Header.Get("Authorization") != "" || r.Chat.Model != "o-1" {
		t.Errorf("with --provider: auth %q, model %q; want none and the provider's default", r.Header.Get("Authorization"), r.Chat.Model)
	}
	t.Setenv("LOCKCHAT_MODEL", "m-env")
	mustRun(t, "-c", "-p", "env")
	if r := sentTo(t, other, 4); r.Chat.Model != "m-env" {
		t.Errorf("LOCKCHAT_MODEL: model %q", r.Chat.Model)
	}
	if n := held.RequestCount(); n != 2 {
		t.Errorf("the first server received %d requests, want 2", n)
	}
}

// TestContinueWithAGoneProvider: a conversation whose provider was taken
// out of the config file is one sentence and exit 2, with no request.
func TestContinueWithAGoneProvider(t *testing.T) {
	home := isolate(t)
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("ok")))
	writeConfig(t, home, "[providers.work]\nbase_url = \""+srv.URL+"\"\nauth = \"none\"\ndefault_model = \"w\"\n")
	mustRun(t, "--provider", "work", "-p", "hi")
	writeConfig(t, home, "model = \"gpt-4\"\n")
	r := runArgs("", "-c", "-p", "again")
	want := `lockchat: the conversation was held with provider "work", which is no longer built in or in the config file: define [providers.work] again or name one with --provider` + "\n"
	if r.code != 2 || r.stderr != want || r.stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", r.code, r.stdout, r.stderr, want)
	}
	if n := srv.RequestCount(); n != 1 {
		t.Errorf("%d requests, want only the first", n)
	}
}

// TestResumeInOneShot: --resume continues the conversation it names, by a
// prefix; an unknown one is a usage error and nothing is sent.
func TestResumeInOneShot(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("ok")))
	mustRun(t, "--base-url", srv.URL, "-p", "first topic")
	mustRun(t, "--base-url", srv.URL, "-p", "second topic")
	first := firstConversation(t)
	mustRun(t, "--base-url", srv.URL, "--resume", first[:len(first)-1], "-p", "back to it")
	got := sentTo(t, srv, 3).Chat.Messages
	if len(got) != 3 || got[0].Content != "first topic" || got[2].Content != "back to it" {
		t.Errorf("--resume sent %+v", got)
	}
	r := runArgs("", "--base-url", srv.URL, "--resume", "zzzzzz", "-p", "x")
	if r.code != 2 || !strings.Contains(r.stderr, `no conversation ID starts with "zzzzzz"`) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("unknown --resume: exit %d, stderr %q", r.code, r.stderr)
	}
	if n := srv.RequestCount(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

// firstConversation is the ID of the oldest conversation in the store.
func firstConversation(t *testing.T) string {
	t.Helper()
	store := openUserStore(t, session.FileName)
	list, err := store.List(100, 0)
	if err != nil || len(list) == 0 {
		t.Fatalf("listing: %v, %d conversations", err, len(list))
	}
	return list[len(list)-1].ID
}

// openUserStore opens a store file of the isolated data directory.
func openUserStore(t *testing.T, name string) *session.Store {
	t.Helper()
	store, _, err := session.Open(filepath.Join(os.Getenv("XDG_DATA_HOME"), "lockchat", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// TestDemoHasAStoreOfItsOwn: --demo's conversations never enter the
// user's list.
func TestDemoHasAStoreOfItsOwn(t *testing.T) {
	isolate(t)
	if r := mustRun(t, "--demo", "-p", "hello"); !strings.Contains(r.stdout, "demo mode") {
		t.Fatalf("stdout %q", r.stdout)
	}
	if list, err := openUserStore(t, demoFileName).List(10, 0); err != nil || len(list) != 1 {
		t.Errorf("the demo store holds %d conversations (%v), want 1", len(list), err)
	}
	if list, err := openUserStore(t, session.FileName).List(10, 0); err != nil || len(list) != 0 {
		t.Errorf("the user's store holds %d conversations (%v), want none", len(list), err)
	}
	// The store commands reach the demo's store with --demo, and only so.
	if r := mustRun(t, "ls"); strings.Contains(r.stdout, "hello") {
		t.Errorf("ls lists the demo's conversation: %q", r.stdout)
	}
	if r := mustRun(t, "ls", "--demo"); !strings.Contains(r.stdout, "hello") {
		t.Errorf("ls --demo does not list the demo's conversation: %q", r.stdout)
	}
	if r := mustRun(t, "--demo", "search", "hello"); !strings.Contains(r.stdout, "hello") {
		t.Errorf("search --demo finds nothing: %q", r.stdout)
	}
	if r := mustRun(t, "models", "--demo"); !strings.Contains(r.stdout, clienttest.DemoThinkingModel) {
		t.Errorf("models --demo does not list the demo server's models: %q", r.stdout)
	}
}

// TestRefusedUsageIsNotAskedAgain: once a server refused stream_options,
// later runs send requests without it from the start.
func TestRefusedUsageIsNotAskedAgain(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t, clienttest.WithScript(clienttest.RefuseStreamOptions(clienttest.Always(clienttest.Reply("ok")))))
	mustRun(t, "--base-url", srv.URL, "-p", "first")
	mustRun(t, "--base-url", srv.URL, "-p", "second")
	reqs := srv.ChatRequests()
	if len(reqs) != 3 || !reqs[0].WantsUsage() || reqs[1].WantsUsage() || reqs[2].WantsUsage() {
		var asked []bool
		for _, r := range reqs {
			asked = append(asked, r.WantsUsage())
		}
		t.Errorf("requests asking for usage: %v; want the first only, then two without", asked)
	}
}

// TestReasoningFlag: --reasoning puts the reasoning on stderr; stdout
// holds only the answer either way.
func TestReasoningFlag(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t, clienttest.WithReply(clienttest.Stream{Reasoning: []string{"hmm, ", "primes"}, Tokens: []string{"2, 3, 5"}}.Response()))
	quiet := mustRun(t, "--base-url", srv.URL, "-p", "primes?")
	loud := mustRun(t, "--base-url", srv.URL, "--reasoning", "-p", "primes?")
	if quiet.stdout != "2, 3, 5\n" || loud.stdout != quiet.stdout || quiet.stderr != "" || loud.stderr != "hmm, primes\n" {
		t.Errorf("without --reasoning: %q / %q; with it: %q / %q", quiet.stdout, quiet.stderr, loud.stdout, loud.stderr)
	}
}

// TestContinueRunsTheKeyCommandOnce: resuming a conversation held with the
// provider in use resolves it once, so api_key_cmd runs once a run.
func TestContinueRunsTheKeyCommandOnce(t *testing.T) {
	home := isolate(t)
	srv := clienttest.Start(t, clienttest.WithAuth("k-1"), clienttest.WithReply(clienttest.Reply("ok")))
	runs := filepath.Join(home, "key-runs")
	writeConfig(t, home, "provider = \"work\"\n[providers.work]\nbase_url = \""+srv.URL+"\"\ndefault_model = \"w\"\n"+
		"api_key_cmd = \"echo run >> '"+runs+"'; echo k-1\"\n")
	mustRun(t, "-p", "hi")
	mustRun(t, "-c", "-p", "again")
	data, err := os.ReadFile(runs)
	if n := strings.Count(string(data), "run"); err != nil || n != 2 {
		t.Errorf("api_key_cmd ran %d times in two runs (%v)", n, err)
	}
	if n := srv.RequestCount(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}
