package markdown

import (
	"strings"
	"testing"
)

// quoteCases are blockquotes whose paragraphs wrap at 80 and 120 columns,
// with styled spans that cross the wrap and words longer than a line.
var quoteCases = map[string]string{
	"plain": "> A blockquote can wrap over more than one line when it is long enough to do so, " +
		"and this one goes on for a while longer than a terminal line, even a wide one of one hundred and twenty columns.\n",
	"emphasis": "> A quote with *emphasis that spans a wrapped line because it is long and goes on well past the width of the " +
		"terminal so it must wrap onto a second line* end, and **strong text that is long enough to cross the second wrap of a wide line too**.\n",
	"code_and_link": "> A quote with a very long link [the docs](https://example.com/a/very/long/path/that/goes/on/and/on/and/on/" +
		"and/on/forever/and/ever/and/ever/more/and/more/and/more/until/it/is/wider/than/a/wide/terminal) " +
		"and `some inline code that is long too` and more words to wrap.\n",
	"nested": "> Outer quote paragraph that is long enough to wrap at eighty columns, and at one hundred and twenty when it goes on for longer.\n>\n" +
		"> > A nested quote with `code`, *emphasis that crosses the wrap point of the line*, and a [link](https://example.com/docs/page) " +
		"that is long enough to wrap at either width, twice over at eighty columns.\n",
}

// TestGoldenQuote renders wrapped blockquotes: every wrapped line keeps
// its bar, at every nesting level.
func TestGoldenQuote(t *testing.T) {
	for name, md := range quoteCases {
		t.Run(name, func(t *testing.T) {
			for _, w := range goldenWidths {
				lines := plainLines(t, md, w)
				requireFits(t, w, lines)
				requireQuoteBars(t, md, lines)
				requireGolden(t, w, lines)
			}
		})
	}
}

// requireQuoteBars checks that every non-blank line of a rendered quote
// starts with as many bars as its deepest nesting level allows: one for a
// plain quote, and one or two for a nested one.
func requireQuoteBars(t *testing.T, md string, lines []string) {
	t.Helper()
	depth := 1
	if strings.Contains(md, "> >") {
		depth = 2
	}
	nested := false
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		bars := strings.Count(l[:min(len(l), 2+len("│ ")*depth)], "│")
		if bars == 2 {
			nested = true
		}
		if bars == 0 || (nested && bars < depth) {
			t.Errorf("line %d lost its quote bar: %q", i, l)
		}
	}
}
