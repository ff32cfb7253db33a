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

// cleanLine makes one line of glamour output fit for the screen. It keeps
// text and SGR sequences only: OSC 8 hyperlinks and any other escape
// sequence or control character are dropped, tabs become spaces. Trailing
// blank cells, which glamour uses to pad every line to the wrap width, are
// removed; nothing visible changes, because a blank cell is kept whenever its
// style shows on a space (background, reverse, underline, strike, overline).
func cleanLine(line string) string {
	rest := trimPadCells(line)
	out, endPen := filterLine(rest)
	if len(rest) < len(line) && endPen.showsSpace() {
		// The cut pad cells would have shown the pen's background.
		out, _ = filterLine(line)
	}
	return out
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
	if strings.HasPrefix(params, "38;5;") || strings.HasPrefix(params, "38;2;") {
		return digitsAndSemicolons(params[5:])
	}
	return len(params) == 2 && (params[0] == '3' || params[0] == '9') &&
		params[1] >= '0' && params[1] <= '7'
}

func digitsAndSemicolons(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != ';' {
			return false
		}
	}
	return s != ""
}

// filterLine copies the text and SGR sequences of line, cut after its last
// visible cell, and returns the pen in effect at the end of line.
func filterLine(line string) (string, pen) {
	var b strings.Builder
	b.Grow(len(line))
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
			b.WriteString(seq)
		case seq == "\t":
			b.WriteString(tabSpaces)
		case width > 0:
			b.WriteString(seq)
			if !isBlank(seq) || p.showsSpace() {
				cut, cutPen = b.Len(), p
			}
		}
	}
	out := b.String()[:cut]
	switch {
	case cutPen.styled:
		out += resetSGR
	case b.Cap() > cut+cut/8+8:
		// A line is kept as long as its reply: it must not hold on to the
		// padded line's buffer.
		out = strings.Clone(out)
	}
	return out, p
}

// isBlank reports whether a printable grapheme draws nothing by itself.
func isBlank(g string) bool {
	return strings.Trim(g, " \u00a0") == ""
}
