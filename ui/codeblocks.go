package ui

import "strings"

// codeBlock is a fenced code block of a message's markdown source.
type codeBlock struct {
	lang string // the info string's first word, or ""
	code string // the lines between the fences
	// lines is how many lines code has.
	lines int
}

// codeBlocks finds the fenced code blocks (``` or ~~~) of markdown src,
// in order. A block left open (a reply still being written) runs to the
// end. The opening fence's indentation is taken off its lines.
func codeBlocks(src string) []codeBlock {
	var out []codeBlock
	var open string // the opening fence; "" outside a block
	var indent int
	var cur codeBlock
	var body []string
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		lead := len(line) - len(trimmed)
		if open == "" {
			if f := fenceOf(trimmed); f != "" && lead <= 3 {
				open, indent = f, lead
				cur, body = codeBlock{lang: firstWord(trimmed[len(f):])}, nil
			}
			continue
		}
		if f := fenceOf(trimmed); f != "" && f[0] == open[0] && len(f) >= len(open) &&
			strings.TrimSpace(trimmed[len(f):]) == "" {
			out = append(out, cur.with(body))
			open = ""
			continue
		}
		body = append(body, line[min(indent, lead):])
	}
	if open != "" {
		out = append(out, cur.with(body))
	}
	return out
}

// with returns b holding the lines body.
func (b codeBlock) with(body []string) codeBlock {
	b.code, b.lines = strings.Join(body, "\n"), len(body)
	return b
}

// fenceOf returns the fence that starts s (three or more backticks or
// tildes), or "".
func fenceOf(s string) string {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return ""
	}
	n := len(s) - len(strings.TrimLeft(s, s[:1]))
	if n < 3 {
		return ""
	}
	return s[:n]
}

// firstWord is an info string's language.
func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
