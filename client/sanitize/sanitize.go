// Package sanitize turns untrusted text (model output, server error messages,
// conversation titles) into text that is safe to write to a terminal.
//
// The rules, applied rune by rune with no state carried between runes:
//
//   - '\n' and '\t' are kept (Line turns them into spaces).
//   - '\r' is dropped, whether it ends a CRLF pair or stands alone, so text can
//     never return the cursor to the start of a line and overwrite what is
//     already there.
//   - Every other C0 control (U+0000–U+001F) and DEL (U+007F) is replaced by
//     its Unicode control picture (U+2400–U+241F, U+2421): ESC becomes "␛",
//     BEL "␇", NUL "␀". The text stays honest about what the server sent.
//   - A C1 control (U+0080–U+009F) is replaced by "␛" followed by its 7-bit
//     equivalent (the byte 0x40 lower), so the 8-bit CSI U+009B shows as "␛[".
//   - Escape sequences are neutralised by the two rules above: their
//     introducer (ESC or a C1 control) and any BEL or ESC inside them become
//     visible pictures, and what remains of the sequence is plain printable
//     text. "\x1b]52;c;QUJD\x07" becomes "␛]52;c;QUJD␇" and "\x1b[2J" becomes
//     "␛[2J". Nothing of a sequence is hidden, so nothing is silently lost.
//   - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
//     are dropped: they can make text display in an order other than the one
//     it is stored in. The directional marks U+200E, U+200F and U+061C are
//     kept: they set no embedding level and are needed by right-to-left text.
//   - Every byte that is not part of valid UTF-8 becomes U+FFFD.
//
// Because no state is carried between runes, sanitising two pieces of a text
// separately gives the same result as sanitising the whole, provided the
// split falls at a rune boundary; streamed text can be sanitised delta by delta.
// Text is idempotent: Text(Text(s)) == Text(s).
package sanitize

import "unicode/utf8"

// Text returns s made safe to write to a terminal, following the rules in the
// package documentation. When s needs no change, Text returns s itself
// without allocating.
func Text(s string) string {
	return sanitizeString(s, false)
}

// Line is like Text, but also turns '\n', '\t' and the Unicode line and
// paragraph separators (U+2028, U+2029) into spaces, for one-line contexts
// such as error messages, status lines and titles.
func Line(s string) string {
	return sanitizeString(s, true)
}

// AppendText appends Text(s) to dst and returns the extended slice.
func AppendText(dst []byte, s string) []byte {
	return appendFrom(dst, s, 0, false)
}

// AppendLine appends Line(s) to dst and returns the extended slice.
func AppendLine(dst []byte, s string) []byte {
	return appendFrom(dst, s, 0, true)
}

// IsSafe reports whether Text(s) == s, that is whether s can be written to a
// terminal as it is.
func IsSafe(s string) bool {
	return firstUnsafe(s, false) == len(s)
}

func sanitizeString(s string, line bool) string {
	i := firstUnsafe(s, line)
	if i == len(s) {
		return s
	}
	// Most replacements are three bytes for one; a little headroom avoids
	// a second allocation in the common case of a few controls.
	buf := make([]byte, 0, len(s)+16)
	buf = append(buf, s[:i]...)
	buf = appendFrom(buf, s, i, line)
	return string(buf)
}

// firstUnsafe returns the index of the first byte of s that starts a rune
// needing a change, or len(s) if there is none.
func firstUnsafe(s string, line bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || !line && (c == '\n' || c == '\t') {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if replace(r, size, line) {
			return i
		}
		i += size
	}
	return len(s)
}

// replace reports whether the non-ASCII rune r, decoded from size bytes,
// must be changed.
func replace(r rune, size int, line bool) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case isBidiControl(r):
		return true
	case line && (r == '\u2028' || r == '\u2029'):
		return true
	}
	return false
}

// isBidiControl reports whether r is an embedding, override or isolate
// control, the bidi formatting characters that change display order.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// appendFrom sanitises s[i:] onto dst; s[:i] must already be handled.
func appendFrom(dst []byte, s string, i int, line bool) []byte {
	for i < len(s) {
		// Copy the next run of safe runes in one go.
		if j := i + firstUnsafe(s[i:], line); j > i {
			dst = append(dst, s[i:j]...)
			i = j
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\r':
				// Dropped: see the package documentation.
			case line && (c == '\n' || c == '\t'):
				dst = append(dst, ' ')
			case c == 0x7f:
				dst = append(dst, "\u2421"...)
			default:
				dst = utf8.AppendRune(dst, 0x2400+rune(c))
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, "\uFFFD"...)
		case r >= 0x80 && r <= 0x9f:
			dst = append(dst, "\u241b"...)
			dst = append(dst, byte(r-0x40))
		case isBidiControl(r):
			// Dropped.
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, ' ')
		}
	}
	return dst
}
