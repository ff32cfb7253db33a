package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// nestedLine and quotedLine are wider than a 120-column screen.
const (
	nestedLine = `func main() { fmt.Println("a very long line that goes past the edge of the screen, even of one that is wide, by a long way, for sure") }`
	quotedLine = `echo a very long line that goes past the edge of the screen for sure, even of a wide screen, by a good margin, at either end`
)

// nestedDoc has long code lines in a list item, in a list item two levels
// deep and in a quote.
const nestedDoc = "- Do this:\n\n  ```go\n  " + nestedLine + "\n  ```\n  - nested:\n\n    ```go\n    " + nestedLine + "\n    ```\n\n" +
	"> quoted\n> ```sh\n> " + quotedLine + "\n> ```\n\nAfter.\n"

// TestGoldenNestedCodeCut renders long code lines in blocks nested in
// lists and a quote: each is cut once, at the width its block has, and
// goes on at the block's indent.
func TestGoldenNestedCodeCut(t *testing.T) {
	for _, theme := range []Theme{ThemeDark, ThemePlain} {
		t.Run(theme.String(), func(t *testing.T) {
			for _, w := range cutWidths {
				lines := plainLinesTheme(t, nestedDoc, w, theme)
				requireFits(t, w, lines)
				requireCutOnce(t, lines, nestedLine, 2)
				requireCutOnce(t, lines, quotedLine, 1)
				requireGolden(t, w, lines)
			}
		})
	}
}

// requireCutOnce checks that each of the n rendered copies of code line c
// in lines was cut: every row but the last ends with the mark, every
// continuation starts at the indent of the line's first row, and the rows
// without their marks give the line back, so no row is a fragment of a
// second wrap.
func requireCutOnce(t *testing.T, lines []string, c string, n int) {
	t.Helper()
	if err := cutOnce(lines, c, n); err != "" {
		t.Errorf("%s in:\n%s", err, strings.Join(lines, "\n"))
	}
}

// cutOnce is requireCutOnce's check; it returns what is wrong, or "".
func cutOnce(lines []string, c string, n int) string {
	found := 0
	for i := 0; i < len(lines); i++ {
		at := strings.Index(lines[i], c[:12])
		if at < 0 {
			continue
		}
		found++
		prefix, got := lines[i][:at], ""
		j := i
		for ; j < len(lines); j++ {
			row, ok := strings.CutPrefix(lines[j], prefix)
			if !ok {
				return fmt.Sprintf("row %d is not at the block's indent %q: %q", j, prefix, lines[j])
			}
			row, cut := strings.CutSuffix(row, codeMark)
			got += row
			if !cut {
				break
			}
		}
		if j == i {
			return fmt.Sprintf("row %d was not cut: %q", i, lines[i])
		}
		if got != c {
			return fmt.Sprintf("the rows from %d give %q, not the code line", i, got)
		}
		i = j
	}
	if found != n {
		return fmt.Sprintf("found %d copies of %q, want %d", found, c[:12], n)
	}
	return ""
}

// containerCases put a code block in every kind of container glamour
// indents, with X where its line goes.
var containerCases = []string{
	"- a\n\n  ```\n  X\n  ```\n",
	"- a\n  - b\n\n    ```\n    X\n    ```\n",
	"- a\n  - b\n    - c\n\n      ```\n      X\n      ```\n",
	"1. a\n2. b\n\n   ```\n   X\n   ```\n",
	"> ```\n> X\n> ```\n",
	"> > ```\n> > X\n> > ```\n",
	"- a\n\n  > ```\n  > X\n  > ```\n",
	"> - a\n>\n>   ```\n>   X\n>   ```\n",
	"Term\n: ```\n  X\n  ```\n",
}

