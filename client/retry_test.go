package client

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const (
	modelMissingJSON = "{\"error\":{\"message\":\"The model: `gpt-4` does not exist\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}"
	okBody           = "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
)

func withRetries(n int) Options {
	o := testOptions()
	o.MaxRetries = n
	return o
}

// TestRetryModelMissing checks Lockchat's transient answer is retried only
// for providers that ask for it, in every shape it comes in, and that the
// retries are bounded and announced with their attempt numbers.
func TestRetryModelMissing(t *testing.T) {
	shapes := []response{
		{status: 200, body: modelMissingJSON, header: map[string]string{"Content-Type": "application/json"}},
		{status: 404, body: modelMissingJSON, header: map[string]string{"Content-Type": "application/json"}},
		{status: 200, body: "data: " + modelMissingJSON + "\n\n"},
	}
	for _, shape := range shapes {
		for _, retry := range []bool{true, false} {
			t.Run(strings.Join([]string{http.StatusText(shape.status), shape.body[:4], map[bool]string{true: "retry", false: "noretry"}[retry]}, "/"), func(t *testing.T) {
				t.Parallel()
				srv := newServer(t, shape)
				p := testProvider(srv.URL)
				p.RetryModelMissing = retry
				r := streamOnce(t, p, withRetries(2))
				want := map[bool]int32{true: 3, false: 1}[retry]
				if got := srv.requests.Load(); got != want {
					t.Fatalf("requests = %d, want %d", got, want)
				}
				if !strings.Contains(r.err.Error(), "does not exist") {
					t.Errorf("error %q does not name the cause", r.err)
				}
				if !retry {
					if len(r.retries) != 0 {
						t.Errorf("retry events = %v, want none", r.retries)
					}
					return
				}
				checkRetryEvents(t, r.retries, 3)
			})
		}
	}
}

func checkRetryEvents(t *testing.T, got []RetryInfo, maxAttempts int) {
	t.Helper()
	if len(got) != maxAttempts-1 {
		t.Fatalf("retry events = %d, want %d", len(got), maxAttempts-1)
	}
	for i, ri := range got {
		if ri.Attempt != i+2 || ri.MaxAttempts != maxAttempts || ri.Reason == "" {
			t.Errorf("retry event %d = %+v, want attempt %d of %d with a reason", i, ri, i+2, maxAttempts)
		}
	}
}

// TestRetryModelMissingThenSuccess: the result of the retry is the one
// that counts.
func TestRetryModelMissingThenSuccess(t *testing.T) {
	t.Parallel()
	missing := response{body: modelMissingJSON, header: map[string]string{"Content-Type": "application/json"}}
	srv := newServer(t, missing, missing, response{body: okBody})
	p := testProvider(srv.URL)
	p.RetryModelMissing = true
	r := streamOnce(t, p, withRetries(3))
	if r.err != nil || r.text != "ok" {
		t.Fatalf("got %q, %v; want \"ok\", nil", r.text, r.err)
	}
	if n := srv.requests.Load(); n != 3 || len(r.retries) != 2 {
		t.Fatalf("requests = %d, retries = %d; want 3 and 2", n, len(r.retries))
	}
}

// TestRetryStatus: 429 and 5xx are retried up to MaxRetries, quota
// exhaustion and other 4xx are not.
func TestRetryStatus(t *testing.T) {
	cases := []struct {
		status int
		body   string
		tries  int32
	}{
		{429, `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`, 4},
		{429, `{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}`, 1},
		{500, `{"error":{"message":"boom"}}`, 4},
		{502, "<html><title>502 Bad Gateway</title></html>", 4},
		{503, "", 4},
		{400, `{"error":{"message":"bad"}}`, 1},
		{401, `{"error":{"message":"no key"}}`, 1},
		{404, `{"error":{"message":"no route"}}`, 1},
	}
	for _, c := range cases {
		t.Run(http.StatusText(c.status)+"/"+c.body[:min(len(c.body), 40)], func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, response{status: c.status, body: c.body})
			r := streamOnce(t, testProvider(srv.URL), withRetries(3))
			if got := srv.requests.Load(); got != c.tries {
				t.Fatalf("requests = %d, want %d", got, c.tries)
			}
			e, ok := AsError(r.err)
			if !ok || e.Kind != KindHTTPStatus || e.Status != c.status {
				t.Fatalf("error = %#v, want http_status %d", r.err, c.status)
			}
			if c.tries > 1 {
				checkRetryEvents(t, r.retries, int(c.tries))
			}
		})
	}
}

