package markdown

import "strings"

// Glamour wraps text counting a tab as no cells, and the cleaner turns each
// tab into tabSpaces, so a line of prose with tabs in it came out wider than
// the screen. Tabs between words are therefore made spaces before glamour
// sees them. Code keeps its tabs: code blocks lay them out themselves (see
// codecut.go). So do the tabs that may indent, open a list item's content or
// follow a heading's marks.

// fenceState follows the fenced code blocks of the top level or of a quote.
type fenceState struct {
	fc     fence
	inside bool
}

// code reports whether body, a line without its indent, is part of a fenced
// code block, its fences included, and follows the fences.
func (s *fenceState) code(indent int, body string) bool {
	if s.inside {
		s.inside = !s.fc.closedBy(strings.Repeat(" ", indent) + body)
		return true
	}
	if f, ok := openFence(body); ok && indent < 4 {
		f.indent = indent
		s.fc, s.inside = f, true
		return true
	}
	return false
}

// spaceProseTabs returns md with the tabs that follow a word in the lines
// outside code blocks replaced by tabSpaces.
func spaceProseTabs(md string) string {
	if !strings.Contains(md, "\t") {
		return md
	}
	var b strings.Builder
	var top, quote fenceState
	done := 0
	for at := 0; at < len(md); {
		line, next := lineAt(md, at)
		st, q := &top, quotePrefix(line)
		if q > 0 && !top.inside {
			st = &quote
		} else {
			quote, q = fenceState{}, 0
		}
		indent, body := splitIndent(line[q:])
		if st.code(indent, body) || indent >= 4 || body == "" {
			at = next
			continue
		}
		lead := len(line) - len(body)
		for i := 1; i < len(body); i++ {
			if body[i] != '\t' || body[i-1] == ' ' || body[i-1] == '\t' || opensBlock(body[:i]) {
				continue
			}
			b.WriteString(md[done : at+lead+i])
			b.WriteString(tabSpaces)
			done = at + lead + i + 1
		}
		at = next
	}
	if done == 0 {
		return md
	}
	b.WriteString(md[done:])
	return b.String()
}

// quotePrefix returns the length of the block quote markers that start
// line, each with the blanks before it and the one blank after it.
func quotePrefix(line string) int {
	n := 0
	for {
		i := n
		for i < len(line) && i-n < 3 && line[i] == ' ' {
			i++
		}
		if i == len(line) || line[i] != '>' {
			return n
		}
		i++
		if i < len(line) && line[i] == ' ' {
			i++
		}
		n = i
	}
}

// opensBlock reports whether a line's first word is a list marker or a
// heading's marks, after which a tab counts to the next tab stop.
func opensBlock(word string) bool {
	return !strings.ContainsAny(word, " \t") && (isListItem(word) || strings.Trim(word, "#") == "")
}
