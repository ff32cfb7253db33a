package session

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// writeJSON writes v as indented JSON, as every JSON output of the
// command line does (ls --json, search --json, export --format json).
// Text is exact, so it may hold what a server sent: encoding/json escapes
// the C0 controls, but writes C1 controls, DEL and bidirectional
// overrides raw, and those reach a terminal that shows the output (a C1
// CSI starts an escape sequence; a bidi override makes text read other
// than it is). They are written as \uXXXX escapes, which decode to the
// same text.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeInvisible(buf.Bytes()))
	return err
}

// escapeInvisible rewrites the code points jsonEscaped names as \uXXXX.
// In encoding/json's output they only occur inside strings, where the
// escape means the same.
func escapeInvisible(b []byte) []byte {
	var out []byte
	done := 0
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		if jsonEscaped(r) {
			out = append(out, b[done:i]...)
			out = fmt.Appendf(out, `\u%04x`, r)
			done = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[done:]...)
}

// jsonEscaped reports whether r is written escaped in JSON output: a C0
// or C1 control or DEL (encoding/json escapes the C0 ones itself), or a
// code point that changes the direction text is shown in.
func jsonEscaped(r rune) bool {
	switch {
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // Arabic letter mark, LRM, RLM.
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // Embeddings, overrides, isolates.
		return true
	}
	return false
}
