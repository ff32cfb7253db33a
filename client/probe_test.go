package client

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestProbeReachable: a server that answers, whatever the status, is
// reachable; the probe asks for the host's root with no key, no path and
// no query, and does not follow a redirect.
func TestProbeReachable(t *testing.T) {
	var mu sync.Mutex
	var seen []*http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Clone(context.Background()))
		mu.Unlock()
		http.Redirect(w, r, "http://"+closedAddr(t)+"/", http.StatusMovedPermanently)
	}))
	defer srv.Close()
	p := Provider{Name: "q", BaseURL: srv.URL + "/v1?api-version=1", Auth: AuthQuery, AuthParam: "auth",
		APIKey: "sekrit-123", UserAgent: "agent/1"}
	if err := New(p, testOptions()).Probe(t.Context()); err != nil {
		t.Fatalf("a server that answers 301 was not reachable: %v", err)
	}
	if len(seen) != 1 {
		t.Fatalf("%d requests reached the server, want 1 (no redirect followed)", len(seen))
	}
	r := seen[0]
	if r.Method != http.MethodHead || r.URL.Path != "/" || r.URL.RawQuery != "" || r.Header.Get("Authorization") != "" ||
		r.UserAgent() != "agent/1" {
		t.Errorf("probe was %s %s?%s, Authorization %q, User-Agent %q", r.Method, r.URL.Path, r.URL.RawQuery,
			r.Header.Get("Authorization"), r.UserAgent())
	}
}

// TestProbeUnreachable: nothing listening is a network error naming the
// host; a host that never completes the handshake is given up on when
// the caller's deadline passes, as a timeout.
func TestProbeUnreachable(t *testing.T) {
	addr := closedAddr(t)
	err := New(testProvider("http://"+addr), testOptions()).Probe(t.Context())
	e, ok := AsError(err)
	if !ok || e.Kind != KindNetwork || e.Message != "Could not connect to "+addr+
		": connection refused. Check that the server is running and the base URL is right." {
		t.Errorf("closed port: %v", err)
	}

	hung := fullListener(t)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	// The transport finishes an abandoned dial on its own: a short connect
	// timeout lets it end before the package's leak check.
	o := testOptions()
	o.ConnectTimeout = 300 * time.Millisecond
	err = New(testProvider("http://"+hung), o).Probe(ctx)
	if e, ok := AsError(err); !ok || e.Kind != KindTimeout || !strings.Contains(e.Message, hung) {
		t.Errorf("hung handshake: %v", err)
	}
}

// closedAddr is a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
