package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// replyCases are the shapes an LLM reply takes that once broke, or could
// break, streaming or layout: code with tabs and CRLF line ends, tokens no
// wider than the screen cannot hold, fences of every kind, a fence left open
// at the end, tables in containers and with odd cells.
var replyCases = map[string]string{
	"code tabs": "```go\nfunc f() {\n\tif x {\n\t\treturn\t// tab\n\t}\n}\n```\n\nafter\n",
	"crlf":      strings.ReplaceAll("Intro\n\n```python\nx = 1\n"+strings.Repeat("y = f(x); ", 12)+"\n```\n\nAfter\n", "\n", "\r\n"),
	"base64": "Key:\n\n```\n" + strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", 6) + "\n```\n\n" +
		strings.Repeat("abcdefghij", 30) + "\n\n" + strings.Repeat("日本語", 40) + "\n",
	"exact width": "```\n" + strings.Repeat("x", 36) + "\n" + strings.Repeat("y", 56) + "\n" + strings.Repeat("z", 76) +
		"\n" + strings.Repeat("w", 116) + "\n```\n",
	"fences":       "~~~js\nconst a = 1;\n~~~\n\n````markdown\n```go\nx := 1\n```\n````\n\n```foobarlang\nsome code\n```\n",
	"unclosed":     "Here:\n\n```go\nfunc main() {\n\tfmt.Println(1)\n",
	"deep list":    "- one\n  - two\n    - three\n      - four " + strings.Repeat("words ", 12) + "\n\n        ```go\n        " + strings.Repeat("longcode(", 10) + "\n        ```\n  - back\n",
	"heading code": "## Using `ctx.Done()` for cancel\n\n### `" + strings.Repeat("longidentifier", 8) + "`\n\ntext\n",
	"tables in containers": "- item with a table:\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- next\n\n" +
		"> | a | b |\n> |---|---|\n> | 1 | 2 |\n\n- one\n- two\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	"odd cells": "| expr | meaning |\n|---|---|\n| `a \\| b` | or |\n|  |  |\n\n| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n\n| Only |\n|---|\n| one |\n",
	"eight columns": "| A | B | C | D | E | F | G | H |\n|---|---|---|---|---|---|---|---|\n" +
		"| `--flag-one` | **bold text here** | [l](https://e.com) | 日本語 | 🎉🎉 | x | y | z |\n",
	"reasoning": strings.Repeat("**Considering**\n\nThe user wants X.\n\n*Wait*, B matters.\n\n", 6),
}

// Each reply streams equal to a full render at every frame, without
// falling back to full renders, and fits the screen.
func TestStreamReplyCases(t *testing.T) {
	for name, doc := range replyCases {
		for _, w := range []int{40, 60, 80, 120} {
			for _, theme := range []Theme{ThemeDark, ThemePlain} {
				t.Run(fmt.Sprintf("%s/%d/%s", name, w, theme), func(t *testing.T) {
					t.Parallel()
					checkStream(t, doc, w, theme, 1)
					lines, err := mustRenderer(t, w, theme).RenderLines(doc)
					if err != nil {
						t.Fatal(err)
					}
					requireFits(t, w, lines)
				})
			}
		}
	}
}
