package oneshot_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// rig is one-shot mode wired to a loopback server and a store in a
// temporary directory.
type rig struct {
	srv            *clienttest.Server
	client         *client.Client
	journal        *session.Journal
	stdout, stderr bytes.Buffer
}

func newRig(t *testing.T, opts ...clienttest.Option) *rig {
	t.Helper()
	r := &rig{srv: clienttest.Start(t, opts...)}
	o := client.DefaultOptions()
	o.MaxRetries, o.NoPartial = 0, true // as lockchat's configuration sets them
	r.client = client.New(client.Provider{Name: "local", BaseURL: r.srv.URL, Auth: client.AuthNone}, o)
	j, notices := session.OpenJournal(filepath.Join(t.TempDir(), session.FileName))
	if len(notices) > 0 {
		t.Fatalf("opening the store: %v", notices)
	}
	t.Cleanup(func() { j.Close() })
	r.journal = j
	return r
}

// config is a run of prompt that saves to the rig's store.
func (r *rig) config(prompt string) oneshot.Config {
	return oneshot.Config{Client: r.client, Prompt: prompt, Journal: r.journal,
		Request: client.Request{Model: "m1", Temperature: 0.5},
		Stdout:  &r.stdout, Stderr: &r.stderr}
}

// run runs cfg and resets the captured output first.
func (r *rig) run(t *testing.T, cfg oneshot.Config) int {
	t.Helper()
	r.stdout.Reset()
	r.stderr.Reset()
	return oneshot.Run(context.Background(), cfg)
}

// last loads the newest conversation and its branch in use.
func (r *rig) last(t *testing.T) (session.Conversation, []session.Message) {
	t.Helper()
	store := r.journal.Store()
	c, err := store.Last()
	if err != nil {
		t.Fatal(err)
	}
	conv, msgs, err := store.Load(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return conv, session.NewTree(msgs).Path(conv.LeafID)
}

// sent is what the server received in its n-th chat request, as role:content.
func (r *rig) sent(t *testing.T, n int) []string {
	t.Helper()
	reqs := r.srv.ChatRequests()
	if len(reqs) < n {
		t.Fatalf("%d requests reached the server, want at least %d", len(reqs), n)
	}
	var out []string
	for _, m := range reqs[n-1].Chat.Messages {
		out = append(out, m.Role+":"+m.Content)
	}
	return out
}

func TestRunSavesANewConversation(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply("Hel", "lo")))
	cfg := r.config("greet me")
	cfg.System = "be kind"
	if code := r.run(t, cfg); code != oneshot.ExitOK || r.stdout.String() != "Hello\n" || r.stderr.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, r.stdout.String(), r.stderr.String())
	}
	if got := strings.Join(r.sent(t, 1), "|"); got != "system:be kind|user:greet me" {
		t.Errorf("sent %q", got)
	}
	conv, path := r.last(t)
	if conv.Title != "greet me" || conv.ProviderName != "local" || conv.Provider != r.srv.URL || conv.SystemPrompt != "be kind" || conv.Model != "m1" {
		t.Errorf("conversation = %+v", conv)
	}
	if len(path) != 2 || path[0].Content != "greet me" || path[1].Content != "Hello" ||
		path[1].ParentID != path[0].ID || path[1].Status != session.StatusComplete || path[1].Model != "m1" {
		t.Fatalf("messages = %+v", path)
	}
}

func TestRunContinuesTheBranchInUse(t *testing.T) {
	r := newRig(t, clienttest.WithScript(clienttest.Sequence(clienttest.Reply("one"), clienttest.Reply("two"))))
	first := r.config("first")
	first.System = "saved prompt"
	if code := r.run(t, first); code != 0 {
		t.Fatalf("first run: exit %d, %s", code, r.stderr.String())
	}
	conv, _ := r.last(t)
	next := r.config("second")
	next.ResumeID = conv.ID
	if code := r.run(t, next); code != 0 || r.stdout.String() != "two\n" {
		t.Fatalf("second run: exit %d, stdout %q, stderr %q", code, r.stdout.String(), r.stderr.String())
	}
	want := "system:saved prompt|user:first|assistant:one|user:second"
	if got := strings.Join(r.sent(t, 2), "|"); got != want {
		t.Errorf("sent %q, want %q", got, want)
	}
	again, path := r.last(t)
	if again.ID != conv.ID || len(path) != 4 || path[2].ParentID != path[1].ID || path[3].Content != "two" {
		t.Errorf("the second exchange did not continue the branch: %+v", path)
	}
}

func TestRunWithoutJournalSavesNothing(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply("x")))
	cfg := r.config("not kept")
	cfg.Journal = nil
	if code := r.run(t, cfg); code != 0 || r.stdout.String() != "x\n" {
		t.Fatalf("exit %d, stdout %q", code, r.stdout.String())
	}
	if _, err := r.journal.Store().Last(); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("a conversation was saved: %v", err)
	}
}

