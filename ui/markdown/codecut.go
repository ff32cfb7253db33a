package markdown

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
	xansi "github.com/charmbracelet/x/ansi"
)

// Glamour wraps a code line that is wider than the screen like prose: the
// rest goes on at the document margin, left of the block's indent, where it
// reads as a line of its own. Instead, the highlighter's output is cut
// before glamour sees it: a cut row ends in a faint codeMark, and the line
// goes on in the next row at the block's indent (glamour indents every row
// of the highlighted code), with its colours kept. The cut is made on the
// highlighter's tokens by cutTokens, which also predicts the rows of a line
// for the incremental code renderer (codeLayout.rows), so both give the
// same rows for the same code. A block inside a list or a quote is
// narrower than the formatter's width; its code names its own (see
// nested.go).

// CutMark ends a code row that a long line was cut at; the line goes on
// in the next row at the block's indent. A reader of rendered rows (the
// chat finding a code block's rows) takes it away to get the code back.
const CutMark = "↪"

// codeMark is CutMark, as this package's code says it.
const codeMark = CutMark

// markSentinel stands for codeMark in the tokens handed to the highlighter,
// which colours it as a comment; it is then replaced by the faint mark. It
// is a private-use character, which code does not hold in practice.
const markSentinel = "\ue000"

// faintMark is the mark as the screen shows it.
const faintMark = "\x1b[2m" + codeMark + "\x1b[22m"

// maxCutWidth is the widest code line, in cells, whose cutting formatter is
// registered; code in wider blocks is left to glamour's wrap.
const maxCutWidth = 1024

// cutFormatterName returns the name of the chroma formatter that cuts code
// lines at avail cells, or the plain formatter's if there is none.
func cutFormatterName(avail int) string {
	if avail < 2 || avail > maxCutWidth {
		return chromaFormatter
	}
	registerCutFormatters()
	return fmt.Sprintf("lockchat-cut-%d", avail)
}

// registerCutFormatters registers one cutting formatter per width, once:
// chroma's registry is an unlocked map that every highlight reads, so it
// must not be written once renders may run (WarmUp renders in a command).
// Every render follows the making of a Renderer, which calls this.
var registerCutFormatters = sync.OnceFunc(func() {
	inner := formatters.Get(chromaFormatter)
	for w := 2; w <= maxCutWidth; w++ {
		formatters.Register(fmt.Sprintf("lockchat-cut-%d", w), cutFormatter{inner: inner, avail: w})
	}
})

// cutFormatter highlights with inner after cutting the lines wider than
// avail cells, or than the width a nested block's code names (see
// nested.go).
type cutFormatter struct {
	inner chroma.Formatter
	avail int
}

// Format implements chroma.Formatter.
func (f cutFormatter) Format(w io.Writer, style *chroma.Style, it chroma.Iterator) error {
	c := cutters.Get().(*tokenCutter)
	defer cutters.Put(c)
	c.in = c.in[:0]
	for t := it(); t != chroma.EOF; t = it() {
		c.in = append(c.in, t)
	}
	in, avail := takeWidth(c.in, f.avail)
	c.reset(avail)
	for _, t := range in {
		c.add(t)
	}
	c.flush()
	next := 0
	toks := func() chroma.Token {
		if next == len(c.out) {
			return chroma.EOF
		}
		next++
		return c.out[next-1]
	}
	if !c.cut {
		return f.inner.Format(w, style, toks)
	}
	var b strings.Builder
	if err := f.inner.Format(&b, style, toks); err != nil {
		return err
	}
	_, err := io.WriteString(w, strings.ReplaceAll(b.String(), markSentinel, faintMark))
	return err
}

// cutters keeps tokenCutters and their buffers between highlights; the
// formatters are shared by all renderers.
var cutters = sync.Pool{New: func() any { return new(tokenCutter) }}

// cutTokens returns toks with every line wider than avail cells cut into
// rows of at most avail cells, a tab taking four: each row but the last
// ends in markSentinel, which takes the row's last cell, and a line feed.
// Every token is split at its line feeds whether or not a line is cut (see
// add), so that the highlighted rows of a line depend only on its own
// tokens.
// It reports whether it cut a line.
func cutTokens(toks []chroma.Token, avail int) ([]chroma.Token, bool) {
	var c tokenCutter
	c.reset(avail)
	for _, t := range toks {
		c.add(t)
	}
	c.flush()
	return c.out, c.cut
}

// tokenCutter collects the tokens of one line and cuts the line into rows.
type tokenCutter struct {
	avail int
	in    []chroma.Token // the highlighter's tokens, in Format
	out   []chroma.Token
	line  []chroma.Token // the line so far, without line feeds
	bytes int            // the line's length in bytes, a tab counting four: at least its width
	cut   bool
}

func (c *tokenCutter) reset(avail int) {
	c.avail, c.out, c.line, c.bytes, c.cut = avail, c.out[:0], c.line[:0], 0, false
}

