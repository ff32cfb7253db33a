package markdown

import (
	"strings"
	"testing"
)

// A tab between words of prose is as wide on the screen as when glamour
// wraps the line, in a quote too: no line is wider than the screen.
func TestProseTabsFit(t *testing.T) {
	doc := "Text\twith\ttabs\tinside " + strings.Repeat("word ", 12) + "\n\n" +
		"> Quote\twith\ttabs " + strings.Repeat("word ", 12) + "\n\n| a\tb | c |\n|---|---|\n| d\te | f |\n\n- item\twith\ttabs " + strings.Repeat("word ", 12) + "\n"
	for _, w := range []int{40, 60} {
		for _, theme := range []Theme{ThemeDark, ThemePlain} {
			lines := plainLinesTheme(t, doc, w, theme)
			requireFits(t, w, lines)
			requireWholeWords(t, lines, "Text", "with", "tabs", "inside", "item", "Quote")
		}
	}
	checkStream(t, doc, 40, ThemeDark, 1)
}

func TestSpaceProseTabs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a\tb\n", "a    b\n"},
		{"-\titem\tx\n", "-\titem    x\n"},
		{"1.\titem\n##\tHead\tx\n", "1.\titem\n##\tHead    x\n"},
		{"```\na\tb\n```\nc\td\n", "```\na\tb\n```\nc    d\n"},
		{"    a\tb\n\tx\ty\n", "    a\tb\n\tx\ty\n"},
		{"> a\tb\n> > ```\n> > c\td\n> > ```\n>\te\tf\n", "> a    b\n> > ```\n> > c\td\n> > ```\n>\te\tf\n"},
		{"> ```\n> c\td\nx\ty\n", "> ```\n> c\td\nx    y\n"},
		{"```\n> c\td\n```\n", "```\n> c\td\n```\n"},
		{"a \tb\n", "a \tb\n"},
	} {
		if got := spaceProseTabs(c.in); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}
