package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "hello, world", "hello, world"},
		{"newlines and tabs kept", "a\n\tb\n", "a\n\tb\n"},
		{"cjk and emoji kept", "你好，世界 👋🏽 한국어", "你好，世界 👋🏽 한국어"},
		{"rtl text and marks kept", "שלום \u200fעולם\u200e \u061c", "שלום \u200fעולם\u200e \u061c"},
		{"osc 52 clipboard write", "x\x1b]52;c;ZWNobyBoaQ==\x07y", "x␛]52;c;ZWNobyBoaQ==␇y"},
		{"osc 52 json escaped then decoded", "\u001b]52;c;QUJD\u001b\\", "␛]52;c;QUJD␛\\"},
		{"osc 8 link", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "␛]8;;https://evil.example␛\\click␛]8;;␛\\"},
		{"csi clear screen", "\x1b[2J\x1b[H", "␛[2J␛[H"},
		{"sgr colour", "\x1b[31mred\x1b[0m", "␛[31mred␛[0m"},
		{"8-bit csi", "\u009b2J", "␛[2J"},
		{"8-bit osc with 8-bit st", "\u009d0;title\u009c", "␛]0;title␛\\"},
		{"dcs string", "\x1bP+q\x1b\\", "␛P+q␛\\"},
		{"apc pm sos", "\x1b_a\x1b\\\x1b^b\x1b\\\x1bXc\x1b\\", "␛_a␛\\␛^b␛\\␛Xc␛\\"},
		{"two-char esc sequence", "\x1bc\x1b7\x1b8", "␛c␛7␛8"},
		{"bel", "ding\a", "ding␇"},
		{"nul", "a\x00b", "a␀b"},
		{"del", "a\x7fb", "a␡b"},
		{"backspace", "abc\b\b\bxyz", "abc␈␈␈xyz"},
		{"vertical tab and form feed", "a\vb\fc", "a␋b␌c"},
		{"crlf", "one\r\ntwo\r\n", "one\ntwo\n"},
		{"lone cr", "safe\rEVIL", "safeEVIL"},
		{"cr at end", "end\r", "end"},
		{"nel c1", "a\u0085b", "a␛Eb"},
		{"c1 range ends", "\u0080\u009f", "␛@␛_"},
		{"latin-1 after c1 kept", "\u00a0é\u00ff", "\u00a0é\u00ff"},
		{"bidi override", "abc\u202etxt.exe", "abctxt.exe"},
		{"bidi embeddings", "\u202a\u202b\u202c\u202d", ""},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"invalid utf-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"overlong encoding", "\xc0\xaf", "\uFFFD\uFFFD"},
		{"raw c1 byte is invalid utf-8", "\x9b2J", "\uFFFD2J"},
		{"surrogate", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"},
		{"line separators kept by Text", "a\u2028b\u2029c", "a\u2028b\u2029c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(AppendText([]byte("pre:"), tt.in)); got != "pre:"+tt.want {
				t.Errorf("AppendText(%q) = %q, want %q", tt.in, got, "pre:"+tt.want)
			}
			if got := IsSafe(tt.in); got != (tt.in == tt.want) {
				t.Errorf("IsSafe(%q) = %v", tt.in, got)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "HTTP 502: bad gateway", "HTTP 502: bad gateway"},
		{"newlines and tabs", "a\nb\tc\r\nd", "a b c d"},
		{"line separators", "a\u2028b\u2029c", "a b c"},
		{"escape", "\x1b[2Jerr", "␛[2Jerr"},
		{"bidi", "\u202eerr", "err"},
		{"invalid", "\xfe", "\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(AppendLine(nil, tt.in)); got != tt.want {
				t.Errorf("AppendLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTextSafeInputNotCopied checks the fast path: a safe string comes back
// as the very same string, without allocating.
func TestTextSafeInputNotCopied(t *testing.T) {
	s := strings.Repeat("plain ascii, 日本語, emoji 🎉\n\t", 20)
	if got := Text(s); got != s || !sameData(got, s) {
		t.Fatal("Text copied a string that needed no change")
	}
	allocs := testing.AllocsPerRun(100, func() {
		_ = Text(s)
		_ = Line("one line only")
	})
	if allocs != 0 {
		t.Fatalf("Text on safe input allocated %v times per run", allocs)
	}
}

func sameData(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// FuzzText checks the safety properties on arbitrary input.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "plain", "\x1b]52;c;QUJD\x07", "\u009b2J", "a\r\nb\rc", "\u202e\u2066x",
		"\xff\xc3\x28", "日本語 🎉", "\x1b[31mred\x1b[0m\x00\x7f",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		checkSafe(t, "Text", got, false)
		if again := Text(got); again != got {
			t.Fatalf("Text not idempotent: Text(%q) = %q, Text of that = %q", s, got, again)
		}
		if IsSafe(s) != (got == s) {
			t.Fatalf("IsSafe(%q) = %v, but Text changed it: %v", s, IsSafe(s), got != s)
		}
		line := Line(s)
		checkSafe(t, "Line", line, true)
		if again := Line(line); again != line {
			t.Fatalf("Line not idempotent on %q", s)
		}
		if Line(got) != line {
			t.Fatalf("Line(Text(%q)) = %q, Line = %q", s, Line(got), line)
		}
		// Split invariance: a split after a valid prefix changes nothing.
		i := len(s) / 2
		if utf8.ValidString(s[:i]) {
			if split := Text(s[:i]) + Text(s[i:]); split != got {
				t.Fatalf("Text(%q)+Text(%q) = %q, want %q", s[:i], s[i:], split, got)
			}
		}
	})
}

func checkSafe(t *testing.T, name, out string, line bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%s output %q is not valid UTF-8", name, out)
	}
	for i := 0; i < len(out); i++ {
		c := out[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || line && (c == '\n' || c == '\t') {
			t.Fatalf("%s output %q holds control byte %#x at %d", name, out, c, i)
		}
	}
	for _, r := range out {
		if r >= 0x80 && r <= 0x9f {
			t.Fatalf("%s output %q holds C1 control %U", name, out, r)
		}
		if isBidiControl(r) {
			t.Fatalf("%s output %q holds bidi control %U", name, out, r)
		}
	}
}
