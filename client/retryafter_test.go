package client

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRetryAfterOverCap: a server that asks for a longer wait than the cap
// is not retried, and the error says when it asked to be tried again.
func TestRetryAfterOverCap(t *testing.T) {
	day := 26 * time.Hour
	cases := map[string]func(now time.Time) string{
		"delta seconds": func(time.Time) string { return "93600" },
		"HTTP date":     func(now time.Time) string { return now.Add(day).UTC().Format(http.TimeFormat) },
	}
	for name, header := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			before := time.Now()
			ra := header(before)
			srv := newServer(t, response{status: 429, body: `{"error":{"message":"slow down"}}`, header: map[string]string{"Retry-After": ra}},
				response{body: okBody})
			o := withRetries(3)
			o.RetryAfterMax = 30 * time.Second
			r := streamOnce(t, testProvider(srv.URL), o)
			after := time.Now()
			if srv.requests.Load() != 1 || len(r.retries) != 0 || errKind(t, r.err) != KindHTTPStatus {
				t.Fatalf("requests %d, retries %v, err %v: want one request and no retry", srv.requests.Load(), r.retries, r.err)
			}
			e, _ := AsError(r.err)
			if e.RetryAfter < day-2*time.Second || e.RetryAfter > day {
				t.Errorf("RetryAfter = %v, want about %v", e.RetryAfter, day)
			}
			var ats []string
			if t0, err := http.ParseTime(ra); err == nil {
				ats = []string{comeBackAt(before, t0)}
			} else {
				ats = []string{comeBackAt(before, before.Add(day)), comeBackAt(after, after.Add(day))}
			}
			ok := false
			for _, at := range ats {
				ok = ok || strings.HasSuffix(e.Message, "HTTP 429: slow down. The server asked to retry in 26 h (at "+at+"); not retrying.")
			}
			if !ok {
				t.Errorf("message %q does not end with the wait and one of %q", e.Message, ats)
			}
		})
	}
}

// TestRetryAfterMalformed: a Retry-After that is not a wait is ignored:
// the request is retried after the normal back-off, and never reported as
// a server that could not be reached.
func TestRetryAfterMalformed(t *testing.T) {
	for _, ra := range []string{"soon", "NaN", "Inf", "-5", "1e400", "\xff\xfe", "1\x01", "\x00"} {
		t.Run(ra, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, response{status: 503, body: "busy", header: map[string]string{"Retry-After": ra}}, response{body: okBody})
			o := withRetries(1)
			o.RetryAfterMax = time.Hour
			r := streamOnce(t, testProvider(srv.URL), o)
			if r.err != nil || r.text != "ok" || len(r.retries) != 1 {
				t.Fatalf("got %q, %v, retries %v", r.text, r.err, r.retries)
			}
			if d := r.retries[0].Delay; d > o.BackoffMax {
				t.Errorf("delay = %v, want the back-off (at most %v)", d, o.BackoffMax)
			}
			if reason := r.retries[0].Reason; strings.Contains(reason, "Could not reach") {
				t.Errorf("reason %q blames the network", reason)
			}
		})
	}
}

// TestMalformedHeaderNotUnreachable: an answer whose headers are not
// valid HTTP is named as such, not as an unreachable server.
func TestMalformedHeaderNotUnreachable(t *testing.T) {
	t.Parallel()
	srv := newServer(t, response{status: 503, body: "busy", header: map[string]string{"Retry-After": "1\x01"}})
	r := streamOnce(t, testProvider(srv.URL), withRetries(0))
	e, ok := AsError(r.err)
	if !ok || e.Kind == KindNetwork || strings.Contains(e.Message, "Could not reach") || !strings.Contains(e.Message, "malformed") {
		t.Fatalf("error %#v, want a malformed answer", r.err)
	}
	if !strings.Contains(e.Message, srv.Listener.Addr().String()) {
		t.Errorf("message %q does not name the host", e.Message)
	}
}

func TestWaitWords(t *testing.T) {
	cases := map[time.Duration]string{
		31 * time.Second:                  "31 s",
		89*time.Second + time.Millisecond: "90 s",
		45 * time.Minute:                  "45 min",
		26 * time.Hour:                    "26 h",
		72 * time.Hour:                    "3 days",
	}
	for d, want := range cases {
		if got := waitWords(d); got != want {
			t.Errorf("waitWords(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestComeBackAt(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := map[time.Time]string{
		now.Add(2 * time.Hour):                             "05:04 UTC",
		now.Add(26 * time.Hour):                            "Jan 3 05:04 UTC",
		now.Add(400 * 24 * time.Hour):                      "2027-02-06 03:04 UTC",
		now.In(time.FixedZone("X", 3600)).Add(time.Minute): "03:05 UTC",
	}
	for at, want := range cases {
		if got := comeBackAt(now, at); got != want {
			t.Errorf("comeBackAt(%v) = %q, want %q", at, got, want)
		}
	}
}
