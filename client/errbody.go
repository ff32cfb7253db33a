package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// serverError is what a server said went wrong, in any of the shapes the
// OpenAI family uses.
type serverError struct {
	Message string
	Code    string // error.code or error.type, whichever says more
}

// maxExcerpt bounds how much of a non-JSON body is quoted to the user.
const maxExcerpt = 160

// parseErrorJSON extracts a server error from a JSON value. It reports
// false when the value holds no truthy error: `"error": null` is not one.
func parseErrorJSON(data []byte) (serverError, bool) {
	var body struct {
		Error   json.RawMessage `json:"error"`
		Object  string          `json:"object"`
		Message json.RawMessage `json:"message"`
		Detail  json.RawMessage `json:"detail"`
		Code    json.RawMessage `json:"code"`
		Type    string          `json:"type"`
	}
	if json.Unmarshal(data, &body) != nil {
		return serverError{}, false
	}
	if truthy(body.Error) {
		return errorField(body.Error), true
	}
	if body.Object == "error" {
		return serverError{Message: textOf(body.Message), Code: firstNonEmpty(textOf(body.Code), body.Type)}, true
	}
	return serverError{}, false
}

// parseErrorBody extracts a message from the body of a failed HTTP
// response: JSON in any known shape, else a short excerpt of HTML or text.
func parseErrorBody(data []byte) serverError {
	if se, ok := parseErrorJSON(data); ok && se.Message != "" {
		return se
	}
	var loose struct {
		Message json.RawMessage `json:"message"`
		Detail  json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(data, &loose) == nil {
		if m := firstNonEmpty(textOf(loose.Message), textOf(loose.Detail)); m != "" {
			return serverError{Message: m}
		}
	}
	return serverError{Message: excerpt(data)}
}

// errorField reads the "error" member: an object with message/code/type, or a string.
func errorField(raw json.RawMessage) serverError {
	var obj struct {
		Message json.RawMessage `json:"message"`
		Code    json.RawMessage `json:"code"`
		Type    json.RawMessage `json:"type"`
	}
	if raw[0] == '{' && json.Unmarshal(raw, &obj) == nil {
		se := serverError{Message: textOf(obj.Message), Code: firstNonEmpty(textOf(obj.Code), textOf(obj.Type))}
		if se.Message == "" {
			se.Message = excerpt(raw)
		}
		return se
	}
	return serverError{Message: firstNonEmpty(textOf(raw), excerpt(raw))}
}

// truthy reports whether a raw JSON value counts as an error being present.
func truthy(raw json.RawMessage) bool {
	v := bytes.TrimSpace(raw)
	switch string(v) {
	case "", "null", "false", `""`, "0", "{}", "[]":
		return false
	}
	return true
}

// textOf renders a JSON scalar as text: strings unquoted, numbers as written.
func textOf(raw json.RawMessage) string {
	v := bytes.TrimSpace(raw)
	if len(v) == 0 || string(v) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	if v[0] == '{' || v[0] == '[' {
		return ""
	}
	return string(v)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

var (
	htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	spaces    = regexp.MustCompile(`\s+`)
)

// excerpt turns an arbitrary body into a short one-line quote: an HTML
// page's title or its text without tags, else the text itself.
func excerpt(data []byte) string {
	s := string(data)
	if m := htmlTitle.FindStringSubmatch(s); m != nil {
		s = m[1]
	} else if strings.Contains(s, "<") && strings.Contains(s, ">") {
		s = htmlTag.ReplaceAllString(s, " ")
	}
	s = strings.TrimSpace(spaces.ReplaceAllString(html.UnescapeString(s), " "))
	if r := []rune(s); len(r) > maxExcerpt {
		s = string(r[:maxExcerpt]) + "…"
	}
	return s
}

// statusSentence describes a failed HTTP status with the server's words.
func statusSentence(status int, statusText string, se serverError) string {
	if se.Message == "" {
		return fmt.Sprintf("HTTP %d %s: the server sent no explanation.", status, statusText)
	}
	return fmt.Sprintf("HTTP %d: %s", status, endSentence(se.Message))
}

// endSentence makes sure a message reads as a sentence.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?…") {
		return s
	}
	return s + "."
}
