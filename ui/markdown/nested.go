package markdown

import (
	"sort"
	"strings"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A code block inside a list or a block quote is narrower than one at the
// top level: glamour wraps it at the width its containers leave. The
// cutting formatter is chosen once per Renderer, for the top-level width,
// so such a block's long lines would be cut too wide and glamour would wrap
// the cut rows again, leaving fragments. Before glamour sees the markdown,
// the code blocks whose width differs are found (with goldmark, configured
// as glamour's parser is) and their width worked out from the style, the
// way glamour's block stack does:
//
//   - with highlighting, a last line holding widthMark and the width is
//     added to the block; the formatter takes it away and cuts at that
//     width (see takeWidth). The code is lexed as it is, so the cut rows
//     keep their colours.
//   - without, the long lines are cut in the markdown, as cutPlainCode does
//     for top-level blocks.
//
// The formatters stay shared and stateless: the width travels with the
// code of each block.

// widthMark starts the line that tells the cutting formatter a block's
// width; the next character is widthBase plus the width. Both are
// private-use characters, which code does not hold in practice.
const (
	widthMark = "\ue001"
	widthBase = 0xf0000
)

// nestedCutter finds the code blocks nested in containers and cuts their
// long lines at their own width.
type nestedCutter struct {
	cfg       ansi.StyleConfig
	width     int // the renderer's wrap width
	top       int // the width of a top-level block's code
	highlight bool
	p         parser.Parser // made on first use
}

func newNestedCutter(cfg ansi.StyleConfig, width int, code codeLayout) nestedCutter {
	return nestedCutter{cfg: cfg, width: width, top: code.avail, highlight: code.highlight}
}

// nestedEdit replaces md[at:end] with text.
type nestedEdit struct {
	at, end int
	text    string
}

// cut returns md with the long lines of its nested code blocks cut, or
// marked for the formatter to cut.
func (n *nestedCutter) cut(md string) string {
	if !hasNestedFence(md) {
		return md
	}
	if n.p == nil {
		n.p = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList)).Parser()
	}
	src := []byte(md)
	doc := n.p.Parse(text.NewReader(src))
	var edits []nestedEdit
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || node.Kind() != ast.KindFencedCodeBlock {
			return ast.WalkContinue, nil
		}
		// The plain theme's top-level pass sees only fences at the top
		// level; this one cuts all the others.
		nested := !n.highlight && node.Parent().Kind() != ast.KindDocument
		if avail := n.avail(node); (avail != n.top || nested) && avail >= 2 {
			edits = n.blockEdits(edits, md, node.Lines(), avail)
		}
		return ast.WalkSkipChildren, nil
	})
	if len(edits) == 0 {
		return md
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	var b strings.Builder
	done := 0
	for _, e := range edits {
		b.WriteString(md[done:e.at])
		b.WriteString(e.text)
		done = e.end
	}
	b.WriteString(md[done:])
	return b.String()
}

// hasNestedFence reports whether a line of md may open a fenced code block
// inside a list item, a quote or a definition: a fence after indentation
// or markers.
func hasNestedFence(md string) bool {
	for md != "" {
		line, rest, _ := strings.Cut(md, "\n")
		if line != "" && line[0] != '`' && line[0] != '~' {
			if _, ok := openFence(strings.TrimLeft(stripContainers(line), ": \t")); ok {
				return true
			}
		}
		md = rest
	}
	return false
}

// avail returns the width of the code in the rows of block node, as
// glamour's block stack works it out: the wrap width less the indent and
// twice the margin of the document and of every list, quote and
// definition list around the block, less the block's own indent.
func (n *nestedCutter) avail(node ast.Node) int {
	s := n.cfg
	indent, margin := deref(s.Document.Indent), deref(s.Document.Margin)
	for p := node.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindList:
			i := deref(s.List.Indent)
			if hasListAncestor(p) {
				i = int(s.List.LevelIndent)
			}
			indent, margin = indent+i, margin+deref(s.List.Margin)
		case ast.KindBlockquote:
			indent, margin = indent+deref(s.BlockQuote.Indent), margin+deref(s.BlockQuote.Margin)
		case east.KindDefinitionList:
			indent, margin = indent+deref(s.DefinitionList.Indent), margin+deref(s.DefinitionList.Margin)
		}
	}
	width := max(0, n.width-indent-2*margin)
	return width - deref(s.CodeBlock.Indent) - deref(s.CodeBlock.Margin)
}