// The width worked out for a nested block is the width glamour gives its
// code: cut at that width, the rows are not wrapped again, and cut one
// cell wider, they are.
func TestNestedWidthIsGlamours(t *testing.T) {
	for _, theme := range []Theme{ThemeDark, ThemePlain} {
		for _, w := range []int{40, 60, 120} {
			r := mustRenderer(t, w, theme)
			for _, c := range containerCases {
				avails := blockAvails(&r.nested, strings.Replace(c, "X", nestedLine, 1))
				if len(avails) != 1 {
					t.Fatalf("%d blocks in %q", len(avails), c)
				}
				for _, k := range []int{avails[0], avails[0] + 1} {
					out, err := r.tr.Render(cutAt(c, k, theme != ThemePlain))
					if err != nil {
						t.Fatal(err)
					}
					var lines []string
					for l := range strings.SplitSeq(ansi.Strip(out), "\n") {
						lines = append(lines, strings.TrimRight(l, " "))
					}
					err2 := cutOnce(lines, nestedLine, 1)
					if k == avails[0] && err2 != "" {
						t.Errorf("%s at %d, cut at %d: %s in\n%s", theme, w, k, err2, strings.Join(lines, "\n"))
					}
					if k > avails[0] && err2 == "" {
						t.Errorf("%s at %d: cut at %d, one more than worked out, glamour still does not wrap\n%s", theme, w, k, c)
					}
				}
			}
		}
	}
}

// cutAt returns container case c with nestedLine in place of X, marked to
// be cut at k cells by the formatter, or cut there in the markdown.
func cutAt(c string, k int, mark bool) string {
	at := strings.IndexByte(c, 'X')
	prefix := c[strings.LastIndexByte(c[:at], '\n')+1 : at]
	if mark {
		return strings.Replace(c, "X\n", nestedLine+"\n"+prefix+widthMark+string(rune(widthBase+k))+"\n", 1)
	}
	cut, ok := cutPlainLine(nestedLine, 0, k)
	if !ok {
		cut = nestedLine
	}
	return strings.Replace(c, "X", strings.ReplaceAll(cut, "\n", "\n"+prefix), 1)
}

// blockAvails returns the widths n works out for the fenced blocks of md.
func blockAvails(n *nestedCutter, md string) []int {
	n.cut(md) // makes the parser
	var out []int
	_ = ast.Walk(n.p.Parse(text.NewReader([]byte(md))), func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && node.Kind() == ast.KindFencedCodeBlock {
			out = append(out, n.avail(node))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Blocks in every container are cut without fragments, in both themes.
func TestNestedCutEveryContainer(t *testing.T) {
	for _, theme := range []Theme{ThemeDark, ThemeLight, ThemePlain} {
		for _, c := range containerCases {
			for _, w := range cutWidths {
				md := strings.Replace(c, "X", nestedLine, 1)
				lines := plainLinesTheme(t, md, w, theme)
				requireFits(t, w, lines)
				requireCutOnce(t, lines, nestedLine, 1)
			}
		}
	}
}

// A top-level block names no width, and a width line that is not one is
// left in the code.
func TestTakeWidth(t *testing.T) {
	toks := []chroma.Token{{Type: chroma.Text, Value: "a\n"}}
	if got, w := takeWidth(toks, 30); len(got) != 1 || w != 30 {
		t.Errorf("plain code: %v, %d", got, w)
	}
	marked := []chroma.Token{{Type: chroma.Text, Value: "a\n" + widthMark}, {Type: chroma.Error, Value: string(rune(widthBase + 12))}, {Type: chroma.Text, Value: "\n"}}
	if got, w := takeWidth(marked, 30); len(got) != 1 || got[0].Value != "a\n" || w != 12 {
		t.Errorf("marked code: %v, %d", got, w)
	}
	inLine := []chroma.Token{{Type: chroma.Text, Value: "a " + widthMark + string(rune(widthBase+12)) + "\n"}}
	if got, w := takeWidth(inLine, 30); len(got) != 1 || w != 30 {
		t.Errorf("a mark inside a line: %v, %d", got, w)
	}
}

// A stream of nested blocks with long lines, closed or still arriving,
// equals a full render frame by frame.
func TestStreamNestedCutCode(t *testing.T) {
	unclosed := "- Steps:\n  - run:\n\n    ```sh\n    " + quotedLine + "\n    " + quotedLine + "\n"
	for _, doc := range []string{nestedDoc, unclosed, "> ```sh\n> " + quotedLine + "\n> " + quotedLine} {
		for _, theme := range []Theme{ThemeDark, ThemePlain} {
			for _, w := range cutWidths {
				checkStream(t, doc, w, theme, 1)
			}
		}
	}
}
