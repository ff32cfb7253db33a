package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// windowOf gives every model the same context window.
func windowOf(n int) func(string, client.ModelInfo) int {
	return func(string, client.ModelInfo) int { return n }
}

// words is n words of prose, about n tokens.
func words(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }

// exchange sends a prompt and finishes its reply with text.
func exchange(t *testing.T, m *Model, prompt, reply string) *Model {
	t.Helper()
	m, _ = sendPrompt(t, m, prompt)
	m = deliver(m, reply)
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	return m
}

func TestOldTurnsAreLeftOutAndMarked(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Window = windowOf(400) // 300 for the messages, 100 kept for the reply
	m := newSized(t, opts, 80, 40)
	for i := range 6 {
		m = exchange(t, m, words(30), words(30))
		if i == 0 && strings.Contains(screen(m), "not sent") {
			t.Fatal("a short conversation is marked as not sent")
		}
	}
	sent, err := m.fitted(nil)
	if err != nil {
		t.Fatal(err)
	}
	if sent.Omitted == 0 || sent.Tokens > 300 {
		t.Fatalf("12 messages of ~34 tokens in a 300-token budget: %d left out, %d tokens", sent.Omitted, sent.Tokens)
	}
	mark := m.budget.marked
	if mark == nil || mark.id != sent.FirstSent || mark.role != roleUser {
		t.Fatalf("the mark is on %+v, want the first sent message %s", mark, sent.FirstSent)
	}
	want := notSentLine(sent.NotSent)
	if !strings.Contains(strings.Join(m.tr.window(), "\n")+screenAll(m), want) {
		t.Errorf("the transcript does not say %q", want)
	}
	if len(m.tr.entries) != 12 {
		t.Errorf("%d entries, want all 12 kept", len(m.tr.entries))
	}
	// The count is what the next request costs: the messages above the
	// line are not in it.
	if got := m.historyTokens(); got > 300 {
		t.Errorf("the count is %d tokens with older messages left out, want at most the 300 sent", got)
	}
}

// screenAll is every rendered line of the transcript.
func screenAll(m *Model) string {
	var b strings.Builder
	for _, e := range m.tr.entries {
		b.WriteString(strings.Join(e.lines, "\n"))
	}
	return b.String()
}

func TestAPromptTooLongAloneIsNotSent(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Window = windowOf(100)
	m := newSized(t, opts, 80, 24)
	long := words(200)
	m = typeText(m, long)
	m, _ = press(m, 0x0d, 0) // Enter
	if m.stream.active || len(m.tr.entries) != 0 {
		t.Fatal("a prompt longer than the window was sent")
	}
	if m.input.Value() != long {
		t.Errorf("the input lost the prompt: %.40q", m.input.Value())
	}
	if !strings.Contains(m.footer.text, "too long") || !strings.HasSuffix(m.footer.text, ".") {
		t.Errorf("the status row says %q, want one sentence that the prompt is too long", m.footer.text)
	}
}

func TestContextLengthErrorRetriesOnceShorter(t *testing.T) {
	opts := testOptions(newTestClock())
	m := newSized(t, opts, 80, 40) // window unknown: everything is sent
	for range 4 {
		m = exchange(t, m, words(100), words(100))
	}
	m, _ = sendPrompt(t, m, "and now?")
	first, counted := m.stream.id, m.budget.sent
	ctxErr := &client.Error{Kind: client.KindContextLength, ContextLimit: 500, PromptTokens: 1000,
		Message: "The conversation is longer than the model's context window of 500 tokens."}
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true, err: ctxErr})
	if !m.stream.active || m.stream.id == first {
		t.Fatal("a context-length error was not retried")
	}
	if !strings.Contains(m.footer.text, "left out") {
		t.Errorf("the status row says %q, want the retry explained", m.footer.text)
	}
	// The server counted more than is counted here: the retry fits a
	// window shrunk by the same ratio.
	if m.budget.marked == nil || m.budget.marked.notSent == 0 {
		t.Fatal("the retry sent the whole history")
	}
	b := session.Budget{Window: 500}.Scaled(counted, 1000)
	if m.budget.sent > b.Limit() || b.Window >= 500 {
		t.Errorf("the retry cost %d tokens, over its budget %d", m.budget.sent, b.Limit())
	}
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true, err: ctxErr})
	last := m.tr.last()
	if m.stream.active || last.status != session.StatusError || !strings.Contains(last.errText, "context window") {
		t.Fatalf("a second context-length error: active %v, status %v, %q", m.stream.active, last.status, last.errText)
	}
}

// withHistory is a chat screen showing n saved messages of ~60 tokens.
func withHistory(t testing.TB, n int) *Model {
	opts := testOptions(newTestClock())
	opts.Window = windowOf(1_000_000)
	m := newSized(t, opts, 100, 30)
	parent := ""
	entries := make([]*entry, 0, n)
	for i := range n {
		role := roleUser
		if i%2 == 1 {
			role = roleAssistant
		}
		sm := session.Message{ID: session.NewID(), ParentID: parent, Role: role, Content: words(60), Status: session.StatusComplete}
		entries = append(entries, savedEntry(sm))
		parent = sm.ID
	}
	m.tr.load(entries)
	m.tr.relayoutAll()
	return m
}

// countingTokens counts the bytes the footer's count reads until the test
// ends.
func countingTokens(t testing.TB) *int {
	read := 0
	orig := countTokens
	countTokens = func(s string) int { read += len(s); return orig(s) }
	t.Cleanup(func() { countTokens = orig })
	return &read
}

func TestTokenCountPerKeyReadsOnlyTheInput(t *testing.T) {
	m := withHistory(t, 500)
	read := countingTokens(t)
	first := m.tokensText()
	historyBytes := *read
	if historyBytes < 500*len(words(60)) {
		t.Fatalf("the first count read %d bytes, want the whole history", historyBytes)
	}
	typed := "what about the second one?"
	for i, r := range typed {
		*read = 0
		m, _ = step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
		_ = m.View()
		if *read > 2*(i+1) {
			t.Fatalf("key %d read %d bytes for %d typed: the history was counted again", i+1, *read, i+1)
		}
	}
	if got := m.tokensText(); got != first || !strings.HasSuffix(got, " / 1M") {
		t.Errorf("count %q after typing a few tokens, was %q", got, first)
	}
}

func TestTokenCountFollowsTheServersUsage(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Window = windowOf(8000)
	m := newSized(t, opts, 100, 30)
	m, _ = sendPrompt(t, m, words(100))
	m = deliver(m, "short answer")
	m, _ = step(m, chunkMsg{id: m.stream.id, usage: &client.Usage{PromptTokens: 3000, CompletionTokens: 100}})
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	if got := m.tokensText(); got != "3.1k / 8k" {
		t.Errorf("after the server counted 3000 + 100: %q, want 3.1k / 8k", got)
	}
	if !strings.Contains(statusRowOf(m), "3.1k / 8k") {
		t.Errorf("the status row does not show the count: %q", statusRowOf(m))
	}
	m.opts.Window = nil
	if got := m.tokensText(); got != "3.1k tokens" {
		t.Errorf("window unknown: %q, want 3.1k tokens", got)
	}
}

// statusRowOf is the plain status row with its count.
func statusRowOf(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-2]
}
