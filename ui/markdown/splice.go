package markdown

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Glamour's output for consecutive parts of a document does not simply
// concatenate to its output for the whole document. Three things differ:
//
//  1. Every render is wrapped in the document's block prefix and suffix,
//     one newline each. Only the first part keeps the prefix and only the
//     last keeps the suffix.
//  2. A paragraph or heading that opens a document has no blank line above
//     it, but it has one after another block. So every part but the first
//     is rendered behind a sentinel paragraph, whose known rendering is then
//     cut off; this drops the document prefix too.
//  3. Glamour pads and ends a line only when more text follows, so a part
//     that ends with a heading or a code block ends in an unfinished line.
//     In a whole document the next block continues that line, so the next
//     part's first line, a blank separator, is appended to it without its
//     document margin. Trailing padding is stripped from every line anyway,
//     so the differing number of pad cells does not matter.
//
// Fixes 2 and 3 rely on glamour's layout (a two-column document margin and a
// blank separator line between blocks). Each splice checks what it relies on
// and reports failure instead of guessing; the stream then falls back to
// full renders.

// sentinelMarkdown is the paragraph that precedes every part but the first.
const sentinelMarkdown = "x\n\n"

// docMargin is the document margin glamour puts at the start of each line.
const docMargin = "  "

// sentinelRaw returns the raw rendering of the sentinel paragraph without
// the document suffix, rendering it on first use.
func (r *Renderer) sentinelRaw() (string, error) {
	if r.sentinel == "" {
		out, err := r.raw(sentinelMarkdown)
		if err != nil {
			return "", err
		}
		r.sentinel = strings.TrimSuffix(out, "\n")
	}
	return r.sentinel, nil
}

// renderPart renders one part of a document. first says whether it opens the
// document, last whether it ends it. It returns the raw output as it would
// appear inside a render of the whole document, and false if glamour's
// output did not have the expected shape.
func (r *Renderer) renderPart(md string, first, last bool) (string, bool, error) {
	if first {
		out, err := r.raw(md)
		if err != nil {
			return "", false, err
		}
		return cutSuffixUnless(out, last)
	}
	s, err := r.sentinelRaw()
	if err != nil {
		return "", false, err
	}
	out, err := r.raw(sentinelMarkdown + md)
	if err != nil {
		return "", false, err
	}
	body, ok := strings.CutPrefix(out, s)
	if !ok {
		return "", false, nil
	}
	return cutSuffixUnless(body, last)
}

// cutSuffixUnless removes the document suffix, a final newline, from out
// unless out ends the document.
func cutSuffixUnless(out string, last bool) (string, bool, error) {
	if last {
		return out, true, nil
	}
	body, ok := strings.CutSuffix(out, "\n")
	return body, ok, nil
}

// joinPart appends a part's raw output to open, the unfinished last line of
// the parts before it ("" if they ended with a newline). It returns false if
// the part cannot continue that line the way a whole-document render would.
// A part that glamour renders as nothing, such as an HTML comment, leaves
// the line unfinished; the document suffix that alone ends a last such part
// ends it. Either way the part follows open as it is, as in a whole render.
func joinPart(open, part string) (string, bool) {
	if open == "" || part == "" || part == "\n" {
		return open + part, true
	}
	rest, ok := strings.CutPrefix(part, docMargin)
	if !ok {
		return "", false
	}
	first, _, _ := strings.Cut(rest, "\n")
	if strings.TrimSpace(ansi.Strip(first)) != "" {
		return "", false
	}
	return open + rest, true
}
