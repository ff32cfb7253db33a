package markdown

import "testing"

// lastBoundary scans text in one piece and returns the last safe boundary as
// the text that follows it.
func lastBoundary(text string) string {
	var sc boundaryScanner
	sc.scan(text)
	return text[sc.boundary:]
}

func TestBoundary(t *testing.T) {
	cases := []struct{ name, text, after string }{
		{"paragraphs", "a\n\nb\n\nc\n", "c\n"},
		{"unfinished line is not a boundary", "a\n\nb", "a\n\nb"},
		{"inside a fence", "a\n\n```\nx\n\ny\n", "```\nx\n\ny\n"},
		{"after a fence", "```\nx\n\ny\n```\n\nz\n", "z\n"},
		{"tilde fence ignores backticks", "~~~\n```\n\nq\n", "~~~\n```\n\nq\n"},
		{"longer fence needs longer close", "````\n```\n\nq\n", "````\n```\n\nq\n"},
		{"loose list stays whole", "- a\n\n- b\n", "- a\n\n- b\n"},
		{"list after paragraph", "p\n\n- a\n", "- a\n"},
		{"paragraph ends list", "- a\n\np\n\n- b\n", "- b\n"},
		{"indented line", "a\n\n    code\n", "a\n\n    code\n"},
		{"nested content", "- a\n\n  more\n", "- a\n\n  more\n"},
		{"html comment", "a\n\n<!-- x\n\ny -->\n\nz\n", "z\n"},
		{"inside html comment", "a\n\n<!-- x\n\ny\n", "<!-- x\n\ny\n"},
		{"html block joins the block before", "a\n\n<details>\n<summary>x</summary>\n", "a\n\n<details>\n<summary>x</summary>\n"},
		{"definition list", "Term\n\n: def\n", "Term\n\n: def\n"},
		{"ordered loose list", "1. a\n\n2) b\n", "1. a\n\n2) b\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lastBoundary(c.text); got != c.after {
				t.Errorf("boundary before %q, want before %q", got, c.after)
			}
		})
	}
}

// Scanning byte by byte finds the same boundary as scanning at once.
func TestBoundaryIncremental(t *testing.T) {
	text := edgeDoc + "\n\n" + llmReply(3000)
	var whole, pieces boundaryScanner
	whole.scan(text)
	for i := 1; i <= len(text); i++ {
		pieces.scan(text[:i])
	}
	if whole != pieces {
		t.Errorf("incremental scan ended in %+v, whole scan in %+v", pieces, whole)
	}
}

func TestDefinitionForcesFullRenders(t *testing.T) {
	for _, text := range []string{"a\n\n[x]: https://e.com\n", "a\n\n> [^1]: note\n", "a\n\n- [r]: /path\n"} {
		var sc boundaryScanner
		sc.scan(text)
		if !sc.global {
			t.Errorf("%q: definition not detected", text)
		}
	}
	var sc boundaryScanner
	text := "a\n\n[x]: htt"
	sc.scan(text)
	sc.checkUnfinished(text)
	if !sc.global {
		t.Errorf("definition on the unfinished line not detected")
	}
	var fenced boundaryScanner
	fenced.scan("```\n[x]: y\n```\n")
	if fenced.global {
		t.Errorf("definition inside a fence detected")
	}
}