func TestRunFailureIsSavedAndSaidOnce(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.JSONError(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")))
	if code := r.run(t, r.config("hi")); code != oneshot.ExitFailed || r.stdout.Len() != 0 {
		t.Fatalf("exit %d, stdout %q", code, r.stdout.String())
	}
	if got := r.stderr.String(); !strings.HasPrefix(got, "lockchat: ") || !strings.Contains(got, "Incorrect API key") || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr %q, want one sentence naming the error", got)
	}
	_, path := r.last(t)
	if reply := path[len(path)-1]; reply.Status != session.StatusError || !strings.Contains(reply.ErrorText, "Incorrect API key") {
		t.Errorf("reply saved as %+v", reply)
	}
}

func TestRunCanceledExits130AndKeepsTheText(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply("so far").With(func(resp *clienttest.Response) {
		resp.Events = resp.Events[:2] // the role chunk and the text, then nothing
		resp.Stall = true
	})))
	ctx, cancel := context.WithCancel(context.Background())
	out := &notify{seen: "so far", done: make(chan struct{})}
	go func() { <-out.done; cancel() }()
	cfg := r.config("hi")
	cfg.Output = out
	if code := oneshot.Run(ctx, cfg); code != oneshot.ExitInterrupted {
		t.Fatalf("exit %d, stderr %q", code, r.stderr.String())
	}
	if _, path := r.last(t); path[1].Status != session.StatusStopped || path[1].Content != "so far" {
		t.Errorf("reply saved as %+v", path[1])
	}
}

func TestRunWriteErrorExitsOne(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply("text")))
	cfg := r.config("hi")
	cfg.Output = &oneshot.Raw{W: failWriter{}}
	if code := r.run(t, cfg); code != oneshot.ExitFailed || !strings.Contains(r.stderr.String(), "could not write the reply") {
		t.Errorf("exit %d, stderr %q", code, r.stderr.String())
	}
}

func TestUnreachableHint(t *testing.T) {
	lockchat := client.Builtin()["lockchat"]
	network := &client.Error{Kind: client.KindNetwork}
	if h := oneshot.UnreachableHint(lockchat)(network); !strings.Contains(h, "--demo") {
		t.Errorf("the default host's hint = %q", h)
	}
	other := lockchat
	other.BaseURL = "http://127.0.0.1:1/v1"
	for name, c := range map[string]struct {
		p client.Provider
		e *client.Error
	}{
		"another base URL": {other, network},
		"another provider": {client.Builtin()["ollama"], network},
		"an HTTP error":    {lockchat, &client.Error{Kind: client.KindHTTPStatus}},
	} {
		if h := oneshot.UnreachableHint(c.p)(c.e); h != "" {
			t.Errorf("%s: hint %q, want none", name, h)
		}
	}
}

// notify is an Output that closes done once the text written holds seen.
type notify struct {
	bytes.Buffer
	seen string
	done chan struct{}
}

func (n *notify) Write(text string) error {
	before := strings.Contains(n.String(), n.seen)
	n.WriteString(text)
	if !before && strings.Contains(n.String(), n.seen) {
		close(n.done)
	}
	return nil
}

func (n *notify) Close() error { return nil }

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestRunContinuedSystemPrompt: a continued conversation keeps its system
// prompt unless one is chosen, which is sent and saved from then on.
func TestRunContinuedSystemPrompt(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply("ok")))
	first := r.config("first")
	first.System = "saved"
	r.run(t, first)
	conv, _ := r.last(t)

	kept := r.config("kept")
	kept.ResumeID, kept.System = conv.ID, "from the config file"
	r.run(t, kept)
	if got := r.sent(t, 2)[0]; got != "system:saved" {
		t.Errorf("without --system the request starts with %q", got)
	}
	chosen := r.config("chosen")
	chosen.ResumeID, chosen.System, chosen.SystemChosen = conv.ID, "new", true
	r.run(t, chosen)
	if got := r.sent(t, 3)[0]; got != "system:new" {
		t.Errorf("with --system the request starts with %q", got)
	}
	if saved, _ := r.last(t); saved.SystemPrompt != "new" {
		t.Errorf("saved system prompt %q, want the one chosen", saved.SystemPrompt)
	}
	again := r.config("again")
	again.ResumeID = conv.ID
	r.run(t, again)
	if got := r.sent(t, 4)[0]; got != "system:new" {
		t.Errorf("the next run starts with %q, want the prompt chosen before", got)
	}
}

