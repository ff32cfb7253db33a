package clienttest

import "net/http"

// HostileTokens are content deltas carrying everything a terminal must never
// receive from a model: an OSC 52 clipboard write, an OSC 8 hyperlink, a
// screen clear, a colour change, an 8-bit CSI and OSC, other C0 and C1
// controls, a lone carriage return and bidi overrides and isolates. Each
// token also holds some plain text, so a client can check that the text
// around the controls survives.
var HostileTokens = []string{
	"Plain start. ",
	"\x1b]52;c;ZWNobyBwd25lZA==\x07",
	"clip ",
	"\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ ",
	"\x1b[2J\x1b[H",
	"\x1b[31mred\x1b[0m ",
	"\u009b2J\u009d0;title\u009c",
	"bell\x07 nul\x00 del\x7f bs\x08 ",
	"over\rwrite ",
	"\u202eevil.exe\u202c \u2066iso\u2069 ",
	"\x1bP+q\x1b\\ \x1b_apc\x1b\\ \x1bc",
	"Plain end.",
}

// Hostile returns a complete stream response whose content is
// HostileTokens. With escapeAll every non-ASCII character is sent as a JSON
// \u escape (so C1 and bidi controls arrive as \u009b, \u202e); otherwise
// they arrive as raw UTF-8. C0 controls are always \u escapes (\u001b),
// because JSON allows nothing else.
func Hostile(escapeAll bool) Response {
	return Stream{Tokens: HostileTokens, EscapeAll: escapeAll}.Response()
}

// HostileError returns a 500 whose plain-text body holds raw escape
// sequences and controls, as a broken or malicious proxy might send.
func HostileError() Response {
	return Raw(http.StatusInternalServerError, "text/plain; charset=utf-8",
		"upstream failed\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\u009b31m\u202etxt.exe\r\n")
}

// HostileJSONError returns a 400 OpenAI-style error whose message holds
// escape sequences and bidi controls, escaped in JSON.
func HostileJSONError() Response {
	return JSONError(http.StatusBadRequest, "bad\x1b]52;c;ZWNobyBwd25lZA==\x07 \x1b[2Jrequest\u202e",
		"invalid_request_error", "")
}
