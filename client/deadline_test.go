package client

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const firstChunk = "data: {\"choices\":[{\"delta\":{\"content\":\"early\"}}]}\n\n"

// keepAliveForever sends one chunk, then only comments until the client
// goes away: alive on the wire, dead as a reply.
func keepAliveForever(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	response{body: firstChunk}.write(w)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			if _, err := w.Write([]byte(": keep-alive\n\n")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	}
}

// stallAfterChunk sends one chunk and then nothing until the client goes away.
func stallAfterChunk(w http.ResponseWriter, r *http.Request) {
	response{body: firstChunk}.write(w)
	stall(r)
}

func TestDeadlines(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
		opts    func(*Options)
		text    string
		msg     string
	}{
		// text is also the reply kept: only then may the message say so.
		{"first byte", func(w http.ResponseWriter, r *http.Request) { stall(r) },
			func(o *Options) { o.FirstByteTimeout = 50 * time.Millisecond }, "", "first-byte timeout"},
		{"first byte is per attempt and retried", func(w http.ResponseWriter, r *http.Request) { stall(r) },
			func(o *Options) { o.FirstByteTimeout = 20 * time.Millisecond; o.MaxRetries = 1 }, "", "first-byte timeout"},
		{"idle despite keep-alives", keepAliveForever,
			func(o *Options) { o.IdleTimeout = 60 * time.Millisecond }, "early", "idle timeout"},
		{"idle after headers", func(w http.ResponseWriter, r *http.Request) { response{}.write(w); stall(r) },
			func(o *Options) { o.IdleTimeout = 50 * time.Millisecond }, "", "idle timeout"},
		{"total", stallAfterChunk,
			func(o *Options) { o.Timeout = 80 * time.Millisecond }, "early", "--timeout"},
		{"total during back-off", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(503)
		}, func(o *Options) { o.Timeout = 80 * time.Millisecond; o.MaxRetries = 5; o.RetryAfterMax = time.Hour }, "", "--timeout"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := handlerServer(t, c.handler)
			o := testOptions()
			c.opts(&o)
			s := New(testProvider(srv.URL), o).Stream(t.Context(), Request{Model: "m"})
			r := waitClosed(t, s, 10*time.Second)
			e, ok := AsError(r.err)
			if !ok || e.Kind != KindTimeout {
				t.Fatalf("error = %v, want kind timeout", r.err)
			}
			if r.text != c.text || e.Partial != c.text {
				t.Errorf("text %q, partial %q; want %q", r.text, e.Partial, c.text)
			}
			if !strings.Contains(e.Message, c.msg) {
				t.Errorf("message %q does not contain %q", e.Message, c.msg)
			}
			if says := strings.Contains(e.Message, "received so far is kept"); says && c.text == "" {
				t.Errorf("message %q says text is kept when none arrived", e.Message)
			}
		})
	}
}

// TestKeptOnlyWithText: a connection that breaks says the text received
// so far is kept only when some text arrived.
func TestKeptOnlyWithText(t *testing.T) {
	for name, first := range map[string]string{"with text": firstChunk, "without text": ": hello\n\n"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
				response{body: first}.write(w)
				panic(http.ErrAbortHandler)
			})
			r := streamOnce(t, testProvider(srv.URL), testOptions())
			e, ok := AsError(r.err)
			if !ok || e.Kind != KindNetwork {
				t.Fatalf("error = %#v, want a broken connection", r.err)
			}
			if says := strings.Contains(e.Message, "received so far is kept"); says != (r.text != "") {
				t.Errorf("text %q, message %q", r.text, e.Message)
			}
		})
	}
	t.Run("model list", func(t *testing.T) {
		t.Parallel()
		srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			_, _ = w.Write([]byte(`{"data":[`))
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		})
		_, err := New(testProvider(srv.URL), testOptions()).ListModels(t.Context())
		if err == nil || strings.Contains(err.Error(), "kept") || !strings.Contains(err.Error(), "model list") {
			t.Fatalf("error = %v, want the model list broken off, nothing kept", err)
		}
	})
}

// TestCancelStopsAtOnce: cancelling mid-reply ends the stream with kind
// canceled and the text so far, while the server would wait forever.
func TestCancelStopsAtOnce(t *testing.T) {
	for _, h := range []http.HandlerFunc{stallAfterChunk, keepAliveForever} {
		ctx, cancel := context.WithCancel(t.Context())
		srv := handlerServer(t, h)
		s := New(testProvider(srv.URL), testOptions()).Stream(ctx, Request{Model: "m"})
		if ev := <-s.Events(); ev.Kind != EventText || ev.Text != "early" {
			t.Fatalf("first event = %+v", ev)
		}
		cancel()
		r := waitClosed(t, s, 5*time.Second)
		e, ok := AsError(r.err)
		if !ok || e.Kind != KindCanceled || e.Partial != "early" {
			t.Fatalf("error = %#v, want canceled with partial text", r.err)
		}
	}
}

// TestCancelBeforeHeaders: cancelling while the server has not answered.
func TestCancelBeforeHeaders(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{})
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) { close(arrived); stall(r) })
	ctx, cancel := context.WithCancel(t.Context())
	s := New(testProvider(srv.URL), testOptions()).Stream(ctx, Request{Model: "m"})
	<-arrived
	cancel()
	r := waitClosed(t, s, 5*time.Second)
	if k := errKind(t, r.err); k != KindCanceled {
		t.Fatalf("kind = %q (%v), want canceled", k, r.err)
	}
}

// TestAbandonedReaderDoesNotLeak: a caller that stops reading and cancels
// does not leave the stream's goroutine blocked on a full channel.
func TestAbandonedReaderDoesNotLeak(t *testing.T) {
	t.Parallel()
	body := strings.Repeat(firstChunk, 1000) + "data: [DONE]\n\n"
	srv := newServer(t, response{body: body})
	ctx, cancel := context.WithCancel(t.Context())
	s := New(testProvider(srv.URL), testOptions()).Stream(ctx, Request{Model: "m"})
	<-s.Events()
	cancel()
	r := waitClosed(t, s, 5*time.Second)
	if r.err != nil && errKind(t, r.err) != KindCanceled {
		t.Fatalf("error = %v, want nil or canceled", r.err)
	}
}
