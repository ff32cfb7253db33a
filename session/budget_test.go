package session

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/tokens"
	"github.com/lockchat/lockchat/client/tokens/exact"
)

// runes is a counter whose cost is easy to reason about: one token a rune.
func runes(s string) int { return len([]rune(s)) }

// costOf is what Trim charges for msgs under the runes counter.
func costOf(msgs []client.Message) int {
	n := replyPrimer
	for _, m := range msgs {
		n += messageOverhead + runes(m.Content)
	}
	return n
}

func turns(sys string, contents ...string) []client.Message {
	var out []client.Message
	if sys != "" {
		out = append(out, client.Message{Role: client.RoleSystem, Content: sys})
	}
	for i, c := range contents {
		role := client.RoleUser
		if i%2 == 1 {
			role = client.RoleAssistant
		}
		out = append(out, client.Message{Role: role, Content: c})
	}
	return out
}

func TestTrimLeavesOutTheOldestTurns(t *testing.T) {
	msgs := turns("sys", strings.Repeat("a", 40), strings.Repeat("b", 40), "cc", "dd", "now")
	// Everything costs 3 + (4+3) + 2*(4+40) + 2*(4+2) + (4+3) = 117 tokens.
	b := Budget{Window: 100, MaxTokens: 40} // 60 for the messages
	got, err := Trim(msgs, b, runes)
	if err != nil {
		t.Fatal(err)
	}
	want := []client.Message{msgs[0], msgs[3], msgs[4], msgs[5]}
	if fmt.Sprint(got.Messages) != fmt.Sprint(want) || got.Omitted != 2 || got.Tokens != costOf(want) {
		t.Errorf("Trim = %v, omitted %d, %d tokens; want %v, 2, %d", got.Messages, got.Omitted, got.Tokens, want, costOf(want))
	}
}

// TestTrimNeverStartsWithAReply: a reply whose prompt must go goes too.
func TestTrimNeverStartsWithAReply(t *testing.T) {
	msgs := turns("", strings.Repeat("q", 50), "short answer", "now")
	b := Budget{Window: 80, MaxTokens: 40} // room for the answer, not its question
	got, err := Trim(msgs, b, runes)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Messages) != 1 || got.Messages[0].Content != "now" || got.Omitted != 2 {
		t.Errorf("Trim = %v, omitted %d; want the newest prompt alone", got.Messages, got.Omitted)
	}
}

func TestTrimReserveIsAQuarterWithoutMaxTokens(t *testing.T) {
	b := Budget{Window: 8192}
	if b.Reserve() != 2048 || b.Limit() != 6144 {
		t.Errorf("reserve %d, limit %d; want 2048 and 6144", b.Reserve(), b.Limit())
	}
	if b := (Budget{Window: 8192, MaxTokens: 1000}); b.Reserve() != 1000 || b.Limit() != 7192 {
		t.Errorf("with max_tokens: reserve %d, limit %d", b.Reserve(), b.Limit())
	}
}

func TestTrimUnknownWindowSendsEverything(t *testing.T) {
	msgs := turns("sys", strings.Repeat("x", 100000), "a", "now")
	got, err := Trim(msgs, Budget{}, runes)
	if err != nil || len(got.Messages) != len(msgs) || got.Omitted != 0 || got.Tokens != costOf(msgs) {
		t.Errorf("Trim = %d messages, omitted %d, %d tokens, %v", len(got.Messages), got.Omitted, got.Tokens, err)
	}
}

func TestTrimPromptTooLongIsOneSentence(t *testing.T) {
	msgs := turns("you are terse", "hi", "hello", strings.Repeat("word ", 7000))
	_, err := Trim(msgs, Budget{Window: 8192}, exact.Count)
	var tl *TooLongError
	if !errors.As(err, &tl) {
		t.Fatalf("err = %v, want a *TooLongError", err)
	}
	msg := err.Error()
	for _, want := range []string{"8192-token context window", "leaves 6144", "2048 are kept for the reply", "with the system prompt", "shorten the prompt"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not say %q", msg, want)
		}
	}
	if strings.Count(msg, ". ") > 0 || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, ".") {
		t.Errorf("%q is not one sentence", msg)
	}
	_, err = Trim(turns("", "hi"), Budget{Window: 4096, MaxTokens: 4096}, runes)
	if err == nil || !strings.Contains(err.Error(), "lower max_tokens") {
		t.Errorf("max_tokens filling the window: %v", err)
	}
}

func TestBudgetScaled(t *testing.T) {
	b := Budget{Window: 8192, MaxTokens: 1000}
	if got := b.Scaled(8000, 10000); got.Window != 6553 || got.MaxTokens != 1000 {
		t.Errorf("Scaled = %+v, want the window shrunk to 6553", got)
	}
	if got := b.Scaled(10000, 8000); got != b {
		t.Errorf("Scaled grew the window: %+v", got)
	}
}

