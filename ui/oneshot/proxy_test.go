package oneshot_test

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"
)

// TestProxyFromEnvironment: with HTTP_PROXY set, a request for a host that
// is not this machine goes to the proxy (here a loopback server that
// answers as the API would), and NO_PROXY turns that off.
func TestProxyFromEnvironment(t *testing.T) {
	targets := make(chan string, 4)
	proxy := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		targets <- r.Host + r.URL.Path
		sse(content("via the proxy")+stop)(w, r)
	})
	run := func(extra ...string) (string, int) {
		cmd := command(t, "", "", "--base-url", "http://api.lockchat.invalid/v1", "--no-save", "--max-retries", "0", "-p", "hi")
		cmd.Env = append(cmd.Env, extra...)
		out, err := cmd.Output()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return string(out), code
	}
	out, code := run("HTTP_PROXY=" + proxy.URL)
	if code != 0 || strings.TrimSpace(out) != "via the proxy" {
		t.Fatalf("through the proxy: exit %d, stdout %q", code, out)
	}
	if got := <-targets; got != "api.lockchat.invalid/v1/chat/completions" {
		t.Errorf("the proxy was asked for %q", got)
	}
	if _, code := run("HTTP_PROXY="+proxy.URL, "NO_PROXY=.invalid"); code == 0 || len(targets) != 0 {
		t.Errorf("NO_PROXY was ignored: exit %d, %d requests reached the proxy", code, len(targets))
	}
}
