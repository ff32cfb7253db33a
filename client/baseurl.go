package client

import (
	"errors"
	"net/url"
	"strings"

	"github.com/lockchat/lockchat/client/sanitize"
)

// ValidateBaseURL checks that base can be a provider's API root: an http
// or https URL with a host. Its error is one sentence quoting the URL
// without query or user information, which may hold a key.
func ValidateBaseURL(base string) error {
	if strings.TrimSpace(base) == "" {
		return errors.New("the base URL is empty: give one such as http://localhost:11434/v1")
	}
	bad := func(shown, problem string) error {
		return errors.New(`the base URL "` + shown + `" ` + problem)
	}
	if !strings.Contains(base, "://") {
		if u, err := url.Parse("http://" + base); err == nil && u.Host != "" && !strings.ContainsAny(base, " \t") {
			shown := shownURL(base)
			return bad(shown, "has no scheme: write it as http://"+shown+" (or https://)")
		}
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return bad(shownURL(base), "is not a URL: give one such as https://api.example.com/v1")
	case !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https"):
		return bad(shownURL(base), "uses "+sanitize.Line(u.Scheme)+": only http and https are supported")
	case u.Host == "":
		return bad(shownURL(base), "names no host")
	}
	return nil
}

// shownURL is base as a message may quote it: cut before its query and
// fragment, without user information, terminal-safe and short.
func shownURL(base string) string {
	s, _, _ := strings.Cut(base, "?")
	s, _, _ = strings.Cut(s, "#")
	if at := strings.LastIndex(s, "@"); at >= 0 {
		scheme := ""
		if k := strings.Index(s, "://"); k >= 0 && k < at {
			scheme = s[:k+3]
		}
		s = scheme + s[at+1:]
	}
	s = strings.TrimSpace(sanitize.Line(s))
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80]) + "…"
	}
	return s
}

// appendPath adds an API path (such as "chat/completions") after a base
// URL's own path, keeping the base's query after it: Azure-style
// endpoints carry ?api-version= in the base URL.
func appendPath(u *url.URL, path string) {
	if u.RawPath != "" {
		u.RawPath = strings.TrimRight(u.RawPath, "/") + "/" + path
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/" + path
	u.Fragment, u.RawFragment = "", ""
}

// withParam sets one parameter of a raw query, leaving the others as they
// were written.
func withParam(rawQuery, name, value string) string {
	var parts []string
	for _, part := range strings.Split(rawQuery, "&") {
		rawName, _, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(rawName); part != "" && (err != nil || n != name) {
			parts = append(parts, part)
		}
	}
	return strings.Join(append(parts, url.QueryEscape(name)+"="+url.QueryEscape(value)), "&")
}

// secretParams are query parameters that hold a credential by their name
// alone, whatever the provider's auth_param.
var secretParams = map[string]bool{
	"key": true, "api_key": true, "apikey": true, "api-key": true, "auth": true, "token": true,
	"access_token": true, "sig": true, "signature": true, "password": true, "secret": true, "code": true,
}

// StoredBaseURL returns p's base URL in the form a conversation stores:
// without user information and fragment, and with only the query
// parameters that carry no secret (so an Azure-style api-version
// survives). A parameter is dropped when it is the provider's auth_param,
// has a credential's name, or its value holds part of the key.
func StoredBaseURL(p Provider) string {
	u, err := url.Parse(p.BaseURL)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	red := NewRedactor(p.APIKey)
	var kept []string
	for _, part := range strings.Split(u.RawQuery, "&") {
		rawName, rawValue, _ := strings.Cut(part, "=")
		name, err1 := url.QueryUnescape(rawName)
		value, err2 := url.QueryUnescape(rawValue)
		secret := strings.EqualFold(name, p.AuthParam) || secretParams[strings.ToLower(name)] ||
			red.Redact(value) != value || red.Redact(rawValue) != rawValue
		if part != "" && err1 == nil && err2 == nil && !secret {
			kept = append(kept, part)
		}
	}
	u.RawQuery = strings.Join(kept, "&")
	u.ForceQuery = false
	return u.String()
}
