package client

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/lockchat/lockchat/client/sanitize"
)

// Redactor removes secrets from text meant for people. It knows each secret
// in every spelling a URL, a header or a server echo might give it.
type Redactor struct {
	forms []string
}

// minSecretLen keeps tiny keys (say "x") from blanking out ordinary words.
const minSecretLen = 4

// NewRedactor returns a Redactor for the given secrets.
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{}
	seen := map[string]bool{}
	for _, s := range secrets {
		if len(s) < minSecretLen {
			continue
		}
		for _, f := range spellings(s) {
			if !seen[f] {
				seen[f] = true
				r.forms = append(r.forms, f)
			}
		}
	}
	return r
}

// spellings lists the ways a secret can appear: as is, URL-encoded for a
// query or a path, and with padding trimmed (base64 tokens lose "==" when a
// server echoes them loosely).
func spellings(s string) []string {
	forms := []string{s, url.QueryEscape(s), url.PathEscape(s)}
	if t := strings.TrimRight(s, "="); len(t) >= minSecretLen && t != s {
		forms = append(forms, t)
	}
	return forms
}

// urlQuery matches the query part of any URL in free text: whatever a
// server or Go's *url.Error prints, a query may hold a token.
var urlQuery = regexp.MustCompile(`(https?://[^\s?"'<>]*)\?[^\s"'<>]*`)

// Redact returns s with every secret and every URL query replaced.
func (r *Redactor) Redact(s string) string {
	for _, f := range r.forms {
		s = strings.ReplaceAll(s, f, "[redacted]")
	}
	return urlQuery.ReplaceAllString(s, "$1?[redacted]")
}

// Message redacts s and makes it one terminal-safe line: the form every
// error sentence takes.
func (r *Redactor) Message(s string) string {
	return strings.TrimSpace(sanitize.Line(r.Redact(s)))
}
