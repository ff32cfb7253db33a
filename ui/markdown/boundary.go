package markdown

import "strings"

// boundaryScanner finds safe block boundaries in markdown that arrives in
// pieces. A safe boundary is the start of a complete, non-indented line that
// follows a blank line, outside fenced code and multi-line HTML blocks, and
// that does not continue a list (a list item after a blank line inside a
// list would make the list loose, which changes how all of it renders) or a
// definition list. Text before a safe boundary renders the same whatever
// follows, so its rendering can be cached.
//
// The scanner looks at each byte once: it remembers where the unfinished
// last line starts and how far it has searched for its end.
type boundaryScanner struct {
	lineStart int // start of the first line not yet classified
	searched  int // bytes before this offset hold no newline after lineStart
	boundary  int // the last safe boundary found
	// global is set once a link reference or footnote definition appears:
	// it can change how text anywhere in the document renders, so no
	// prefix of the document can be cached any more.
	global bool

	prevBlank bool   // the previous line was blank
	inList    bool   // a list may still be open
	fence     fence  // the open code fence, if any
	htmlEnd   string // end marker of an open multi-line HTML block
	// htmlLine is set when a line since the last blank line started with
	// "<": it may have opened an HTML block that only a blank line ends,
	// and a fence inside one is not code.
	htmlLine bool
	// code is the last fenced code block opened at the top level.
	code codeFence
}

// codeFence is where a fenced code block at the top level of the document
// starts: a fence that is not indented and not inside an HTML block. Its
// rendering is the same with lines removed from its middle, except for
// those lines (see codetail.go).
type codeFence struct {
	at    int  // start of the fence line
	start int  // start of the code, after the fence line
	close int  // start of the closing fence line, once there is one
	open  bool // the block has not been closed yet
}

// fence describes an open fenced code block.
type fence struct {
	char   byte // '`' or '~'; zero when no fence is open
	length int
	indent int
}

// scan classifies every complete line of text that has not been seen yet.
// text must extend the text of earlier calls.
func (sc *boundaryScanner) scan(text string) {
	for {
		i := strings.IndexByte(text[sc.searched:], '\n')
		if i < 0 {
			sc.searched = len(text)
			return
		}
		end := sc.searched + i
		sc.line(strings.TrimSuffix(text[sc.lineStart:end], "\r"), sc.lineStart, end+1)
		sc.lineStart, sc.searched = end+1, end+1
	}
}

// line classifies one complete line that starts at offset start; the next
// line starts at next.
func (sc *boundaryScanner) line(l string, start, next int) {
	switch {
	case sc.fence.char != 0:
		if sc.fence.closedBy(l) {
			sc.fence = fence{}
			if sc.code.open {
				sc.code.open, sc.code.close = false, start
			}
		}
		sc.prevBlank = false
		return
	case sc.htmlEnd != "":
		if strings.Contains(strings.ToLower(l), sc.htmlEnd) {
			sc.htmlEnd = ""
		}
		sc.prevBlank = false
		return
	case strings.TrimSpace(l) == "":
		sc.prevBlank, sc.htmlLine = true, false
		return
	}
	indent, body := splitIndent(l)
	item := indent < 4 && isListItem(body)
	if sc.prevBlank && indent == 0 && !(item && sc.inList) && body[0] != ':' && !gluesOn(body) {
		sc.boundary = start
	}
	if item {
		sc.inList = true
	} else if indent == 0 && sc.prevBlank {
		sc.inList = false
	}
	sc.opens(indent, body, start, next)
	sc.prevBlank = false
}

// gluesOn reports whether a line may open an HTML block that glamour
// renders without the blank line that separates other blocks: its text
// goes on with the unfinished last row of a code block before it, wrapped
// from that row's width, which a part rendered on its own cannot show. A
// comment renders as nothing and may start a part.
func gluesOn(body string) bool {
	return body[0] == '<' && !strings.HasPrefix(body, "<!--")
}

