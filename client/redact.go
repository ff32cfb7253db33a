package client

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/lockchat/lockchat/client/sanitize"
)

// Redactor removes secrets from text meant for people. It knows each secret
// in every spelling a URL, a header or a server echo might give it, and
// removes any run of minRun or more of a spelling's characters: a server
// that quotes the end of a key ("Incorrect API key provided: …SECRET123")
// gives away no part of it either.
type Redactor struct {
	forms []string // every spelling of every secret
	short []string // the spellings too short to hold a run, removed whole
	runs  runIndex // every minRun-byte piece of the longer spellings
}

// minSecretLen keeps tiny keys (say "x") from blanking out ordinary words.
const minSecretLen = 4

// minRun is the shortest piece of a secret that is redacted wherever it
// appears; a secret shorter than that is redacted only whole.
const minRun = 6

// NewRedactor returns a Redactor for the given secrets.
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{}
	seen := map[string]bool{}
	for _, s := range secrets {
		if len(s) < minSecretLen {
			continue
		}
		for _, f := range spellings(s) {
			if seen[f] {
				continue
			}
			seen[f] = true
			r.forms = append(r.forms, f)
			if len(f) < minRun {
				r.short = append(r.short, f)
			}
			r.runs.add(f)
		}
	}
	return r
}

// spellings lists the ways a secret can appear: as is, URL-encoded for a
// query or a path, and with padding trimmed (base64 tokens lose "==" when a
// server echoes them loosely).
func spellings(s string) []string {
	forms := []string{s, url.QueryEscape(s), url.PathEscape(s), lowerEscapes(url.QueryEscape(s)), lowerEscapes(url.PathEscape(s))}
	if t := strings.TrimRight(s, "="); len(t) >= minSecretLen && t != s {
		forms = append(forms, t)
	}
	return forms
}

// percentEscape matches one %XX escape.
var percentEscape = regexp.MustCompile(`%[0-9A-F]{2}`)

// lowerEscapes writes the %XX escapes in lower case, as some servers echo
// them (both cases are valid URL encodings).
func lowerEscapes(s string) string {
	return percentEscape.ReplaceAllStringFunc(s, strings.ToLower)
}

// urlQuery matches the query part of any URL in free text: whatever a
// server or Go's *url.Error prints, a query may hold a token. A URL ends
// at a space, a control character or a control picture: the "?" of an
// escape sequence after it ("\x1b[?25l") is no query, and redacting from
// there would cut the sequence that sanitize later shows as "␛[?25l".
var urlQuery = regexp.MustCompile(`(https?://[^\s\p{Z}\p{Cc}\x{2400}-\x{2426}?"'<>]*)\?[^\s\p{Z}\p{Cc}\x{2400}-\x{2426}"'<>]*`)

// Redact returns s with every secret and every URL query replaced.
func (r *Redactor) Redact(s string) string {
	s = r.runs.redact(s)
	for _, f := range r.short {
		s = strings.ReplaceAll(s, f, "[redacted]")
	}
	s = r.cutSecrets(s)
	if !strings.Contains(s, "://") {
		return s // no URL, no query to hide
	}
	return urlQuery.ReplaceAllString(s, "$1?[redacted]")
}

// ellipsis marks where an excerpt of a server's body was cut.
const ellipsis = "…"

// cutSecrets redacts the start of a secret left just before an excerpt's
// "…": a body cut in the middle of an echoed key would otherwise show
// its first characters.
func (r *Redactor) cutSecrets(s string) string {
	if !strings.Contains(s, ellipsis) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, ellipsis)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		head := s[:i]
		if n := r.secretPrefix(head); n > 0 {
			head = head[:len(head)-n] + "[redacted]"
		}
		b.WriteString(head + ellipsis)
		s = s[i+len(ellipsis):]
	}
}

// secretPrefix returns the length of the longest start of a secret (at
// least minSecretLen bytes) that text ends with, or 0.
func (r *Redactor) secretPrefix(text string) int {
	best := 0
	for _, f := range r.forms {
		for n := min(len(f)-1, len(text)); n >= minSecretLen && n > best; n-- {
			if strings.HasSuffix(text, f[:n]) {
				best = n
				break
			}
		}
	}
	return best
}

// Message redacts s and makes it one terminal-safe line: the form every
// error sentence takes.
func (r *Redactor) Message(s string) string {
	return strings.TrimSpace(sanitize.Line(r.Redact(s)))
}
