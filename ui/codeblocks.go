package ui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/ui/markdown"
)

// codeBlock is a fenced code block of a message's markdown source.
type codeBlock struct {
	lang string // the info string's first word, or ""
	code string // the lines between the fences
	// lines is how many lines code has.
	lines int
	// open says the closing fence has not come (yet).
	open bool
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
		cur.open = true
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

// codeRows finds the rows of body, a message's rendered body, that show
// blocks[n]: from is its first row, to is past its last. Glamour draws a
// block's lines in order and no fence, each line on a row or wrapped onto
// several, indented (by at least indent columns) and coloured; so a block
// is the first run of indented rows whose text, spaces aside, is its code
// in order. Blocks are found one after another, so that a line of prose
// that reads like an earlier block's code is not taken for it. Blank
// lines at a block's ends are not matched (a block still being written
// may not show them yet). ok is false when the block is not found.
func codeRows(body []string, blocks []codeBlock, n, indent int) (from, to int, ok bool) {
	at := 0
	for k := 0; k <= n && k < len(blocks); k++ {
		code := trimBlankEdges(strings.Split(blocks[k].code, "\n"))
		if len(code) == 0 {
			if k == n {
				return 0, 0, false
			}
			continue
		}
		found := false
		for r := at; r < len(body) && !found; r++ {
			if end := matchCode(body, r, code, indent); end > r {
				from, to, at, found = r, end, end, true
			}
		}
		if !found {
			return 0, 0, false
		}
	}
	return from, to, n < len(blocks)
}

// matchCode returns the row past the rows from at that show code, or -1.
// The row each line starts on must be indented by at least indent
// columns, and every row by two, so that a margin mark hides no text.
func matchCode(body []string, at int, code []string, indent int) int {
	r := at
	for _, c := range code {
		want := squeeze(c)
		for first := true; first || want != ""; first = false {
			if r >= len(body) {
				return -1
			}
			row := ansi.Strip(body[r])
			got := squeeze(row)
			if cut, ok := strings.CutSuffix(got, markdown.CutMark); ok && !strings.HasPrefix(want, got) {
				got = cut // a long line cut at the edge goes on in the next row
			}
			need := 2 // a row a long line wraps onto has only the margin
			if first {
				need = max(need, indent)
			}
			blank := got == ""
			if blank != (want == "") || !blank && (leadingSpaces(row) < need || !strings.HasPrefix(want, got)) {
				return -1
			}
			want, r = want[len(got):], r+1
		}
	}
	return r
}

// squeeze is s without its white space: a code line and the rows it is
// drawn on compare equal whatever the wrapping and the tab stops.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// leadingSpaces counts the spaces that start s.
func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
