package ui

import (
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
)

// TestWaitChunkTakesEverythingBuffered: the events already received come
// back as one message, with nothing lost, and the next one reports the end.
func TestWaitChunkTakesEverythingBuffered(t *testing.T) {
	const reply = "alpha beta gamma delta epsilon"
	tokens := len(clienttest.Split(reply, 6))
	_, c := testServer(t, clienttest.WithReply(clienttest.ReplyText(reply, 6, 0)))
	st := c.Stream(t.Context(), client.Request{Model: "gpt-4"})
	deadline := time.Now().Add(10 * time.Second)
	for len(st.Events()) < tokens { // a watchdog, not a clock: the events arrive over loopback
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d events arrived", len(st.Events()), tokens)
		}
		runtime.Gosched()
	}
	msg := waitChunk(7, st)().(chunkMsg)
	if msg.id != 7 || msg.text != reply {
		t.Fatalf("first message: id %d, text %q; want 7, %q", msg.id, msg.text, reply)
	}
	for !msg.ended {
		msg = waitChunk(7, st)().(chunkMsg)
		if msg.text != "" {
			t.Fatalf("text after the whole reply: %q", msg.text)
		}
	}
	if msg.err != nil {
		t.Errorf("the stream ended with %v", msg.err)
	}
}

// TestWaitChunkStopsAtARetry: a retry is delivered at once, with the text
// before it, and what follows comes in the next message.
func TestWaitChunkStopsAtARetry(t *testing.T) {
	_, c := testServer(t, clienttest.WithScript(clienttest.Sequence(
		clienttest.Unavailable(""),
		clienttest.ReplyText("after the retry", 5, 0))))
	st := client.New(c.Provider(), retryingOptions()).Stream(t.Context(), client.Request{Model: "gpt-4"})
	msg := waitChunk(1, st)().(chunkMsg)
	if msg.retry == nil || msg.text != "" || msg.ended {
		t.Fatalf("first message = %+v, want the retry alone", msg)
	}
	var text string
	for !msg.ended {
		msg = waitChunk(1, st)().(chunkMsg)
		text += msg.text
	}
	if text != "after the retry" || msg.err != nil {
		t.Errorf("after the retry: %q, %v", text, msg.err)
	}
}

// retryingOptions allow one quick retry.
func retryingOptions() client.Options {
	o := client.DefaultOptions()
	o.MaxRetries = 1
	o.BackoffBase, o.BackoffMax = time.Millisecond, time.Millisecond
	return o
}

// TestFooterClock: while a reply is written the footer counts the seconds,
// saying "waiting" until the first token; the tick stops with the reply.
func TestFooterClock(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 100, 24)
	m, msgs := sendPrompt(t, m, "think hard")
	if ticks := only[elapsedTickMsg](msgs); len(ticks) != 1 || ticks[0].id != m.stream.id {
		t.Fatalf("sending started %d footer clocks, want 1 for the new reply", len(ticks))
	}
	var cmd tea.Cmd
	footer := func() string { return statusLine(m) }
	clk.Advance(3 * time.Second)
	m, cmd = step(m, elapsedTickMsg{id: m.stream.id})
	if !strings.Contains(footer(), "● streaming gpt-4 · waiting 3 s · esc stops") || cmd == nil {
		t.Errorf("before the first token: %q (next tick %v)", footer(), cmd != nil)
	}
	m = deliver(m, "Here")
	clk.Advance(62 * time.Second)
	m, _ = step(m, elapsedTickMsg{id: m.stream.id})
	if !strings.Contains(footer(), "● streaming gpt-4 · 1 min 05 s · esc stops") {
		t.Errorf("while streaming: %q", footer())
	}
	if _, cmd = step(m, elapsedTickMsg{id: m.stream.id - 1}); cmd != nil {
		t.Error("a tick of an older reply kept ticking")
	}
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	if _, cmd = step(m, elapsedTickMsg{id: m.stream.id}); cmd != nil {
		t.Error("the clock kept ticking after the reply ended")
	}
	if strings.Contains(footer(), "● streaming") {
		t.Errorf("footer after the end: %q", footer())
	}
}
