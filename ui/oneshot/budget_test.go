package oneshot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// prose is n words, about n tokens.
func prose(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }

// converse saves n exchanges of long prompts in one conversation and
// returns its ID.
func converse(t *testing.T, r *rig, n int) string {
	t.Helper()
	id := ""
	for range n {
		cfg := r.config(prose(60))
		cfg.ResumeID = id
		if code := r.run(t, cfg); code != 0 {
			t.Fatalf("exit %d: %s", code, r.stderr.String())
		}
		conv, _ := r.last(t)
		id = conv.ID
	}
	return id
}

func TestContinueLeavesOutWhatDoesNotFit(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply(prose(60))))
	id := converse(t, r, 4)
	cfg := r.config("last question")
	cfg.ResumeID = id
	cfg.Window = func(context.Context, string) int { return 400 } // 300 for the messages
	if code := r.run(t, cfg); code != 0 {
		t.Fatalf("exit %d: %s", code, r.stderr.String())
	}
	sent := r.sent(t, 5)
	if len(sent) >= 9 || len(sent) < 2 || sent[len(sent)-1] != "user:last question" || !strings.HasPrefix(sent[0], "user:") {
		t.Fatalf("sent %d messages: %.80q", len(sent), sent)
	}
	want := fmt.Sprintf("lockchat: %d earlier messages are not sent: ", 9-len(sent))
	if !strings.HasPrefix(r.stderr.String(), want) || strings.Count(r.stderr.String(), "\n") != 1 {
		t.Errorf("stderr %q, want one line starting %q", r.stderr.String(), want)
	}
}

func TestContinueRefusesAPromptThatAloneDoesNotFit(t *testing.T) {
	r := newRig(t, clienttest.WithReply(clienttest.Reply("ok")))
	id := converse(t, r, 1)
	cfg := r.config(prose(500))
	cfg.ResumeID = id
	cfg.Window = func(context.Context, string) int { return 400 }
	if code := r.run(t, cfg); code != oneshot.ExitUsage {
		t.Fatalf("exit %d, want %d", code, oneshot.ExitUsage)
	}
	if n := len(r.srv.ChatRequests()); n != 1 {
		t.Errorf("%d requests, want the too-long prompt not sent", n)
	}
	if !strings.Contains(r.stderr.String(), "too long") || strings.Count(r.stderr.String(), "\n") != 1 {
		t.Errorf("stderr %q, want one sentence", r.stderr.String())
	}
}

func TestContextLengthErrorIsRetriedShorter(t *testing.T) {
	refusal := clienttest.JSONError(400, "This model's maximum context length is 300 tokens. However, your messages resulted in 600 tokens.",
		"invalid_request_error", "context_length_exceeded")
	r := newRig(t, clienttest.WithScript(clienttest.Sequence(clienttest.Reply(prose(60)), clienttest.Reply(prose(60)),
		clienttest.Reply(prose(60)), refusal, clienttest.Reply("fits"))))
	id := converse(t, r, 3)
	cfg := r.config("and then?")
	cfg.ResumeID = id // no window known: everything is sent first
	if code := r.run(t, cfg); code != 0 || r.stdout.String() != "fits\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, r.stdout.String(), r.stderr.String())
	}
	if full, retried := r.sent(t, 4), r.sent(t, 5); len(full) != 7 || len(retried) >= len(full) || retried[len(retried)-1] != "user:and then?" {
		t.Errorf("first %d messages, retry %d", len(full), len(retried))
	}
	if !strings.Contains(r.stderr.String(), "context window") || !strings.Contains(r.stderr.String(), "not sent") {
		t.Errorf("stderr %q does not explain the retry", r.stderr.String())
	}
}
