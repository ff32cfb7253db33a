package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// reasoningText is n numbered lines of reasoning with a little markdown.
func reasoningText(from, n int) string {
	var b strings.Builder
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&b, "Step %04d: weigh the **case** and move on.\n", i)
	}
	return b.String()
}

// thinkingChat is a chat with a recording store and a clock the test
// moves, with a reply streaming.
func thinkingChat(t *testing.T, w, h int) (*Model, *recJournal, *testClock) {
	t.Helper()
	clk, j := newTestClock(), newRecJournal()
	opts := testOptions(clk)
	opts.Journal = j
	m := newSized(t, opts, w, h)
	m, msgs := sendPrompt(t, m, "think it over")
	m, _ = settle(t, m, msgs)
	return m, j, clk
}

// feed hands the reply a chunk, renders the frame and saves what it asks.
func feed(t *testing.T, m *Model, msg chunkMsg) *Model {
	t.Helper()
	msg.id = m.stream.id
	m, cmd := step(m, msg)
	m, _ = settleStore(t, m, cmd)
	if !msg.ended {
		m, cmd = step(m, frameMsg{})
		m, _ = settleStore(t, m, cmd)
	}
	return m
}

// stored joins what the store was given of one kind for message id.
func stored(j *recJournal, kind, id string) string {
	var b strings.Builder
	for _, op := range j.Ops() {
		if op.Kind == kind && op.ID == id {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// TestReasoningLiveThenFolded: reasoning streams live under the label,
// its last eight lines only; when the answer starts, the block folds to
// one line with its time and words; ctrl+t opens it as markdown and
// closes it again. The store gets the reasoning apart from the answer,
// and the reply's end carries the reasoning time and the usage.
func TestReasoningLiveThenFolded(t *testing.T) {
	m, j, clk := thinkingChat(t, 80, 40)
	reply := m.tr.last()
	m = feed(t, m, chunkMsg{reasoning: reasoningText(0, 20), chunks: 20})
	s := screen(m)
	if !strings.Contains(s, "▾ Thinking…") || !strings.Contains(s, "Step 0019") || !strings.Contains(s, "Step 0012") {
		t.Errorf("the live block does not show the reasoning's last lines:\n%s", s)
	}
	if strings.Contains(s, "Step 0011") {
		t.Errorf("the live block shows more than its last eight lines:\n%s", s)
	}
	if !strings.Contains(s, "thinking 0 s") {
		t.Errorf("the footer does not say the model is thinking:\n%s", s)
	}

	clk.Advance(12 * time.Second)
	m = feed(t, m, chunkMsg{reasoning: reasoningText(20, 1), chunks: 1})
	clk.Advance(time.Second)
	m = feed(t, m, chunkMsg{text: "The answer is **42**.", chunks: 5})
	reasoning := reasoningText(0, 21)
	words := len(strings.Fields(reasoning))
	folded := fmt.Sprintf("▸ Thought for 12 s (%s words)", groupThousands(words))
	s = screen(m)
	if !strings.Contains(s, folded) || strings.Contains(s, "Step 0019") || !strings.Contains(s, "The answer is 42.") {
		t.Errorf("once the answer started, the block is not folded to %q:\n%s", folded, s)
	}

	m, _ = press(m, 't', tea.ModCtrl)
	s = screen(m)
	if !strings.Contains(s, "▾ Thought for 12 s") || !strings.Contains(s, "Step 0000: weigh the case") ||
		strings.Contains(s, "**case**") || !strings.Contains(s, "The answer is 42.") {
		t.Errorf("ctrl+t does not open the whole reasoning, rendered:\n%s", s)
	}
	m, _ = press(m, 't', tea.ModCtrl)
	if s = screen(m); !strings.Contains(s, folded) || strings.Contains(s, "Step 0000") {
		t.Errorf("a second ctrl+t does not fold the block:\n%s", s)
	}

	m = feed(t, m, chunkMsg{ended: true, usage: &client.Usage{PromptTokens: 10, CompletionTokens: 512}})
	if s = screen(m); !strings.Contains(s, "▍gpt-4 · 512 tokens · 39 tok/s  15:04") {
		t.Errorf("the label does not show the usage and the speed:\n%s", s)
	}
	if got := stored(j, "reasoning", reply.id); got != reasoning {
		t.Errorf("stored reasoning = %q, want %q", got, reasoning)
	}
	if got := stored(j, "delta", reply.id); got != "The answer is **42**." {
		t.Errorf("stored answer = %q", got)
	}
	ops := j.Ops()
	end := ops[len(ops)-1].End
	if end.Reasoning != 12*time.Second || end.Usage != (session.Usage{PromptTokens: 10, CompletionTokens: 512}) {
		t.Errorf("the reply ended with reasoning %v and usage %+v, want 12s and 10/512", end.Reasoning, end.Usage)
	}
	if reply.text.String() != "The answer is **42**." {
		t.Errorf("the answer holds %q", reply.text.String())
	}
}

// TestReasoningReclassified: answer text that turns out to be reasoning
// (a closing </think> with no opening tag) moves into the block, on screen
// and in the store, and is not sent back as history.
func TestReasoningReclassified(t *testing.T) {
	m, j, _ := thinkingChat(t, 80, 30)
	reply := m.tr.last()
	m = feed(t, m, chunkMsg{text: "Okay, so 3 times 3 is 9.\n", chunks: 9})
	if !strings.Contains(screen(m), "Okay, so 3 times 3") {
		t.Fatalf("the text is not shown as it arrives:\n%s", screen(m))
	}
	m = feed(t, m, chunkMsg{reclassify: true})
	m = feed(t, m, chunkMsg{text: "3 × 3 = 9", chunks: 5})
	m = feed(t, m, chunkMsg{ended: true})
	s := screen(m)
	if strings.Contains(s, "Okay, so") || !strings.Contains(s, "▸ Thought for") || !strings.Contains(s, "3 × 3 = 9") {
		t.Errorf("the reclassified text is not folded into the reasoning:\n%s", s)
	}
	if got := reply.text.String(); got != "3 × 3 = 9" {
		t.Errorf("the answer holds %q", got)
	}
	if got := reply.think.text.String(); got != "Okay, so 3 times 3 is 9.\n" {
		t.Errorf("the reasoning holds %q", got)
	}
	if got := stored(j, "reclassify", reply.id); got != fmt.Sprint(len("Okay, so 3 times 3 is 9.\n")) {
		t.Errorf("the store was told to move %q bytes", got)
	}
	if got := stored(j, "delta", reply.id); got != "Okay, so 3 times 3 is 9.\n3 × 3 = 9" {
		t.Errorf("stored answer deltas %q", got)
	}
	var history []string
	for _, msg := range m.history(nil) {
		history = append(history, msg.Role+":"+msg.Content)
	}
	if want := "user:think it over|assistant:3 × 3 = 9"; strings.Join(history, "|") != want {
		t.Errorf("history %q, want %q", history, want)
	}
}

// TestReasoningOnlyReply: a reply with reasoning and no answer is kept,
// shown whole and marked; ctrl+t folds it like any other.
func TestReasoningOnlyReply(t *testing.T) {
	m, j, _ := thinkingChat(t, 80, 30)
	reply := m.tr.last()
	m = feed(t, m, chunkMsg{reasoning: "The answer is *four*.", chunks: 4})
	m = feed(t, m, chunkMsg{ended: true})
	s := screen(m)
	if reply.status != session.StatusComplete || !strings.Contains(s, "The answer is four.") ||
		!strings.Contains(s, "(the model answered only in its reasoning)") {
		t.Errorf("a reply answered in its reasoning is not shown and marked (%s):\n%s", reply.status, s)
	}
	if got := stored(j, "reasoning", reply.id); got != "The answer is *four*." {
		t.Errorf("stored reasoning %q", got)
	}
	m, _ = press(m, 't', tea.ModCtrl)
	if s = screen(m); strings.Contains(s, "The answer is four.") || !strings.Contains(s, "▸ Thought for <1 s (4 words)") {
		t.Errorf("ctrl+t does not fold the reasoning:\n%s", s)
	}
}

// TestToggleReasoningKey: ctrl+t is the reasoning's key, not the input's
// transpose; with no reasoning anywhere it says so.
func TestToggleReasoningKey(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m = typeText(m, "ab")
	m, _ = press(m, 't', tea.ModCtrl)
	if got := m.input.Value(); got != "ab" {
		t.Errorf("ctrl+t changed the input to %q", got)
	}
	if !strings.Contains(screen(m), "No reply has reasoning to show yet.") {
		t.Errorf("ctrl+t without reasoning says nothing:\n%s", screen(m))
	}
	// Bound elsewhere, the key transposes again.
	keys, err := DefaultKeyMap().ApplyKeys(map[string][]string{"toggle_reasoning": {"alt+r"}})
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(newTestClock())
	opts.Keys = keys
	m = typeText(newSized(t, opts, 80, 24), "ab")
	m, _ = press(m, 't', tea.ModCtrl)
	if got := m.input.Value(); got != "ba" {
		t.Errorf("with the toggle on alt+r, ctrl+t gives %q, want the transposed \"ba\"", got)
	}
}

// TestUsageRefusedIsRemembered: when the server refuses to report usage,
// the provider's preference is stored; without usage the label counts
// the chunks, marked ≈.
func TestUsageRefusedIsRemembered(t *testing.T) {
	clk, j := newTestClock(), newRecJournal()
	opts := testOptions(clk)
	opts.Journal = j
	opts.Client = namedFed{client.Provider{Name: "mistral", BaseURL: "https://api.mistral.ai/v1"}}
	m := newSized(t, opts, 80, 24)
	m, msgs := sendPrompt(t, m, "hi")
	m, _ = settle(t, m, msgs)
	m = feed(t, m, chunkMsg{usageRefused: true, text: "Hello", chunks: 1})
	clk.Advance(2 * time.Second)
	m = feed(t, m, chunkMsg{text: " there, friend", chunks: 3})
	m = feed(t, m, chunkMsg{ended: true})
	var prefs []string
	for _, op := range j.Ops() {
		if op.Kind == "prefs" {
			prefs = append(prefs, op.ID+" "+op.Text)
		}
	}
	if want := "https://api.mistral.ai/v1 {NoStreamUsage:true}"; len(prefs) != 1 || prefs[0] != want {
		t.Errorf("provider prefs stored: %q, want [%q]", prefs, want)
	}
	if s := screen(m); !strings.Contains(s, "▍gpt-4 · ≈4 tokens · ≈2 tok/s") {
		t.Errorf("the label does not show the counted tokens:\n%s", s)
	}
}

// namedFed is handFed with a provider.
type namedFed struct{ p client.Provider }

func (f namedFed) Stream(ctx context.Context, req client.Request) *client.Stream {
	return handFed{}.Stream(ctx, req)
}
func (namedFed) ListModels(context.Context) ([]string, error) { return nil, nil }
func (f namedFed) Provider() client.Provider                  { return f.p }

// TestReasoningSaved: a reloaded reply shows its reasoning folded, with
// its stored time, and its usage; one answered only in its reasoning is
// shown open and marked.
func TestReasoningSaved(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 30)
	conv := session.Conversation{ID: "c1", Title: "saved"}
	msgs := []session.Message{
		{ID: "u1", ConversationID: "c1", Role: roleUser, Content: "q", Created: testEpoch, Status: session.StatusComplete},
		{ID: "a1", ConversationID: "c1", ParentID: "u1", Role: roleAssistant, Model: "deepseek-r1", Content: "A.",
			Reasoning: "hmm hmm", ReasoningMillis: 65000, CompletionTokens: 77, Created: testEpoch, Status: session.StatusComplete},
		{ID: "u2", ConversationID: "c1", ParentID: "a1", Role: roleUser, Content: "q2", Created: testEpoch, Status: session.StatusComplete},
		{ID: "a2", ConversationID: "c1", ParentID: "u2", Role: roleAssistant, Model: "deepseek-r1",
			Reasoning: "only thoughts", Created: testEpoch, Status: session.StatusComplete},
	}
	conv.LeafID = "a2"
	m, _ = step(m, loadedMsg{conv: conv, msgs: msgs})
	s := screen(m)
	for _, want := range []string{"▍deepseek-r1 · 77 tokens", "▸ Thought for 1 min 05 s (2 words)", "A.",
		"only thoughts", "(the model answered only in its reasoning)"} {
		if !strings.Contains(s, want) {
			t.Errorf("the reloaded conversation does not show %q:\n%s", want, s)
		}
	}
	snap := m.snapshot()
	if snap[1].Reasoning != "hmm hmm" || snap[1].ReasoningMillis != 65000 || snap[1].CompletionTokens != 77 {
		t.Errorf("the export snapshot lost the reasoning or the usage: %+v", snap[1])
	}
}
