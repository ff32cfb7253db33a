package client

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	queryToken = "FnMNPlwZEnGFqvEc9470Vw=="
	bearerKey  = "sk-proj-Ab+cd/EF9xyzSECRET=="
)

// lowerHex spells a secret's percent-escapes in lower case, as some
// servers echo them.
func lowerHex(s string) string {
	return regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(url.QueryEscape(s), strings.ToLower)
}

// secretForms lists every spelling of a secret that must never appear,
// including a telling prefix of it.
func secretForms(s string) []string {
	return []string{s, url.QueryEscape(s), url.PathEscape(s), lowerHex(s), s[:8]}
}

// errorTexts is every text an error could show: its message, the text of
// each error in its chain, and the common verbs.
func errorTexts(err error) []string {
	texts := []string{fmt.Sprint(err), fmt.Sprintf("%+v", err), fmt.Sprintf("%q", err)}
	for e := err; e != nil; e = errors.Unwrap(e) {
		texts = append(texts, e.Error())
	}
	return texts
}

func assertNoSecret(t *testing.T, err error, secret string) {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error")
	}
	for _, text := range errorTexts(err) {
		for _, f := range secretForms(secret) {
			if strings.Contains(text, f) {
				t.Fatalf("error text %q contains secret form %q", text, f)
			}
		}
	}
}

// secretProviders are a Lockchat-style query token and a bearer key.
func secretProviders(base string) map[string]Provider {
	q := Provider{Name: "lockchat", BaseURL: base, Auth: AuthQuery, AuthParam: "auth", APIKey: queryToken}
	b := Provider{Name: "openai", BaseURL: base, Auth: AuthBearer, APIKey: bearerKey}
	return map[string]Provider{"query": q, "bearer": b}
}

// echoBody repeats every spelling of both secrets, as a careless server
// that quotes the request back would; the last one sits where an
// excerpt gets cut.
func echoBody(r *http.Request) string {
	var b strings.Builder
	b.WriteString("bad request to " + "http://" + r.Host + r.URL.String() + " with " + r.Header.Get("Authorization"))
	for _, s := range []string{queryToken, bearerKey} {
		b.WriteString(" raw=" + s + " q=" + url.QueryEscape(s) + " p=" + url.PathEscape(s) + " l=" + lowerHex(s))
	}
	for b.Len() < 150 {
		b.WriteByte('.')
	}
	b.WriteString(queryToken + " " + bearerKey)
	return b.String()
}

func TestSecretsNeverInErrors(t *testing.T) {
	refused := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr + "/v1"
	}()
	echo := func(status int, ctype string, wrap func(string) string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.WriteHeader(status)
			fmt.Fprint(w, wrap(echoBody(r)))
		}
	}
	quoteJSON := func(s string) string { return fmt.Sprintf(`{"error":{"message":%q}}`, s) }
	plain := func(s string) string { return s }
	servers := map[string]http.HandlerFunc{
		"500 plain echo":   echo(500, "text/plain", plain),
		"500 JSON echo":    echo(500, "application/json", quoteJSON),
		"401 code echo":    echo(401, "application/json", func(s string) string { return `{"error":{"code":"` + strings.ReplaceAll(s, " ", "_") + `"}}` }),
		"200 stream echo":  echo(200, "text/event-stream", func(s string) string { return "data: " + quoteJSON(s) + "\n\n" }),
		"200 bad chunk":    echo(200, "text/event-stream", func(s string) string { return "data: " + s + "\n\n" }),
		"200 not a stream": echo(200, "text/html", func(s string) string { return "<p>" + s + "</p>" }),
		"500 secret at the excerpt's cut": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			key := r.URL.Query().Get("auth") + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			fmt.Fprint(w, strings.Repeat("x ", 76)+key)
		},
		"first byte timeout": func(w http.ResponseWriter, r *http.Request) {
			stall(r)
		},
	}
	for name, h := range servers {
		srv := handlerServer(t, h)
		for style, p := range secretProviders(srv.URL + "/v1") {
			t.Run(name+"/"+style, func(t *testing.T) {
				t.Parallel()
				o := testOptions()
				o.FirstByteTimeout = 30 * time.Millisecond
				assertNoSecret(t, streamOnce(t, p, o).err, p.APIKey)
				_, err := New(p, o).ListModels(t.Context())
				assertNoSecret(t, err, p.APIKey)
			})
		}
	}
	for name, base := range map[string]string{"refused": refused, "dns": "http://lockchat-test.invalid/v1"} {
		for style, p := range secretProviders(base) {
			t.Run(name+"/"+style, func(t *testing.T) {
				t.Parallel()
				r := streamOnce(t, p, testOptions())
				assertNoSecret(t, r.err, p.APIKey)
				if k := errKind(t, r.err); k != KindNetwork {
					t.Errorf("kind = %q, want network", k)
				}
			})
		}
	}
}

// TestURLErrorRedacted: Go's *url.Error prints the URL with its query; a
// cause carried by our error must not.
func TestURLErrorRedacted(t *testing.T) {
	c := New(secretProviders("http://127.0.0.1:1/v1")["query"], testOptions())
	u, _ := c.endpoint("chat/completions")
	if !strings.Contains(u, url.QueryEscape(queryToken)) {
		t.Fatalf("endpoint %q does not carry the token", u)
	}
	raw := &url.Error{Op: "Post", URL: u, Err: errors.New("read: connection reset by peer")}
	e := c.networkError(raw, "")
	assertNoSecret(t, e, queryToken)
	assertNoSecret(t, c.newError(KindNetwork, raw, "wrapped: %v", raw), queryToken)
}

func TestRedactor(t *testing.T) {
	r := NewRedactor(queryToken, "x", "", bearerKey)
	cases := map[string]string{
		"token " + queryToken + " end":                                "token [redacted] end",
		"q=" + url.QueryEscape(queryToken):                            "q=[redacted]",
		"trimmed " + strings.TrimRight(queryToken, "="):               "trimmed [redacted]",
		"key " + bearerKey:                                            "key [redacted]",
		"path " + url.PathEscape(bearerKey):                           "path [redacted]",
		"lower " + lowerHex(bearerKey):                                "lower [redacted]",
		"see https://h.example/v1/chat?auth=abc&x=1 now":              "see https://h.example/v1/chat?[redacted] now",
		"cut at FnMNPlwZ… and FnMN… but Fn… stays":                    "cut at [redacted]… and [redacted]… but Fn… stays",
		"the letter x stays":                                          "the letter x stays",
		`"http://127.0.0.1:8/v1/models?auth=` + queryToken + `": EOF`: `"http://127.0.0.1:8/v1/models?[redacted]": EOF`,
	}
	for in, want := range cases {
		if got := r.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	if got := r.Message("a\x1b[2Jb " + queryToken + "\n"); strings.ContainsAny(got, "\x1b\n") || strings.Contains(got, queryToken) {
		t.Errorf("Message left control characters or the secret: %q", got)
	}
}

func TestPublicBaseURL(t *testing.T) {
	cases := map[string]string{
		"http://super.lockchat.app/v1?auth=" + queryToken: "http://super.lockchat.app/v1",
		"https://user:pass@h.example/v1#frag":             "https://h.example/v1",
		"http://localhost:11434/v1":                       "http://localhost:11434/v1",
	}
	for in, want := range cases {
		if got := PublicBaseURL(in); got != want {
			t.Errorf("PublicBaseURL(%q) = %q, want %q", in, got, want)
		}
	}
}