// TestRunContinuedElsewhereMovesTheConversation: continuing through
// another server records it, so that the next -c goes there too.
func TestRunContinuedElsewhereMovesTheConversation(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply("ok")))
	r.run(t, r.config("first"))
	conv, _ := r.last(t)
	moved := clienttest.Start(t, clienttest.WithReply(clienttest.Reply("there")))
	cfg := r.config("second")
	cfg.ResumeID = conv.ID
	cfg.Client = client.New(client.Provider{Name: "other", BaseURL: moved.URL, Auth: client.AuthNone}, client.DefaultOptions())
	if code := r.run(t, cfg); code != 0 || r.stdout.String() != "there\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, r.stdout.String(), r.stderr.String())
	}
	if got, _ := r.last(t); got.ProviderName != "other" || got.Provider != moved.URL {
		t.Errorf("the conversation records %q at %q, want other at %q", got.ProviderName, got.Provider, moved.URL)
	}
}

// TestRunStopsAtMaxReplyBytes: a reply that passes the limit is printed
// and kept up to it (never in the middle of a character), said in one
// sentence, saved as truncated, and the run fails.
func TestRunStopsAtMaxReplyBytes(t *testing.T) {
	cases := []struct {
		max         int
		tokens      []string
		kept, limit string
	}{
		{10, []string{"0123", "4567", "89ab", "cdef"}, "0123456789", "10 bytes"},
		{5, []string{"ää", "ää"}, "ää", "5 bytes"}, // the third ä would be cut in two
		{1024, []string{strings.Repeat("x", 1000), strings.Repeat("y", 1000)}, strings.Repeat("x", 1000) + strings.Repeat("y", 24), "1 KiB"},
	}
	for _, c := range cases {
		r := newRig(t, clienttest.WithReply(clienttest.Reply(c.tokens...)))
		cfg := r.config("endless")
		cfg.MaxReplyBytes = c.max
		code := r.run(t, cfg)
		want := "lockchat: the reply reached max_reply_bytes (" + c.limit + ") and was stopped; the text up to it is kept\n"
		if code != oneshot.ExitFailed || r.stdout.String() != c.kept+"\n" || r.stderr.String() != want {
			t.Errorf("limit %d: exit %d, stdout %q, stderr %q", c.max, code, r.stdout.String(), r.stderr.String())
		}
		_, path := r.last(t)
		if reply := path[1]; reply.Content != c.kept || reply.Status != session.StatusTruncated || !strings.Contains(reply.ErrorText, "max_reply_bytes") {
			t.Errorf("limit %d: saved %q as %s (%q)", c.max, reply.Content, reply.Status, reply.ErrorText)
		}
	}
	r := newRig(t, clienttest.WithReply(clienttest.Reply("0123", "4567")))
	cfg := r.config("exactly")
	cfg.MaxReplyBytes = 8
	if code := r.run(t, cfg); code != 0 || r.stdout.String() != "01234567\n" {
		t.Errorf("a reply of exactly the limit: exit %d, stdout %q, stderr %q", code, r.stdout.String(), r.stderr.String())
	}
}

// TestUnreachableNotice: the chat's warning at start names the ways on
// from the default Lockchat host, asks whether a local server is running
// (and how to start it) when it refuses the connection, and is the
// failure's own sentence for any other server.
func TestUnreachableNotice(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	probe := func(p client.Provider) error {
		p.BaseURL = "http://" + addr + "/v1"
		return client.New(p, client.DefaultOptions()).Probe(t.Context())
	}
	builtin := client.Builtin()
	refused := "Could not connect to " + addr + ": connection refused. Check that the server is running and the base URL is right."
	for _, c := range []struct {
		p    client.Provider
		want string
	}{
		{builtin["lockchat"], "The Lockchat service could not be reached (it may be gone for good): try --demo"},
		{builtin["ollama"], "Can't reach localhost:11434 — is Ollama running? Start it with: ollama serve."},
		{builtin["llamacpp"], "Can't reach localhost:8080 — is llama-server running? Start it with: llama-server -m MODEL.gguf."},
		{builtin["openai"], refused},
	} {
		err := probe(c.p)
		if got := oneshot.UnreachableNotice(c.p)(err); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: %q, want %q", c.p.Name, got, c.want)
		}
	}
	moved := builtin["lockchat"]
	moved.BaseURL = "http://" + addr + "/v1"
	if got := oneshot.UnreachableNotice(moved)(probe(moved)); got != refused {
		t.Errorf("lockchat at another base URL: %q, want the failure itself", got)
	}
	dns := &client.Error{Kind: client.KindNetwork, Message: "Could not reach nowhere.invalid: the host name does not resolve."}
	if got := oneshot.UnreachableNotice(builtin["ollama"])(dns); got != dns.Message {
		t.Errorf("ollama at a host that does not resolve: %q", got)
	}
}
