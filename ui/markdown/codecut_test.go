package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// cutWidths are the widths the goldens of cut code lines and of tables
// are taken at: a wide terminal and a narrow one.
var cutWidths = []int{60, 120}

// longCodeLine is wider than a 120-column screen; the tab and the string
// literal are cut too.
const longCodeLine = "func LongSignature(first string, second int, third []byte, fourth map[string]int, fifth chan struct{}) (result string, err error) {\n" +
	"\treturn \"a string long enough that it has to be cut somewhere in the middle of itself, even on a wide screen\", nil\n}\n"

// TestGoldenCodeCut renders code lines wider than the screen: each is cut
// at the edge with a mark and goes on at the block's indent, never at the
// document margin.
func TestGoldenCodeCut(t *testing.T) {
	md := "Before:\n\n```go\n" + longCodeLine + "```\n\nAfter.\n"
	for _, theme := range []Theme{ThemeDark, ThemePlain} {
		t.Run(theme.String(), func(t *testing.T) {
			for _, w := range cutWidths {
				lines := plainLinesTheme(t, md, w, theme)
				requireFits(t, w, lines)
				requireCodeIndent(t, lines)
				requireGolden(t, w, lines)
			}
		})
	}
}

// requireCodeIndent checks that every row of the code block starts at the
// block's indent and that some row was cut.
func requireCodeIndent(t *testing.T, lines []string) {
	t.Helper()
	in, cut := false, false
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "    func"):
			in = true
		case l == "" || strings.HasPrefix(l, "  After"):
			in = false
		}
		if in && !strings.HasPrefix(l, "    ") {
			t.Errorf("code row %d is not at the block's indent: %q", i, l)
		}
		cut = cut || strings.HasSuffix(l, codeMark)
	}
	if !cut {
		t.Error("no code row was cut")
	}
}

// The cut rows keep their colours (the continuation of a string is
// coloured as the string) and the faint mark, at the top level and nested
// (whose width travels in a private line that must never show).
func TestCodeCutKeepsHighlighting(t *testing.T) {
	long := "x := \"" + strings.Repeat("abcdefgh ", 10) + "\""
	for name, doc := range map[string]string{
		"top level": "```go\n" + long + "\n```\n",
		"nested":    "- a\n  - b\n\n    ```go\n    " + long + "\n    ```\n",
	} {
		lines, err := mustRenderer(t, 60, ThemeDark).RenderLines(doc)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, l := range lines {
			if strings.Contains(ansi.Strip(l), "abcdefgh") {
				rows = append(rows, l)
			}
			if strings.ContainsAny(l, widthMark+markSentinel) {
				t.Errorf("%s: a row shows a private mark: %q", name, l)
			}
		}
		if len(rows) < 2 {
			t.Fatalf("%s: the string was not cut: %q", name, lines)
		}
		if !strings.Contains(rows[0], "\x1b[2m"+codeMark) {
			t.Errorf("%s: the cut row has no faint mark: %q", name, rows[0])
		}
		if !strings.Contains(rows[1], "\x1b[38;2;") {
			t.Errorf("%s: the continuation lost its colour: %q", name, rows[1])
		}
	}
}

// An open code block of cut lines is still rendered incrementally: the
// work per token at line 1,000 is that of a few lines, not of the block.
func TestCutCodeStaysIncremental(t *testing.T) {
	line := "var longName = map[string]int{\"alpha\": 1, \"beta\": 2, \"gamma\": 3, \"delta\": 4, \"epsilon\": 5, \"zeta\": 6} // six\n"
	doc := "Code:\n\n```go\n" + strings.Repeat(line, 1000)
	renders, glamour, lexed := codeWork(t, doc, codeMin, len(doc)-4*200, 200)
	t.Logf("per token at line 1,000: %.2f renders, %.0f B to glamour, %.0f B lexed", renders, glamour, lexed)
	if glamour > 10*float64(len(line)) {
		t.Errorf("%.0f B to glamour per token, a render of more than the last few lines", glamour)
	}
}
