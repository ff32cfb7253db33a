package client

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestBaseURLQuery: a base URL's query (Azure's api-version) follows the
// request's path, with the query token added beside it.
func TestBaseURLQuery(t *testing.T) {
	type seen struct{ method, path, rawPath, query string }
	var mu sync.Mutex
	var got []seen
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, seen{r.Method, r.URL.Path, r.URL.RawPath, r.URL.RawQuery})
		mu.Unlock()
		if r.Method == http.MethodGet {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"data":[{"id":"m"}]}`))
			return
		}
		response{body: okBody}.write(w)
	})
	cases := []struct {
		name, base string
		auth       AuthStyle
		path       string
		rawPath    string
		query      string
	}{
		{"azure", "/v1?api-version=2024-02-01", AuthNone, "/v1", "", "api-version=2024-02-01"},
		{"azure with token", "/v1?api-version=2024-02-01", AuthQuery, "/v1", "", "api-version=2024-02-01&auth=tok%2Fen%3D%3D"},
		{"trailing slash", "/v1/?x=1&y=a%20b", AuthNone, "/v1", "", "x=1&y=a%20b"},
		{"no query", "/v1", AuthNone, "/v1", "", ""},
		{"token replaces its own", "/v1?y=a%20b&auth=old", AuthQuery, "/v1", "", "y=a%20b&auth=tok%2Fen%3D%3D"},
		{"token alone", "/v1", AuthQuery, "/v1", "", "auth=tok%2Fen%3D%3D"},
		{"escaped path", "/deploy%2Fa/v1?api-version=1", AuthNone, "/deploy/a/v1", "/deploy%2Fa/v1", "api-version=1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			p := Provider{Name: "t", BaseURL: srv.URL + c.base, Auth: c.auth, AuthParam: "auth", APIKey: "tok/en=="}
			if r := streamOnce(t, p, testOptions()); r.err != nil || r.text != "ok" {
				t.Fatalf("stream: %q, %v", r.text, r.err)
			}
			if _, err := New(p, testOptions()).ListModels(t.Context()); err != nil {
				t.Fatalf("models: %v", err)
			}
			mu.Lock()
			defer mu.Unlock()
			want := []seen{
				{http.MethodPost, c.path + "/chat/completions", withSuffix(c.rawPath, "/chat/completions"), c.query},
				{http.MethodGet, c.path + "/models", withSuffix(c.rawPath, "/models"), c.query},
			}
			if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
				t.Errorf("requests %+v, want %+v", got, want)
			}
		})
	}
}

func withSuffix(raw, suffix string) string {
	if raw == "" {
		return ""
	}
	return raw + suffix
}

// TestStoredBaseURL: what is stored keeps a query's plain parameters and
// drops the key, wherever it travels, and any user information.
func TestStoredBaseURL(t *testing.T) {
	key := "sk-SECRET-0123456789"
	cases := []struct {
		p    Provider
		want string
	}{
		{Provider{BaseURL: "https://r.example/openai/v1?api-version=2024-02-01", Auth: AuthBearer, APIKey: key},
			"https://r.example/openai/v1?api-version=2024-02-01"},
		{Provider{BaseURL: "http://super.lockchat.app/v1?auth=" + queryToken, Auth: AuthQuery, AuthParam: "auth", APIKey: queryToken},
			"http://super.lockchat.app/v1"},
		{Provider{BaseURL: "https://h.example/v1?api-version=1&Code=" + key + "&b=%20x", Auth: AuthBearer, APIKey: key},
			"https://h.example/v1?api-version=1&b=%20x"},
		{Provider{BaseURL: "https://h.example/v1?x=" + key[3:12], Auth: AuthBearer, APIKey: key},
			"https://h.example/v1"},
		{Provider{BaseURL: "https://user:pw@h.example/v1?api_key=k&sig=s&token=t&v=2#frag", Auth: AuthNone},
			"https://h.example/v1?v=2"},
		{Provider{BaseURL: "http://localhost:11434/v1", Auth: AuthNone}, "http://localhost:11434/v1"},
	}
	for _, c := range cases {
		if got := StoredBaseURL(c.p); got != c.want {
			t.Errorf("StoredBaseURL(%q) = %q, want %q", c.p.BaseURL, got, c.want)
		}
	}
}

func TestValidateBaseURL(t *testing.T) {
	good := []string{"http://localhost:11434/v1", "https://api.openai.com/v1", "HTTPS://h.example/v1?api-version=1", "http://[::1]:8080/v1"}
	for _, u := range good {
		if err := ValidateBaseURL(u); err != nil {
			t.Errorf("ValidateBaseURL(%q) = %v, want nil", u, err)
		}
	}
	bad := map[string]string{
		"::not a url":                   `"::not a url" is not a URL`,
		"ftp://files.example/v1":        "only http and https",
		"localhost:11434/v1":            "http://localhost:11434/v1",
		"http:///v1":                    "no host",
		"":                              "empty",
		"http://h.example/v1\x1b[2J":    `"http://h.example/v1␛[2J"`,
		"htp://user:sk-SECRET@h/v1?k=x": `"htp://h/v1"`,
		"http://a b@h/?key=sk-SECRET":   "is not a URL",
	}
	for u, want := range bad {
		err := ValidateBaseURL(u)
		if err == nil {
			t.Errorf("ValidateBaseURL(%q) = nil, want an error", u)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, want) || strings.Contains(msg, "SECRET") || strings.ContainsAny(msg, "\x1b\n") {
			t.Errorf("ValidateBaseURL(%q) = %q, want one safe sentence containing %q", u, msg, want)
		}
	}
}
