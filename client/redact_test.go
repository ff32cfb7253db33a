package client

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// echoKeys are secrets of every length that matters: under the minimum
// (ignored), under a run's length (redacted whole), and longer ones that
// hold characters URL encoding changes.
var echoKeys = []string{
	"k3y9",
	"k3y9z",
	"sk-SECRET123",
	bearerKey,
	queryToken,
	"sk-proj-9fJqT2vXb7LmN4pR8sW1yZ3aC6dE0gH5iK2lM7nO9pQ4rS8tU1vW3xY6zA0bC5dE",
	"ключ-секрет-тайна",
}

// echoesOf returns texts a server might send back: the key cut at every
// place, after an ellipsis or a run of stars, amid ordinary words.
func echoesOf(key string) []string {
	var out []string
	for _, form := range spellings(key) {
		for i := 0; i < len(form); i++ {
			for _, j := range []int{len(form), min(len(form), i+minRun), min(len(form), i+minRun+3)} {
				part := form[i:j]
				out = append(out,
					"Incorrect API key provided: …"+part+". You can find your API key at https://example.com/keys.",
					"key "+part+"**** rejected",
					part)
			}
		}
	}
	return out
}

// runsOf lists every substring of length minRun of every spelling of key.
func runsOf(key string) []string {
	var runs []string
	for _, form := range spellings(key) {
		for i := 0; i+minRun <= len(form); i++ {
			runs = append(runs, form[i:i+minRun])
		}
	}
	return runs
}

// TestRedactEchoedPart: no run of minRun characters of a secret survives
// in any spelling, and a secret shorter than that is redacted whole.
func TestRedactEchoedPart(t *testing.T) {
	for _, key := range echoKeys {
		r := NewRedactor(key)
		for _, text := range echoesOf(key) {
			got := r.Redact(text)
			if !utf8.ValidString(got) && utf8.ValidString(text) {
				t.Fatalf("Redact(%q) = %q cuts a character", text, got)
			}
			for _, run := range runsOf(key) {
				if strings.Contains(got, run) {
					t.Fatalf("key %q: Redact(%q) = %q keeps %q", key, text, got, run)
				}
			}
			if len(key) < minRun && strings.Contains(got, key) {
				t.Fatalf("key %q: Redact(%q) = %q keeps it", key, text, got)
			}
		}
	}
}

// TestRedactKeepsTheRest: only the secret's characters go; the words
// around them and parts too short to tell stay.
func TestRedactKeepsTheRest(t *testing.T) {
	r := NewRedactor("sk-SECRET123", "k3y9z", "x")
	cases := map[string]string{
		"Incorrect API key provided: …st-SECRET123. See the docs.": "Incorrect API key provided: …st[redacted]. See the docs.",
		"Incorrect API key provided: sk-SEC*****123.":              "Incorrect API key provided: [redacted]*****123.",
		"short k3y9z and k3y9 and 123":                             "short [redacted] and k3y9 and 123",
		"ECRET":                                                    "ECRET",
		"the letter x stays":                                       "the letter x stays",
	}
	for in, want := range cases {
		if got := r.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEchoedPartNotInError: a server quoting part of the key in its
// answer has that part removed from the error.
func TestEchoedPartNotInError(t *testing.T) {
	t.Parallel()
	key := "sk-live-0123456789abcdefSECRET123"
	srv := handlerServer(t, func(w http.ResponseWriter, r *http.Request) {
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(401)
		_, _ = w.Write([]byte(`{"error":{"message":"Incorrect API key provided: …` + got[len(got)-9:] + ` (` + url.QueryEscape(got[2:12]) + `)."}}`))
	})
	p := Provider{Name: "t", BaseURL: srv.URL + "/v1", Auth: AuthBearer, APIKey: key}
	r := streamOnce(t, p, testOptions())
	for _, text := range errorTexts(r.err) {
		for _, run := range runsOf(key) {
			if strings.Contains(text, run) {
				t.Fatalf("error text %q keeps %q", text, run)
			}
		}
	}
	if !strings.Contains(r.err.Error(), "Incorrect API key provided") {
		t.Errorf("error %q lost the server's words", r.err)
	}
}

// BenchmarkRedactLong: a long text with no secret in it, the common case
// for a server's error page.
func BenchmarkRedactLong(b *testing.B) {
	r := NewRedactor(queryToken, bearerKey)
	text := strings.Repeat("The quick brown fox jumps over the lazy dog; a key is a secret. ", 16<<10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = r.Redact(text)
	}
}

// TestURLQueryStopsAtControls: a URL's query ends where a control
// character begins, so redacting it never cuts into an escape sequence
// that is then shown as control pictures ("␛[?[redacted]").
func TestURLQueryStopsAtControls(t *testing.T) {
	r := NewRedactor()
	cases := map[string]string{
		"see http://h.example/a\x1b[?25l end":       "see http://h.example/a␛[?25l end",
		"see http://h.example/a\u009b?25h end":      "see http://h.example/a␛[?25h end",
		"GET http://h.example/v1?auth=abc\x1b[2J":   "GET http://h.example/v1?[redacted]␛[2J",
		"GET http://h.example/v1?auth=abc\u2028x":   "GET http://h.example/v1?[redacted] x",
		"shown http://h.example/a␛[?25l already":    "shown http://h.example/a␛[?25l already",
		"GET http://h.example/v1?auth=abc&b=2 done": "GET http://h.example/v1?[redacted] done",
	}
	for in, want := range cases {
		if got := r.Message(in); got != want {
			t.Errorf("Message(%q) = %q, want %q", in, got, want)
		}
	}
}