// add adds a token. A token whose text spans lines is split into pieces
// of one line's text each, with the line feeds before and after it: a
// token of a line feed and the next line's indent, or of a comment and its
// line feed, the most common kinds, stays whole.
func (c *tokenCutter) add(t chroma.Token) {
	v := t.Value
	for v != "" {
		lead := 0
		for lead < len(v) && v[lead] == '\n' {
			lead++
		}
		if lead > 0 {
			c.flush() // the line before has ended
		}
		end, ends := len(v), false
		if i := strings.IndexByte(v[lead:], '\n'); i >= 0 {
			end, ends = lead+i, true
			for end < len(v) && v[end] == '\n' {
				end++
			}
		}
		piece := v[:end]
		c.line = append(c.line, chroma.Token{Type: t.Type, Value: piece})
		c.bytes += len(strings.Trim(piece, "\n")) + 3*strings.Count(piece, "\t")
		if ends {
			c.flush()
		}
		v = v[end:]
	}
}

// flush moves the collected line to out, cut into rows if it is too wide.
func (c *tokenCutter) flush() {
	line, bytes := c.line, c.bytes
	c.line, c.bytes = c.line[:0], 0
	width := 0
	if bytes > c.avail {
		for _, t := range line {
			width += xansi.StringWidth(t.Value) + tabExtra*strings.Count(t.Value, "\t")
		}
	}
	if width <= c.avail {
		c.out = append(c.out, line...)
		return
	}
	c.cut = true
	c.cutLine(line, width)
}

// cutLine appends the rows of a line of the given width to out.
func (c *tokenCutter) cutLine(line []chroma.Token, width int) {
	col, left := 0, width // cells in the current row, cells not yet placed
	for _, t := range line {
		v, from := t.Value, 0
		for i, r := range v {
			w := runeWidth(v[i:], r)
			if w == 0 || left <= c.avail-col || col+w <= c.avail-1 {
				col, left = col+w, left-w
				continue
			}
			if i > from {
				c.out = append(c.out, chroma.Token{Type: t.Type, Value: v[from:i]})
			}
			c.out = append(c.out, chroma.Token{Type: chroma.Comment, Value: markSentinel},
				chroma.Token{Type: t.Type, Value: "\n"})
			from, col, left = i, w, left-w
		}
		if from < len(v) {
			c.out = append(c.out, chroma.Token{Type: t.Type, Value: v[from:]})
		}
	}
}

// tabExtra is how much wider than StringWidth says a tab is on the screen,
// where it becomes tabSpaces.
var tabExtra = len(tabSpaces) - xansi.StringWidth("\t")

// runeWidth returns the width of rune r, which starts s.
func runeWidth(s string, r rune) int {
	if r < utf8.RuneSelf {
		if r == '\t' {
			return len(tabSpaces)
		}
		if r < ' ' || r == 0x7f {
			return 0
		}
		return 1
	}
	_, size := utf8.DecodeRuneInString(s) // 1 for a broken character
	return xansi.StringWidth(s[:size])
}

// cutPlainCode cuts the long lines of md's fenced code the way the cutting
// formatter does, for the plain theme, whose code glamour does not
// highlight: the rows of a cut line become lines of the markdown.
func cutPlainCode(md string, avail int) string {
	if !hasLongLine(md, avail) {
		return md
	}
	var b strings.Builder
	var fc fence
	in, done := false, 0 // md[:done] is in b
	for at := 0; at < len(md); {
		line, next := lineAt(md, at)
		switch {
		case in && fc.closedBy(line):
			in = false
		case in:
			if cut, ok := cutPlainLine(line, fc.indent, avail); ok {
				b.WriteString(md[done:at])
				b.WriteString(cut)
				done = at + len(line) // the line's terminator stays
			}
		default:
			indent, body := splitIndent(line)
			if f, ok := openFence(body); ok && indent < 4 {
				f.indent = indent
				fc, in = f, true
			}
		}
		at = next
	}
	if done == 0 {
		return md
	}
	b.WriteString(md[done:])
	return b.String()
}

// hasLongLine reports whether md has a line that may be wider than avail
// cells: a line is no wider than its bytes, counting a tab as four.
func hasLongLine(md string, avail int) bool {
	for md != "" {
		line, rest, _ := strings.Cut(md, "\n")
		if len(line) > avail || len(line)+3*strings.Count(line, "\t") > avail {
			return true
		}
		md = rest
	}
	return false
}

// cutPlainLine returns code line l of a fence indented by indent columns
// cut into lines, if it is too wide. Each line keeps the indent that
// goldmark removes from a fenced code line.
func cutPlainLine(l string, indent, avail int) (string, bool) {
	n := 0
	for n < len(l) && n < indent && l[n] == ' ' {
		n++
	}
	toks, cut := cutTokens([]chroma.Token{{Type: chroma.Text, Value: l[n:]}}, avail)
	if !cut {
		return "", false
	}
	var b strings.Builder
	for _, t := range toks {
		if t.Value == "\n" {
			b.WriteString("\n" + l[:n])
			continue
		}
		b.WriteString(strings.ReplaceAll(t.Value, markSentinel, codeMark))
	}
	return l[:n] + b.String(), true
}
