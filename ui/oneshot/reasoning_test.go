package oneshot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/oneshot"
)

var (
	thought = []string{"Let me ", "think \x1b[31mred\x1b[0m ", "about it."}
	answer  = []string{"The ", "answer."}
)

// thinking is a reply that reasons the way shape says, then answers.
func thinking(shape clienttest.Thinking, tokens ...string) clienttest.Response {
	return clienttest.Stream{Reasoning: thought, Thinking: shape, Tokens: tokens,
		Usage: &clienttest.Usage{PromptTokens: 12, CompletionTokens: 34}}.Response()
}

// TestReasoningIsNotTheAnswer: in every shape servers send it, reasoning
// stays off stdout, is saved apart from the answer, and with --reasoning
// goes to stderr, sanitised, as it arrives.
func TestReasoningIsNotTheAnswer(t *testing.T) {
	for _, shape := range []clienttest.Thinking{clienttest.ThinkReasoningContent, clienttest.ThinkReasoning, clienttest.ThinkTags} {
		for _, show := range []bool{false, true} {
			r := newRig(t, clienttest.WithReply(thinking(shape, answer...)))
			cfg := r.config("why?")
			cfg.Reasoning = show
			if code := r.run(t, cfg); code != 0 {
				t.Fatalf("%s: exit %d, stderr %q", shape, code, r.stderr.String())
			}
			if got := strings.TrimSpace(r.stdout.String()); got != "The answer." {
				t.Errorf("%s: stdout %q, want only the answer", shape, r.stdout.String())
			}
			wantErr := ""
			if show {
				wantErr = "Let me think ␛[31mred␛[0m about it.\n"
			}
			if got := strings.TrimLeft(r.stderr.String(), "\n"); got != wantErr {
				t.Errorf("%s, --reasoning %v: stderr %q, want %q", shape, show, r.stderr.String(), wantErr)
			}
			_, path := r.last(t)
			reply := path[1]
			if strings.TrimSpace(reply.Reasoning) != strings.Join(thought, "") || strings.TrimSpace(reply.Content) != "The answer." {
				t.Errorf("%s: saved answer %q, reasoning %q", shape, reply.Content, reply.Reasoning)
			}
			if reply.PromptTokens != 12 || reply.CompletionTokens != 34 || reply.Status != session.StatusComplete {
				t.Errorf("%s: saved %+v", shape, reply)
			}
		}
	}
}

// TestUnopenedThinkBlock: a model that ends a think block it never opened
// had its reasoning printed as answer text (it cannot be taken back), but
// never the tag; the store holds the split.
func TestUnopenedThinkBlock(t *testing.T) {
	r := newRig(t, clienttest.WithReply(thinking(clienttest.ThinkCloseOnly, answer...)))
	if code := r.run(t, r.config("why?")); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, r.stderr.String())
	}
	out := r.stdout.String()
	if strings.Contains(out, "think>") || !strings.Contains(out, "about it.") || !strings.HasSuffix(strings.TrimSpace(out), "The answer.") {
		t.Errorf("stdout %q", out)
	}
	_, path := r.last(t)
	if reply := path[1]; strings.TrimSpace(reply.Reasoning) != strings.Join(thought, "") || strings.TrimSpace(reply.Content) != "The answer." {
		t.Errorf("saved answer %q, reasoning %q", reply.Content, reply.Reasoning)
	}
}

// TestAnsweredOnlyInReasoning: a reply with reasoning and no answer prints
// the reasoning on stdout, once, says so on stderr and exits 0.
func TestAnsweredOnlyInReasoning(t *testing.T) {
	for _, shape := range []clienttest.Thinking{clienttest.ThinkReasoning, clienttest.ThinkCloseOnly} {
		r := newRig(t, clienttest.WithReply(thinking(shape)))
		if code := r.run(t, r.config("why?")); code != 0 {
			t.Fatalf("%s: exit %d, stderr %q", shape, code, r.stderr.String())
		}
		if out := r.stdout.String(); strings.TrimSpace(out) != strings.Join(thought, "") {
			t.Errorf("%s: stdout %q, want the reasoning once", shape, out)
		}
		if got := r.stderr.String(); got != "lockchat: the model answered only in its reasoning.\n" {
			t.Errorf("%s: stderr %q", shape, got)
		}
		if _, path := r.last(t); !path[1].AnsweredInReasoning() {
			t.Errorf("%s: saved %+v", shape, path[1])
		}
	}
}

// TestReasoningTimeIsSaved: how long the model reasoned is kept with the
// reply.
func TestReasoningTimeIsSaved(t *testing.T) {
	const gap = 30 * time.Millisecond
	resp := thinking(clienttest.ThinkReasoning, answer...)
	for i := range resp.Events {
		resp.Events[i].Delay = gap
	}
	r := newRig(t, clienttest.WithReply(resp))
	if code := r.run(t, r.config("why?")); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, r.stderr.String())
	}
	_, path := r.last(t)
	// Three reasoning tokens sent gap apart: the exact figure depends on
	// the network, its rule is TestSaverTimesTheReasoning's.
	if path[1].ReasoningMillis <= 0 {
		t.Errorf("reasoning took %d ms, want some", path[1].ReasoningMillis)
	}
}

// TestRefusedUsageIsRemembered: a server that refuses stream_options gets
// the request again without it, and the store remembers that.
func TestRefusedUsageIsRemembered(t *testing.T) {
	r := newRig(t, clienttest.WithScript(clienttest.RefuseStreamOptions(clienttest.Always(clienttest.Reply("ok")))))
	if code := r.run(t, r.config("hi")); code != 0 || r.stdout.String() != "ok\n" || r.stderr.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, r.stdout.String(), r.stderr.String())
	}
	prefs, err := r.journal.Store().ProviderPrefs(r.srv.URL)
	if err != nil || !prefs.NoStreamUsage {
		t.Errorf("remembered %+v (%v), want NoStreamUsage", prefs, err)
	}
}

// TestReasoningCountsTowardsTheLimit: max_reply_bytes bounds answer and
// reasoning together.
func TestReasoningCountsTowardsTheLimit(t *testing.T) {
	r := newRig(t, clienttest.WithReply(thinking(clienttest.ThinkReasoning, answer...)))
	cfg := r.config("why?")
	cfg.MaxReplyBytes = len(strings.Join(thought, "")) + 2
	if code := r.run(t, cfg); code != oneshot.ExitFailed || r.stdout.String() != "Th\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, r.stdout.String(), r.stderr.String())
	}
}
