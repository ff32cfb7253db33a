package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestNoPartialBreakSaysKept: with NoPartial a broken reply delivers the
// same text and says it is kept, but its error holds no copy of it.
func TestNoPartialBreakSaysKept(t *testing.T) {
	t.Parallel()
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		response{body: firstChunk}.write(w)
		panic(http.ErrAbortHandler)
	})
	o := testOptions()
	o.NoPartial = true
	r := streamOnce(t, testProvider(srv.URL), o)
	e, ok := AsError(r.err)
	if !ok || e.Kind != KindNetwork {
		t.Fatalf("error = %#v, want a broken connection", r.err)
	}
	if r.text != "early" || e.Partial != "" || !strings.Contains(e.Message, "received so far is kept") {
		t.Errorf("text %q, partial %q, message %q", r.text, e.Partial, e.Message)
	}
}

// TestNoPartialLetsTextGo: with NoPartial the answer is held only while a
// reclassify may still need it, and let go once none can come.
func TestNoPartialLetsTextGo(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		chunks []decoded
	}{
		{"past the late-close window", []decoded{{text: "Hello"}, {text: strings.Repeat("a", lateCloseWindow)}, {text: "more"}}},
		{"an opening tag mentioned", []decoded{{text: "Hello"}, {text: "about <think> tags"}}},
		{"reasoning in a field", []decoded{{reasoning: "hmm"}, {text: "Hello"}, {text: " there"}}},
		{"after a closed block", []decoded{{text: "<think>hmm</think>"}, {text: "Hello"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			st := streamState{noPartial: true}
			s := &Stream{events: make(chan Event, 2*len(c.chunks))}
			for _, d := range c.chunks {
				if !st.deliver(context.Background(), s, d) {
					t.Fatal("delivery refused")
				}
			}
			if st.text.Cap() != 0 || st.answered == 0 {
				t.Errorf("holds %d bytes (capacity %d) of %d delivered", st.text.Len(), st.text.Cap(), st.answered)
			}
		})
	}
	t.Run("still unconfirmed", func(t *testing.T) {
		t.Parallel()
		st := streamState{noPartial: true}
		s := &Stream{events: make(chan Event, 4)}
		st.deliver(context.Background(), s, decoded{text: "Okay, so"})
		st.deliver(context.Background(), s, decoded{text: " 9.</think>9"})
		close(s.events)
		var moved string
		for ev := range s.events {
			if ev.Kind == EventReclassify {
				moved = ev.Text
			}
		}
		if moved != "Okay, so" {
			t.Errorf("reclassify moved %q, want all the answer before the tag", moved)
		}
	})
}