// opens records what a line outside code and HTML blocks starts.
func (sc *boundaryScanner) opens(indent int, body string, start, next int) {
	if isDefinition(body) {
		sc.global = true
	}
	// A fence is recognised at any indentation: inside a list item it may be
	// indented by more than three spaces. Taking an indented code line for a
	// fence only loses boundaries, never adds wrong ones.
	if f, ok := openFence(body); ok {
		f.indent = indent
		sc.fence = f
		if indent == 0 && !sc.htmlLine {
			// A fence that is not indented ends any list or quote.
			sc.code = codeFence{at: start, start: next, open: true}
			sc.inList = false
		}
		return
	}
	if indent < 4 && body[0] == '<' {
		sc.htmlLine = true
	}
	if indent < 4 {
		if end := htmlBlockEnd(body); end != "" && !strings.Contains(strings.ToLower(body), end) {
			sc.htmlEnd = end
		}
	}
}

// checkUnfinished looks at the unfinished last line of text for the start
// of a definition, which changes how text already committed renders.
func (sc *boundaryScanner) checkUnfinished(text string) {
	if sc.global || sc.fence.char != 0 || sc.htmlEnd != "" {
		return
	}
	_, body := splitIndent(text[sc.lineStart:])
	if isDefinition(body) {
		sc.global = true
	}
}

// splitIndent returns a line's indentation in columns (a tab counts as four)
// and the line without it.
func splitIndent(l string) (int, string) {
	n := 0
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n, l[i:]
		}
	}
	return n, ""
}

// isListItem reports whether s starts with a list marker: "-", "+" or "*",
// or one to nine digits and "." or ")", followed by a space or the end.
func isListItem(s string) bool {
	i := 0
	if s != "" && strings.IndexByte("-+*", s[0]) >= 0 {
		i = 1
	} else {
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(s) || (s[i] != '.' && s[i] != ')') {
			return false
		}
		i++
	}
	return i == len(s) || s[i] == ' ' || s[i] == '\t'
}

// isDefinition reports whether s looks like a link reference or footnote
// definition, "[label]: ...", possibly inside block quotes or list items,
// where goldmark accepts them too. Any indentation is accepted; a false
// positive only costs speed.
func isDefinition(s string) bool {
	s = stripContainers(s)
	if !strings.HasPrefix(s, "[") {
		return false
	}
	i := strings.Index(s, "]:")
	return i > 1
}

// stripContainers removes leading blanks, block quote markers and list
// markers from s.
func stripContainers(s string) string {
	for {
		t := strings.TrimLeft(s, " \t>")
		if isListItem(t) {
			t = strings.TrimLeft(t, "-+*0123456789.)")
		}
		if t == s {
			return s
		}
		s = t
	}
}

// openFence reports whether s opens a fenced code block.
func openFence(s string) (fence, bool) {
	n := fenceRun(s)
	if n < 3 {
		return fence{}, false
	}
	if s[0] == '`' && strings.IndexByte(s[n:], '`') >= 0 {
		return fence{}, false // a backtick fence's info string has no backticks
	}
	return fence{char: s[0], length: n}, true
}

// fenceRun returns the length of the run of '`' or '~' that starts s.
func fenceRun(s string) int {
	if s == "" || (s[0] != '`' && s[0] != '~') {
		return 0
	}
	n := 1
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

// closedBy reports whether line l closes the fence: the same character, at
// least as many of it, nothing but blanks after, and not indented by more
// than three columns beyond the opening fence.
func (f fence) closedBy(l string) bool {
	indent, body := splitIndent(l)
	if indent > f.indent+3 || body == "" || body[0] != f.char {
		return false
	}
	n := fenceRun(body)
	return n >= f.length && strings.TrimSpace(body[n:]) == ""
}

// htmlBlockStarts maps the openings of the HTML blocks that may contain blank
// lines (CommonMark types 1 to 5) to the text that ends them.
var htmlBlockStarts = []struct{ start, end string }{
	{"<script", "</script>"},
	{"<pre", "</pre>"},
	{"<style", "</style>"},
	{"<textarea", "</textarea>"},
	{"<!--", "-->"},
	{"<?", "?>"},
	{"<![cdata[", "]]>"},
	{"<!", ">"},
}

// htmlBlockEnd returns the end marker of the HTML block that s opens, or "".
func htmlBlockEnd(s string) string {
	if !strings.HasPrefix(s, "<") {
		return ""
	}
	lower := strings.ToLower(s)
	for _, h := range htmlBlockStarts {
		if strings.HasPrefix(lower, h.start) {
			return h.end
		}
	}
	return ""
}
