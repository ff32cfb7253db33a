package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// mailTable has e-mail addresses in its cells, beside code spans and a URL
// with a user name, which keep their '@'.
const mailTable = "| Name | Contact |\n|---|---|\n| Alice | alice.b+x@example.com |\n" +
	"| Bob | <bob@example.org>, `c@d.de` |\n| Site | https://u@host.com/x |\n"

// An e-mail address in a table cell shows in its cell, at any width.
func TestTableMailStaysInCell(t *testing.T) {
	for _, w := range []int{40, 80} {
		for _, theme := range []Theme{ThemeDark, ThemePlain} {
			lines := plainLinesTheme(t, mailTable, w, theme)
			text := strings.Join(lines, "\n")
			for _, want := range []string{"alice.b+x@example.com", "bob@example.org", "c@d.de", "host.com"} {
				if !strings.Contains(text, want) {
					t.Errorf("%d %s: %q not shown:\n%s", w, theme, want, text)
				}
			}
		}
	}
}

func TestLinkTableMail(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a@b.com\n", "a@b.com\n"},
		{"| m |\n|---|\n| a@b.com |\n", "| m |\n|---|\n| [a@b.com](mailto:a@b.com) |\n"},
		{"| m |\n|---|\n| `a@b.com` <x@y.io>. |\n", "| m |\n|---|\n| `a@b.com` [x@y.io](mailto:x@y.io). |\n"},
		{"| m |\n|---|\n| https://u@h.com @name a@b [a@b.com](mailto:a@b.com) |\n",
			"| m |\n|---|\n| https://u@h.com @name a@b [a@b.com](mailto:a@b.com) |\n"},
		{"```\n| m |\n|---|\n| a@b.com |\n```\n", "```\n| m |\n|---|\n| a@b.com |\n```\n"},
	} {
		if got := linkTableMail(c.in); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStreamTableMail(t *testing.T) {
	doc := "Contacts:\n\n" + mailTable + "\nMail alice@example.com outside the table.\n\n" + mailTable
	for _, theme := range []Theme{ThemeDark, ThemePlain} {
		t.Run(fmt.Sprint(theme), func(t *testing.T) { checkStream(t, doc, 60, theme, 1) })
	}
}
