package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// A code block's last row stays unfinished until the next block goes on
// with it. An HTML comment renders as nothing, so a part that holds only
// comments must leave that row unfinished, or end it if it ends the
// document, the way a render of the whole document does.
func TestJoinPartRenderedAsNothing(t *testing.T) {
	block := "```sh\necho hi\n```\n\n"
	comment := "<!-- a comment\n\nwith a blank line -->\n\n"
	for _, theme := range []Theme{ThemeDark, ThemeLight} {
		r := mustRenderer(t, 40, theme)
		first, ok, err := r.renderPart(block, true, false)
		if err != nil || !ok {
			t.Fatalf("%s: first part: %v %v", theme, ok, err)
		}
		cut := strings.LastIndexByte(first, '\n')
		open := first[cut+1:]
		if open == "" {
			t.Fatalf("%s: a code block's last row should be unfinished: %q", theme, first)
		}
		for _, last := range []bool{false, true} {
			part, ok, err := r.renderPart(comment, false, last)
			if err != nil || !ok {
				t.Fatalf("%s: comment part: %v %v", theme, ok, err)
			}
			joined, ok := joinPart(open, part)
			if !ok {
				t.Fatalf("%s, last %v: part %q does not join %q", theme, last, part, open)
			}
			whole, err := r.raw(block + comment)
			if err != nil {
				t.Fatal(err)
			}
			if !last {
				whole = whole[:len(whole)-1] // the document suffix
			}
			if got := first[:cut+1] + joined; got != whole {
				t.Errorf("%s, last %v: joined\n%q\nwhole render\n%q", theme, last, got, whole)
			}
		}
	}
}

// A code block, nested or not, followed by HTML comments streams without
// falling back to full renders: the comments are committed as a part of
// their own after the block's unfinished last row.
func TestStreamCommentAfterOpenRow(t *testing.T) {
	long := "echo a very long line that goes past the edge of the screen for sure, even of a wide screen, by a good margin, at either end"
	comments := "<!-- a comment\n\nwith a blank line -->\n\n<!-- a comment\n\nwith a blank line -->\n\n1. first\n2. second\n"
	docs := []string{
		"> ```sh\n> " + long + "\n> ```\n\n" + comments,
		"- item\n\n  ```sh\n  " + long + "\n  ```\n\n" + comments,
		"```sh\n" + long + "\n```\n\n" + comments,
	}
	for i, doc := range docs {
		for _, theme := range []Theme{ThemeDark, ThemeLight, ThemePlain} {
			t.Run(fmt.Sprint(i, theme), func(t *testing.T) {
				checkStream(t, doc, 40, theme, 1)
			})
		}
	}
}

// Glamour renders an HTML block without a blank line before it: after a
// code block, its text goes on with the block's unfinished last row and
// wraps from that row's width. Such a block is never the start of a part,
// so a reply with HTML after a long code block streams without falling
// back to full renders.
func TestStreamHTMLAfterCodeBlock(t *testing.T) {
	code := "```go\n" + strings.Repeat("\tx := compute(1, \"a string long enough\")\n", 8) + "```\n\n"
	long := strings.Repeat("Some words to fill the line. ", 4)
	docs := []string{
		code + "<details>\n<summary>More</summary>\n\n" + long + "\n\n</details>\n\nafter\n",
		code + "<div>" + long + "\n</div>\n\n" + long + "\n",
	}
	for i, doc := range docs {
		for _, theme := range []Theme{ThemeDark, ThemeLight, ThemePlain} {
			t.Run(fmt.Sprint(i, theme), func(t *testing.T) {
				checkStream(t, doc, 40, theme, 1)
			})
		}
	}
}