// TestRetryAfter: the server's wait is honoured, within RetryAfterMax (or
// with none), and reported in the retry event.
func TestRetryAfter(t *testing.T) {
	cases := []struct {
		header string
		max    time.Duration
		want   time.Duration
	}{
		{"0.02", time.Second, 20 * time.Millisecond},
		{"0.003", 0, 3 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.header, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, response{status: 429, body: `{"error":{"message":"slow down"}}`, header: map[string]string{"Retry-After": c.header}},
				response{body: okBody})
			o := withRetries(1)
			o.BackoffBase, o.BackoffMax, o.RetryAfterMax = time.Microsecond, time.Microsecond, c.max
			r := streamOnce(t, testProvider(srv.URL), o)
			if r.err != nil || r.text != "ok" || len(r.retries) != 1 {
				t.Fatalf("got %q, %v, %v", r.text, r.err, r.retries)
			}
			if d := r.retries[0].Delay; d != c.want {
				t.Errorf("delay = %v, want %v", d, c.want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                               0,
		"7":                              7 * time.Second,
		" 2 ":                            2 * time.Second,
		"-1":                             0,
		"soon":                           0,
		"NaN":                            0,
		"Inf":                            0,
		"1e400":                          0,
		"93600":                          26 * time.Hour,
		"1e30":                           maxRetryAfter,
		"Sun, 04 Jan 2026 03:04:05 GMT":  48 * time.Hour,
		"Sunday, 04-Jan-26 03:04:05 GMT": 48 * time.Hour,
		"Sun Jan  4 03:04:05 2026":       48 * time.Hour,
		"Fri, 02 Jan 2026 03:04:35 GMT":  30 * time.Second,
		"Fri, 02 Jan 2026 03:04:00 GMT":  0, // in the past
	}
	for in, want := range cases {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestBackoffBounds: exponential, jittered within [step/2, step], capped.
func TestBackoffBounds(t *testing.T) {
	c := New(testProvider("http://127.0.0.1:1"), Options{BackoffBase: 100 * time.Millisecond, BackoffMax: time.Second})
	for n := 1; n <= 30; n++ {
		step := min(100*time.Millisecond<<min(n-1, 20), time.Second)
		for range 20 {
			if d := c.backoff(n, 0); d < step/2 || d > step {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n, d, step/2, step)
			}
		}
	}
}

// TestRetryResetBeforeFirstByte: a connection dropped before any answer is
// retried and the retry's reply is delivered.
func TestRetryResetBeforeFirstByte(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			panic(http.ErrAbortHandler) // closes the connection, no response
		}
		response{body: okBody}.write(w)
	})
	r := streamOnce(t, testProvider(srv.URL), withRetries(2))
	if r.err != nil || r.text != "ok" || n.Load() != 2 || len(r.retries) != 1 {
		t.Fatalf("got %q, %v after %d requests, retries %v", r.text, r.err, n.Load(), r.retries)
	}
}

// TestNoRetryAfterFirstToken: once text reached the caller, no failure is
// retried, whatever it is.
func TestNoRetryAfterFirstToken(t *testing.T) {
	first := "data: {\"choices\":[{\"delta\":{\"content\":\"half\"}}]}\n\n"
	cases := map[string]http.HandlerFunc{
		"reset": func(w http.ResponseWriter, r *http.Request) {
			response{body: first}.write(w)
			panic(http.ErrAbortHandler)
		},
		"model missing": func(w http.ResponseWriter, r *http.Request) {
			response{body: first + "data: " + modelMissingJSON + "\n\n"}.write(w)
		},
		"truncated": func(w http.ResponseWriter, r *http.Request) {
			response{body: first}.write(w)
		},
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) { n.Add(1); h(w, r) })
			p := testProvider(srv.URL)
			p.RetryModelMissing = true
			r := streamOnce(t, p, withRetries(3))
			e, ok := AsError(r.err)
			if n.Load() != 1 || len(r.retries) != 0 || !ok || r.text != "half" || e.Partial != "half" {
				t.Fatalf("requests %d, retries %v, text %q, err %#v", n.Load(), r.retries, r.text, r.err)
			}
		})
	}
}

// TestCancelDuringBackoff: cancelling while waiting to retry ends the
// stream at once with kind canceled.
func TestCancelDuringBackoff(t *testing.T) {
	t.Parallel()
	srv := newServer(t, response{status: 503, body: "busy", header: map[string]string{"Retry-After": "3600"}})
	o := withRetries(3)
	o.RetryAfterMax = time.Hour
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	s := New(testProvider(srv.URL), o).Stream(ctx, Request{Model: "m"})
	ev := <-s.Events()
	if ev.Kind != EventRetry || ev.Retry.Delay != time.Hour || ev.Retry.Attempt != 2 {
		t.Fatalf("first event = %+v, want a retry in 1h", ev)
	}
	cancel()
	r := waitClosed(t, s, 5*time.Second)
	if k := errKind(t, r.err); k != KindCanceled {
		t.Fatalf("kind = %q (%v), want canceled", k, r.err)
	}
	if srv.requests.Load() != 1 {
		t.Errorf("requests = %d, want 1", srv.requests.Load())
	}
}

// TestMaxRetriesZero: one request only.
func TestMaxRetriesZero(t *testing.T) {
	t.Parallel()
	srv := newServer(t, response{status: 500, body: "x"})
	r := streamOnce(t, testProvider(srv.URL), withRetries(0))
	if srv.requests.Load() != 1 || len(r.retries) != 0 || errKind(t, r.err) != KindHTTPStatus {
		t.Fatalf("requests %d, retries %v, err %v", srv.requests.Load(), r.retries, r.err)
	}
}
