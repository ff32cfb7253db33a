package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
)

// TestOneShotUsesTheServersFirstModel: a provider with no default model
// and no -m asks the server for its models before the request and sends
// the first it lists; -m, LOCKCHAT_MODEL or the config file's model skip
// the question.
func TestOneShotUsesTheServersFirstModel(t *testing.T) {
	isolate(t)
	for _, name := range []string{"llamacpp", "vllm", "lmstudio"} {
		srv := clienttest.Start(t, clienttest.WithModels("loaded-a", "loaded-b"))
		r := runArgs("", "--provider", name, "--base-url", srv.URL, "-p", "hi")
		chats := srv.ChatRequests()
		if r.code != 0 || len(chats) != 1 || chats[0].Chat.Model != "loaded-a" {
			t.Errorf("%s: exit %d, stderr %q, %d requests; want the first listed model sent", name, r.code, r.stderr, len(chats))
		}
	}
	srv := clienttest.Start(t, clienttest.WithModels("loaded-a"))
	r := runArgs("", "--provider", "llamacpp", "--base-url", srv.URL, "-p", "hi", "-m", "named")
	if chats := srv.ChatRequests(); r.code != 0 || len(chats) != 1 || chats[0].Chat.Model != "named" {
		t.Fatalf("with -m: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, req := range srv.Requests() {
		if strings.HasSuffix(req.Path, "/models") {
			t.Errorf("with -m the server was still asked for its models")
		}
	}
}

// TestOneShotNoServerModel: a server that lists no model, has no list or
// can't be reached is one sentence on stderr and exit status 1, with no
// chat request sent and nothing on stdout.
func TestOneShotNoServerModel(t *testing.T) {
	isolate(t)
	empty := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"object":"list","data":[]}`))
	}))
	defer empty.Close()
	noList := clienttest.Start(t, clienttest.WithModels())
	emptyHost := strings.TrimPrefix(empty.URL, "http://")
	dead := clienttest.ClosedAddr(t)
	cases := []struct{ name, base, want string }{
		{"lists none", empty.URL + "/v1", "lockchat: no model was named and the server at " + emptyHost +
			" lists none: name one with -m MODEL\n"},
		{"no list", noList.URL, "lockchat: no model was named and the server at " + noList.Addr +
			" did not list its models (HTTP 404): name one with -m MODEL\n"},
		{"unreachable", "http://" + dead + "/v1", "lockchat: Could not connect to " + dead +
			": connection refused. Check that the server is running and the base URL is right.\n"},
	}
	for _, c := range cases {
		r := runArgs("", "--provider", "llamacpp", "--base-url", c.base, "-p", "hi")
		if r.code != 1 || r.stdout != "" || r.stderr != c.want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 1 and %q", c.name, r.code, r.stdout, r.stderr, c.want)
		}
	}
	if n := len(noList.ChatRequests()); n != 0 {
		t.Errorf("%d chat requests were sent with no model", n)
	}
}
