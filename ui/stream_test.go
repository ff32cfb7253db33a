package ui

import (
	"runtime"
	"testing"
	"time"

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
