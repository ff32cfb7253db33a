package markdown

import (
	"strings"

	"charm.land/glamour/v2/ansi"
	"github.com/alecthomas/chroma/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// codeBreakpoints are the characters glamour may wrap a line after, besides
// spaces.
const codeBreakpoints = " ,.;-+|"

// codeLayout is how glamour lays out the lines of a code block at the top
// level of a document: it indents each code line, wraps the block at the
// document's width, and puts the document margin before every row.
type codeLayout struct {
	highlight bool   // chroma colours the code; otherwise it is plain text
	indent    string // before each code line, before wrapping
	width     int    // the width rows are wrapped at
	margin    string // before each row, after wrapping
	// avail is the width of the code in a row; cut, whether lines wider
	// than that are cut (see codecut.go), and formatter, the name of the
	// chroma formatter, which does the cutting for highlighted code.
	avail     int
	cut       bool
	formatter string
}

func newCodeLayout(cfg ansi.StyleConfig, width int) codeLayout {
	doc, code := cfg.Document, cfg.CodeBlock
	docIndent, docMargin := deref(doc.Indent), deref(doc.Margin)
	l := codeLayout{
		highlight: code.Theme != "" || code.Chroma != nil,
		indent:    strings.Repeat(" ", deref(code.Indent)+deref(code.Margin)),
		width:     max(0, width-docIndent-2*docMargin),
		margin:    strings.Repeat(" ", docIndent+docMargin),
	}
	l.avail = l.width - len(l.indent)
	l.formatter = cutFormatterName(l.avail)
	l.cut = l.formatter != chromaFormatter
	return l
}

func deref(p *uint) int {
	if p == nil {
		return 0
	}
	return int(*p)
}

// rows appends to dst the rows that code line c (without its line feed)
// becomes, as plain text: what stripText returns for the cleaned rows.
func (l codeLayout) rows(dst []string, c string) []string {
	if l.cut {
		return l.cutRows(dst, c)
	}
	wrapped := xansi.Wrap(l.indent+c, l.width, codeBreakpoints)
	for {
		row, rest, more := strings.Cut(wrapped, "\n")
		dst = append(dst, trimBlankRight(l.margin+strings.ReplaceAll(row, "\t", tabSpaces)))
		if !more {
			return dst
		}
		wrapped = rest
	}
}

// stripText returns the text of a cleaned row without escape sequences
// and without trailing blanks.
func stripText(row string) string {
	return trimBlankRight(xansi.Strip(row))
}

func trimBlankRight(s string) string {
	return strings.TrimRight(s, " \u00a0")
}

// cutRows is rows for code that the highlighter cuts itself.
func (l codeLayout) cutRows(dst []string, c string) []string {
	toks, cut := cutTokens([]chroma.Token{{Type: chroma.Text, Value: c}}, l.avail)
	if !cut && len(toks) <= 1 {
		text := ""
		if len(toks) == 1 {
			text = toks[0].Value
		}
		return append(dst, trimBlankRight(l.margin+l.indent+strings.ReplaceAll(text, "\t", tabSpaces)))
	}
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Value)
	}
	rows := strings.NewReplacer(markSentinel, codeMark, "\t", tabSpaces).Replace(b.String())
	for row := range strings.SplitSeq(rows, "\n") {
		dst = append(dst, trimBlankRight(l.margin+l.indent+row))
	}
	return dst
}
