package markdown

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// tabSpaces replaces a tab in rendered output. Chroma passes tabs in code
// through, and a terminal would move them to its own tab stops, which no
// width measurement can predict.
const tabSpaces = "    "

// resetSGR ends a line whose last visible cell was styled: the escape
// sequences that followed it were cut off with the trailing blanks.
const resetSGR = "\x1b[m"

// cleaner cleans lines of glamour output; it keeps a buffer between lines,
// so that a line costs one allocation, or none.
type cleaner struct {
	buf []byte
}

// lines appends the cleaned lines of s to dst.
func (c *cleaner) lines(dst []string, s string) []string {
	for {
		line, rest, ok := strings.Cut(s, "\n")
		dst = append(dst, c.line(line))
		if !ok {
			return dst
		}
		s = rest
	}
}

// line makes one line of glamour output fit for the screen. It keeps text
// and SGR sequences only: OSC 8 hyperlinks and any other escape sequence or
// control character are dropped, tabs become spaces. Trailing blank cells,
// which glamour uses to pad every line to the wrap width, are removed;
// nothing visible changes, because a blank cell is kept whenever its style
// shows on a space (background, reverse, underline, strike, overline).
func (c *cleaner) line(line string) string {
	if printableASCII(line) {
		return strings.TrimRight(line, " ") // a part of line: no copy
	}
	rest := trimPadCells(line)
	out, endPen := c.filter(rest)
	if len(rest) < len(line) && endPen.showsSpace() {
		// The cut pad cells would have shown the pen's background.
		out, _ = c.filter(line)
	}
	return out
}

// printableASCII reports whether s holds nothing but printable ASCII:
// nothing to filter, and only spaces are blank.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// trimPadCells cheaply removes glamour's padding cells, each an SGR that
// sets only a foreground colour, one space and a reset, from the end of
// line. Whether they were really invisible depends on the pen before them,
// which the caller checks.
func trimPadCells(line string) string {
	for {
		rest, ok := strings.CutSuffix(line, " \x1b[m")
		if !ok {
			return line
		}
		i := strings.LastIndex(rest, "\x1b[")
		if i < 0 || !fgOnlySGR(rest[i+2:]) {
			return line
		}
		line = rest[:i]
	}
}

// fgOnlySGR reports whether s, the text after "ESC [", is exactly an SGR
// that sets a foreground colour (3x, 9x, 38;5;n or 38;2;r;g;b).
func fgOnlySGR(s string) bool {
	params, ok := strings.CutSuffix(s, "m")
	if !ok || params == "" {
		return false
	}
	if rest, ok := strings.CutPrefix(params, "38;5;"); ok {
		return numbers(rest) == 1
	}
	if rest, ok := strings.CutPrefix(params, "38;2;"); ok {
		return numbers(rest) == 3
	}
	return len(params) == 2 && (params[0] == '3' || params[0] == '9') &&
		params[1] >= '0' && params[1] <= '7'
}

// numbers returns how many numbers s, a list of decimal numbers separated
// by semicolons, holds, or -1 if it is not such a list.
func numbers(s string) int {
	n := 1
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ';' && i > 0 && s[i-1] != ';':
			n++
		case s[i] < '0' || s[i] > '9':
			return -1
		}
	}
	if s == "" || s[len(s)-1] == ';' {
		return -1
	}
	return n
}

// filter copies the text and SGR sequences of line, cut after its last
// visible cell, and returns the pen in effect at the end of line.
func (c *cleaner) filter(line string) (string, pen) {
	b := c.buf[:0]
	var p, cutPen pen
	cut := 0
	var state byte
	for len(line) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(line, state, nil)
		state = newState
		line = line[n:]
		switch {
		case strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m"):
			p.apply(seq[2 : len(seq)-1])
			b = append(b, seq...)
		case seq == "\t":
			b = append(b, tabSpaces...)
		case width > 0:
			b = append(b, seq...)
			if !isBlank(seq) || p.showsSpace() {
				cut, cutPen = len(b), p
			}
		}
	}
	b = b[:cut]
	if cutPen.styled {
		b = append(b, resetSGR...)
	}
	c.buf = b
	return string(b), p
}

// isBlank reports whether a printable grapheme draws nothing by itself.
func isBlank(g string) bool {
	return strings.Trim(g, " \u00a0") == ""
}
