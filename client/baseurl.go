package client

import (
	"net/url"
	"strings"
)

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
