package markdown

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// snippets are blocks that a random document is assembled from, chosen to
// meet each other in every order: headings and code blocks end glamour's
// output in an unfinished line, lists may turn loose, fences hold blank
// lines.
var snippets = []string{
	"## Heading two",
	"### Heading three with `code`",
	"# Top heading",
	"A short paragraph.",
	"A longer paragraph with **bold**, *emphasis*, `code` and ~~strike~~, long enough to wrap at least once at the narrow width.",
	"- item one\n- item two\n  - nested item",
	"1. first\n2. second",
	"3. continues a list",
	"- loose item",
	"* star item\n\n  indented paragraph in the item",
	"```go\nfunc f() int {\n\n\treturn 1\n}\n```",
	"```\nplain\n\n```",
	"~~~python\nx = 1\n\n\ny = 2\n~~~",
	"````\n```\nnested\n```\n````",
	"> a quote\n> - with a list",
	"- a list\n  - nested, with long code:\n\n    ```go\n    " + nestedLine + "\n    ```",
	"> ```sh\n> " + quotedLine + "\n> ```",
	"> another quote\n>\n> in two paragraphs",
	"| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |",
	"---",
	"* * *",
	"<!-- a comment\n\nwith a blank line -->",
	"    indented code",
	"Setext\n======",
	"中文段落，包含全角字符。🎉 emoji ✅",
	"Term\n: its definition",
	"A paragraph with a [link](https://example.com/a) inside.",
	"<details>\n<summary>More</summary>\n\nhidden text\n\n</details>",
	"| Flag | Meaning | Link |\n|:-----|:-------:|-----:|\n| `--width` | **wrap** width | [docs](https://example.com/docs) |\n|  | *empty first* |  |",
	"| 名前 | 絵文字 |\n|---|---|\n| 東京 | 🗼🎌 |",
	"```sh\ncurl https://example.com/" + strings.Repeat("very/long/path/", 6) + "?q=1\n```",
}

// randomDoc joins n random snippets with blank lines, sometimes leaving the
// last one without a final newline.
func randomDoc(rng *rand.Rand, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = snippets[rng.IntN(len(snippets))]
	}
	doc := strings.Join(parts, "\n\n")
	if rng.IntN(2) == 0 {
		doc += "\n"
	}
	return doc
}

// TestStreamRandomDocuments streams random arrangements of snippets in
// random token sizes and compares with a full render at every frame.
func TestStreamRandomDocuments(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		doc := randomDoc(rng, 4+rng.IntN(8))
		width := []int{40, 80}[i%2]
		theme := []Theme{ThemeDark, ThemeLight}[(i/2)%2]
		tok, stride := 1+rng.IntN(12), 1+rng.IntN(4)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			if err := randomMismatch(doc, width, theme, tok, stride); err != nil {
				t.Logf("retrying once after: %v", err)
				if err := randomMismatch(doc, width, theme, tok, stride); err != nil {
					t.Fatalf("%v\ndocument:\n%s", err, doc)
				}
			}
		})
	}
}

func randomMismatch(doc string, width int, theme Theme, tok, stride int) error {
	sr, err := NewRenderer(width, theme)
	if err != nil {
		return err
	}
	full, err := NewRenderer(width, theme)
	if err != nil {
		return err
	}
	s := NewStream(sr)
	for i, piece := range tokens(doc, tok) {
		s.Append(piece)
		if i%stride != 0 {
			continue
		}
		if err := mismatch(s, full); err != nil {
			return fmt.Errorf("after %d bytes: %w", len(s.Text()), err)
		}
	}
	if err := mismatch(s, full); err != nil {
		return fmt.Errorf("at the end: %w", err)
	}
	if s.fullOnly {
		return fmt.Errorf("stream fell back to full renders")
	}
	return nil
}
