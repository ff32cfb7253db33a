package markdown

import "strings"

// Glamour wraps text counting a tab as no cells, and the cleaner turns each
// tab into tabSpaces, so a line of prose with tabs in it came out wider than
// the screen. Tabs between words are therefore made spaces before glamour
// sees them. Code keeps its tabs: code blocks lay them out themselves (see
// codecut.go). So do the tabs that may indent, open a list item's content or
// follow a heading's marks, and the lines of quotes, which may hold code.

// spaceProseTabs returns md with the tabs that follow a word in the lines
// outside code blocks and quotes replaced by tabSpaces.
func spaceProseTabs(md string) string {
	if !strings.Contains(md, "\t") {
		return md
	}
	var b strings.Builder
	var fc fence
	inFence, done := false, 0
	for at := 0; at < len(md); {
		line, next := lineAt(md, at)
		indent, body := splitIndent(line)
		switch {
		case inFence:
			inFence = !fc.closedBy(line)
			at = next
			continue
		case indent >= 4 || body == "" || body[0] == '>':
			at = next
			continue
		}
		if f, ok := openFence(body); ok {
			f.indent = indent
			fc, inFence = f, true
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

// opensBlock reports whether a line's first word is a list marker or a
// heading's marks, after which a tab counts to the next tab stop.
func opensBlock(word string) bool {
	return !strings.ContainsAny(word, " \t") && (isListItem(word) || strings.Trim(word, "#") == "")
}
