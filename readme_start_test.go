package main

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// TestReadmeStartWarning: the chat's warning at start for an Ollama that
// is not running is what README.md's Troubleshooting quotes, from a real
// probe that finds nothing listening.
func TestReadmeStartWarning(t *testing.T) {
	want := readmeQuote(t, "Can't reach localhost:11434")
	p := client.Builtin()["ollama"]
	dead := clienttest.ClosedAddr(t)
	opts := client.DefaultOptions()
	opts.HTTPClient = &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer // Ollama's address, redirected to a closed loopback port
			return d.DialContext(ctx, network, dead)
		},
	}}
	err := client.New(p, opts).Probe(context.Background())
	if err == nil {
		t.Fatal("the probe of a closed port succeeded")
	}
	if got := oneshot.UnreachableNotice(p)(err); got != want {
		t.Errorf("the chat warns %q; the README says %q", got, want)
	}
}

// TestReadmeStartWarningLockchat: with the default provider the chat's
// warning at start is the ways on that end README.md's quote for the
// Lockchat host that is gone.
func TestReadmeStartWarningLockchat(t *testing.T) {
	quote := readmeQuote(t, "lockchat: Could not reach super.lockchat.app")
	got := oneshot.UnreachableNotice(client.Builtin()["lockchat"])(&net.DNSError{Err: "no such host", Name: "super.lockchat.app", IsNotFound: true})
	if !strings.HasSuffix(quote, ". "+got) {
		t.Errorf("the chat warns %q at start; the README's quote %q does not end with it", got, quote)
	}
}