// TestTrimProperties holds, over random conversations and budgets: the
// system prompt and the newest prompt are always sent; the kept turns
// are the newest, in order; the budget is never exceeded; the kept
// history never starts with a reply, so it alternates as the input did;
// and no more is left out than needed.
func TestTrimProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 13))
	for round := range 3000 {
		var contents []string
		for range 1 + 2*rng.IntN(12) {
			contents = append(contents, strings.Repeat("w", rng.IntN(60)))
		}
		sys := ""
		if rng.IntN(2) == 0 {
			sys = strings.Repeat("s", 1+rng.IntN(30))
		}
		msgs := turns(sys, contents...)
		b := Budget{Window: rng.IntN(400), MaxTokens: rng.IntN(3) * rng.IntN(100)}
		got, err := Trim(msgs, b, runes)
		where := fmt.Sprintf("round %d (budget %+v, %d messages)", round, b, len(msgs))

		sysN := 0
		if sys != "" {
			sysN = 1
		}
		fixed := costOf(append(append([]client.Message{}, msgs[:sysN]...), msgs[len(msgs)-1]))
		if err != nil {
			if b.Window <= 0 || fixed <= b.Limit() {
				t.Fatalf("%s: error %v though the fixed part (%d) fits %d", where, err, fixed, b.Limit())
			}
			continue
		}
		if b.Window > 0 && fixed > b.Limit() {
			t.Fatalf("%s: no error though the fixed part (%d) exceeds %d", where, fixed, b.Limit())
		}
		out := got.Messages
		if sysN == 1 && (len(out) == 0 || fmt.Sprint(out[0]) != fmt.Sprint(msgs[0])) {
			t.Fatalf("%s: system prompt not sent first: %v", where, out)
		}
		if fmt.Sprint(out[len(out)-1]) != fmt.Sprint(msgs[len(msgs)-1]) {
			t.Fatalf("%s: newest prompt not sent last", where)
		}
		kept := out[sysN:]
		if fmt.Sprint(kept) != fmt.Sprint(msgs[len(msgs)-len(kept):]) || got.Omitted != len(msgs)-len(out) {
			t.Fatalf("%s: kept turns are not the newest in order, or Omitted %d is wrong", where, got.Omitted)
		}
		if kept[0].Role != client.RoleUser {
			t.Fatalf("%s: kept history starts with %s", where, kept[0].Role)
		}
		for i := range kept {
			if want := []string{client.RoleUser, client.RoleAssistant}[i%2]; kept[i].Role != want {
				t.Fatalf("%s: alternation broken at %d", where, i)
			}
		}
		if got.Tokens != costOf(out) || (b.Window > 0 && got.Tokens > b.Limit()) {
			t.Fatalf("%s: %d tokens (counted %d) over the limit %d", where, got.Tokens, costOf(out), b.Limit())
		}
		// Maximal: one more question-and-answer pair would not have fit.
		if first := len(msgs) - len(kept); b.Window > 0 && first-2 >= sysN {
			more := append(append([]client.Message{}, msgs[:sysN]...), msgs[first-2:]...)
			if costOf(more) <= b.Limit() {
				t.Fatalf("%s: left out a pair that fits (%d <= %d)", where, costOf(more), b.Limit())
			}
		}
	}
}

// TestHistoryWithinMarksTheFirstSentMessage: the IDs and counts a
// transcript needs, over a branch with messages History leaves out.
func TestHistoryWithinMarksTheFirstSentMessage(t *testing.T) {
	long := strings.Repeat("x", 200)
	path := chain(
		Message{Role: RoleUser, Content: long},
		Message{Role: RoleAssistant, Content: long},
		Message{Role: RoleUser, Content: "retry me"},
		Message{Role: RoleAssistant, Content: "", Status: StatusError},
		Message{Role: RoleUser, Content: "second"},
		Message{Role: RoleAssistant, Content: "answer two"},
		Message{Role: RoleUser, Content: "now"},
	)
	s, err := HistoryWithin("sys", path, Budget{Window: 160}, runes)
	if err != nil {
		t.Fatal(err)
	}
	if s.FirstSent != "m4" || s.NotSent != 4 || s.Omitted != 2 || len(s.Messages) != 4 {
		t.Errorf("FirstSent %q, NotSent %d, Omitted %d, %d sent; want m4, 4, 2, 4", s.FirstSent, s.NotSent, s.Omitted, len(s.Messages))
	}
	s, err = HistoryWithin("sys", path, Budget{Window: 100000}, runes)
	if err != nil || s.FirstSent != "" || s.NotSent != 0 || s.Omitted != 0 {
		t.Errorf("nothing left out: %+v, %v", s, err)
	}
}

// TestHistoryIndexesAgreeWithHistory keeps historyIndexes and History
// choosing the same turns, over random trees.
func TestHistoryIndexesAgreeWithHistory(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		var msgs []Message
		for i := range 1 + rng.IntN(25) {
			m := Message{ID: fmt.Sprint(round, "-", i), Role: RoleUser, Content: fmt.Sprint("q", i)}
			if i > 0 {
				parent := msgs[rng.IntN(len(msgs))]
				m.ParentID = parent.ID
				if parent.Role == RoleUser {
					m.Role = RoleAssistant
					m.Content = []string{"", fmt.Sprint("a", i), " "}[rng.IntN(3)]
				}
			}
			msgs = append(msgs, m)
		}
		tr := NewTree(msgs)
		for _, leaf := range msgs {
			path := tr.Path(leaf.ID)
			h := History("", path)
			idx := historyIndexes(path)
			if len(idx) != len(h) {
				t.Fatalf("round %d: %d indexes for %d turns", round, len(idx), len(h))
			}
			for k, i := range idx {
				if path[i].Content != h[k].Content || path[i].Role != h[k].Role {
					t.Fatalf("round %d: index %d is %v, History has %v", round, i, path[i], h[k])
				}
			}
		}
	}
}

func BenchmarkTrim(b *testing.B) {
	var contents []string
	for i := range 201 {
		contents = append(contents, strings.Repeat(fmt.Sprint("word", i, " "), 40))
	}
	msgs := turns("be brief", contents...)
	bud := Budget{Window: 8192}
	exact.Warm()
	b.Run("Count", func(b *testing.B) {
		for b.Loop() {
			if _, err := Trim(msgs, bud, exact.Count); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Estimate", func(b *testing.B) {
		for b.Loop() {
			if _, err := Trim(msgs, bud, tokens.Estimate); err != nil {
				b.Fatal(err)
			}
		}
	})
}