// hasListAncestor reports whether a list is inside another, which glamour
// indents by the list style's LevelIndent.
func hasListAncestor(node ast.Node) bool {
	for p := node.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindList {
			return true
		}
	}
	return false
}

// blockEdits appends the edits that cut the long lines of a code block at
// avail cells. An added line gets the source's prefix of a long line (its
// indentation and quote markers), so that it stays in the block.
func (n *nestedCutter) blockEdits(dst []nestedEdit, md string, lines *text.Segments, avail int) []nestedEdit {
	prefix, long := "", false
	for i := range lines.Len() {
		seg := lines.At(i)
		if seg.Padding > 0 {
			return dst // a tab partly taken by the indent: left to glamour
		}
		if !long && codeWidth(codeText(md, seg)) > avail {
			long = true
			prefix = md[lineStart(md, seg.Start):seg.Start]
		}
	}
	if !long {
		return dst
	}
	if n.highlight {
		last := lines.At(lines.Len() - 1)
		mark := prefix + widthMark + string(rune(widthBase+avail))
		if strings.HasSuffix(md[:last.Stop], "\n") {
			return append(dst, nestedEdit{at: last.Stop, end: last.Stop, text: mark + "\n"})
		}
		return append(dst, nestedEdit{at: last.Stop, end: last.Stop, text: "\n" + mark})
	}
	for i := range lines.Len() {
		seg := lines.At(i)
		line := codeText(md, seg)
		if codeWidth(line) <= avail {
			continue
		}
		if cut, ok := cutPlainLine(line, 0, avail); ok {
			cut = strings.ReplaceAll(cut, "\n", "\n"+md[lineStart(md, seg.Start):seg.Start])
			dst = append(dst, nestedEdit{at: seg.Start, end: seg.Start + len(line), text: cut})
		}
	}
	return dst
}

// codeText returns the code line seg of md without its line terminator.
func codeText(md string, seg text.Segment) string {
	return strings.TrimRight(md[seg.Start:seg.Stop], "\r\n")
}

// lineStart returns the offset of the start of the line that holds md[at].
func lineStart(md string, at int) int {
	return strings.LastIndexByte(md[:at], '\n') + 1
}

// codeWidth returns the width of a code line on the screen, a tab taking
// four cells.
func codeWidth(s string) int {
	w := 0
	for i, r := range s {
		w += runeWidth(s[i:], r)
	}
	return w
}

// takeWidth returns the tokens of a block's code without the width line
// that nestedCutter added to it, and the width it names; without one,
// toks and avail.
func takeWidth(toks []chroma.Token, avail int) ([]chroma.Token, int) {
	tail := 0 // bytes of the last tokens searched
	for k := len(toks) - 1; k >= 0 && tail < 16; k-- {
		v := toks[k].Value
		i := strings.LastIndex(v, widthMark)
		if i < 0 {
			tail += len(v)
			continue
		}
		var rest strings.Builder
		rest.WriteString(v[i+len(widthMark):])
		for _, t := range toks[k+1:] {
			rest.WriteString(t.Value)
		}
		r, size := utf8.DecodeRuneInString(rest.String())
		w := int(r) - widthBase
		atLineStart := (i > 0 && v[i-1] == '\n') || (i == 0 && k > 0 && strings.HasSuffix(toks[k-1].Value, "\n"))
		if w < 2 || w > maxCutWidth || !atLineStart || strings.Trim(rest.String()[size:], "\r\n") != "" {
			return toks, avail
		}
		out := toks[:k]
		if i > 0 {
			out = append(out, chroma.Token{Type: toks[k].Type, Value: v[:i]})
		}
		return out, w
	}
	return toks, avail
}
