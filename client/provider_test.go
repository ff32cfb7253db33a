package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func TestPlainHTTPKeyWarning(t *testing.T) {
	cases := []struct {
		name string
		p    Provider
		warn bool
	}{
		{"user key over http to a remote host", Provider{BaseURL: "http://llm.example.com/v1", Auth: AuthBearer, APIKey: "k-1234", KeyFromUser: true}, true},
		{"over https", Provider{BaseURL: "https://llm.example.com/v1", Auth: AuthBearer, APIKey: "k-1234", KeyFromUser: true}, false},
		{"loopback", Provider{BaseURL: "http://127.0.0.1:8080/v1", Auth: AuthBearer, APIKey: "k-1234", KeyFromUser: true}, false},
		{"localhost", Provider{BaseURL: "http://localhost:11434/v1", Auth: AuthQuery, AuthParam: "auth", APIKey: "k-1234", KeyFromUser: true}, false},
		{"built-in public token", Builtin()["lockchat"], false},
		{"no key", Provider{BaseURL: "http://llm.example.com/v1", Auth: AuthBearer, KeyFromUser: true}, false},
	}
	for _, c := range cases {
		got := c.p.PlainHTTPKeyWarning()
		if (got != "") != c.warn {
			t.Errorf("%s: warning %q, want one: %v", c.name, got, c.warn)
		}
		if got != "" && (strings.Contains(got, c.p.APIKey) || !strings.Contains(got, "llm.example.com")) {
			t.Errorf("%s: warning %q should name the host and not the key", c.name, got)
		}
	}
}

func TestListModelsAndMerge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/models" || r.URL.Query().Get("auth") != "tok-123" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"object":"list","data":[{"id":"gpt-4"},{"id":"zeta"},{"id":"alpha"}]}`))
	}))
	defer srv.Close()
	p := Provider{BaseURL: srv.URL + "/v1", Auth: AuthQuery, AuthParam: "auth", APIKey: "tok-123"}
	ids, err := New(p, DefaultOptions()).ListModels(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	merged := MergeModels([]string{"gpt-4", "gpt-3.5-turbo"}, ids)
	if want := []string{"gpt-4", "gpt-3.5-turbo", "alpha", "zeta"}; !reflect.DeepEqual(merged, want) {
		t.Errorf("merged %v, want %v", merged, want)
	}
	p.BaseURL = srv.URL + "/nothing"
	if _, err := New(p, DefaultOptions()).ListModels(context.Background()); err == nil {
		t.Error("a server without /models gave no error")
	}
}
