package clienttest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
		want []string
	}{
		{"", 4, []string{}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"héllo 世界🎉", 2, []string{"hé", "ll", "o ", "世界", "🎉"}},
		{"ab", 0, []string{"a", "b"}},
	} {
		if got := Split(tc.text, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("Split(%q, %d) = %q, want %q", tc.text, tc.n, got, tc.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "\n\r\t\x00\x1b\x7f", "\u009b\u202e\u2028\u2029",
		"日本語🎉", "<html>&amp;",
	} {
		for _, all := range []bool{false, true} {
			q := quote(s, all)
			var back string
			if err := json.Unmarshal([]byte(q), &back); err != nil || back != s {
				t.Errorf("quote(%q, %v) = %s, decodes to %q, %v", s, all, q, back, err)
			}
			if all {
				for i := 0; i < len(q); i++ {
					if q[i] >= utf8.RuneSelf || q[i] < 0x20 || q[i] == 0x7f {
						t.Errorf("quote(%q, true) = %s holds byte %#x", s, q, q[i])
					}
				}
			}
		}
	}
	if q := quote("<&>", false); q != `"<&>"` {
		t.Errorf("quote HTML-escapes: %s", q)
	}
}

func TestHostile(t *testing.T) {
	want := strings.Join(HostileTokens, "")
	for _, escaped := range []bool{false, true} {
		s := Start(t, WithReply(Hostile(escaped)))
		body := string(readAll(t, post(t, s, "")))
		p := parse(t, []byte(body))
		if got := strings.Join(p.contents, ""); got != want {
			t.Errorf("escaped=%v: content %q, want %q", escaped, got, want)
		}
		// Controls never travel raw in JSON; C1 and bidi do unless escaped.
		if strings.ContainsAny(body, "\x1b\x07\x00") || !strings.Contains(body, `\u001b`) {
			t.Errorf("escaped=%v: C0 controls not \\u escaped", escaped)
		}
		raw := strings.Contains(body, "\u009b") && strings.Contains(body, "\u202e")
		esc := strings.Contains(body, `\u009b`) && strings.Contains(body, `\u202e`)
		if raw == escaped || esc != escaped {
			t.Errorf("escaped=%v: raw C1/bidi %v, escaped %v", escaped, raw, esc)
		}
	}
}

func TestHostileErrors(t *testing.T) {
	s := Start(t, WithReply(HostileError()))
	resp := post(t, s, "")
	body := readAll(t, resp)
	if resp.StatusCode != 500 || !strings.Contains(string(body), "\x1b]52;") || !strings.Contains(string(body), "\u009b") {
		t.Errorf("%d %q", resp.StatusCode, body)
	}
	s.SetScript(Always(HostileJSONError()))
	resp = post(t, s, "")
	var e struct{ Error struct{ Message string } }
	if err := json.Unmarshal(readAll(t, resp), &e); err != nil || !strings.Contains(e.Error.Message, "\x1b[2J") {
		t.Errorf("%d %q %v", resp.StatusCode, e.Error.Message, err)
	}
}
