package markdown

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// Code blocks with what makes a line's highlighting depend on the lines
// before it: comments, strings and raw strings over several lines,
// docstrings, long lines that wrap, wide characters, tabs.
var codeFixtures = []struct {
	name string
	code string
	// restarts says whether the language's highlighting can restart at a
	// line, so that the stream must have left stable lines out.
	restarts bool
}{
	{"go", goBlock, true},
	{"python", pyBlock, true},
	{"go-multiline", "```go\nvar query = `SELECT *\nFROM t\n\nWHERE x = 1`\n\n/* a block\n   comment */\nfunc f() {\n\ts := \"a\" + `b\nc`\n\treturn\n}\n```\n", true},
	{"javascript", "```javascript\n/**\n * Adds two numbers.\n * @param {number} a\n */\nfunction add(a, b) {\n  const s = `sum:\n${a + b}`;\n  return /* inline */ a + b; // done\n}\n\nconst re = /ab+c/g;\n```\n", true},
	{"python-docstrings", "```python\ndef f():\n    \"\"\"A docstring\n\n    that goes on\n    for a while,\n    line after\n    line after\n    line after\n    line, and holds code:\n        def g(): return 1\n    and ends.\n    \"\"\"\n    '''Single\n    quoted docstring.'''\n    x = \"\"\"\n    multi\n    \"\"\"\n    return x  # done\n\n\nclass C:\n    pass\n```\n", true},
	{"long-lines", "```go\nfunc LongSignature(first string, second int, third []byte, fourth map[string]int, fifth chan struct{}) (result string, err error) {\n\treturn \"a string long enough that it has to be wrapped somewhere in the middle of itself\", nil\n}\n\tabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789\n```\n", true},
	// Lines cut into rows of their own, enough of them that some must be
	// left out of renders, with a tab, a wide character and a string cut.
	{"long-lines-cut", "```go\n" + strings.Repeat("var longName = map[string]int{\"alpha\": 1, \"beta\": 2, \"gamma\": 3, \"delta\": 4, \"epsilon\": 5} // 计算平均值\n\tx := \"a string that goes on and on past the edge of a narrow screen\"\n\n", 5) + "```\n", true},
	{"wide", "```python\n# 计算平均值：这是一个很长的中文注释，它会在窄屏幕上换行显示。\ndef 平均(xs):\n    return sum(xs) / len(xs)  # ✅ 🎉\n```\n", true},
	{"haskell-nested-comment", "```haskell\n{- a comment {- nested -}\nover several\nlines\n\nstill comment -}\nmain :: IO ()\nmain = print 1\n\n-- done\nf x = x\n```\n", true},
	// Inside a rule the lexer is not in its initial state: no line there
	// is a restart line, though each line starts a token.
	{"css", "```css\n.card {\n  color: red;\n  margin: 0 auto;\n  padding: 1em;\n  border: 1px solid #ccc;\n  display: flex;\n  gap: 2px;\n}\n\na:hover { color: blue; }\n```\n", false},
	{"tilde", "~~~python\nx = 1\n\n\ny = 2\n~~~\n", true},
	{"bash-heredoc", "```bash\ncat <<EOF\nhello\n\nworld\nEOF\necho done\n```\n", false},
	{"no-language", "```\nplain text\n  indented\n\nmore\n```\n", false},
	{"unknown-language", "```nosuchlanguage\nplain text\n\nmore\n```\n", false},
}

// codeDocs returns documents that hold code in every place a reply puts
// it: right after a paragraph, after a blank line, at the very start,
// followed by more text, unclosed at the end, closed without a line feed.
func codeDocs(code string) []string {
	return []string{
		"Here is the code:\n" + code + "After the block.\n\n## Next\n\nMore text.\n",
		"## Title\n\n" + code + "\n" + code,
		code + "\n- a list\n- after it\n",
		"Unclosed:\n\n" + strings.TrimSuffix(strings.TrimSuffix(code, "\n"), strings.Repeat(code[:1], 3)),
		"Closed without a line feed:\n\n" + strings.TrimSuffix(code, "\n"),
	}
}

// randomTokens cuts s into pieces of 1 to n bytes, anywhere, even inside a
// character.
func randomTokens(rng *rand.Rand, s string, n int) []string {
	var out []string
	for len(s) > 0 {
		k := min(1+rng.IntN(n), len(s))
		out = append(out, s[:k])
		s = s[k:]
	}
	return out
}

// codeMismatch streams doc in random pieces and compares the stream with a
// full render after random numbers of pieces and at the end. It returns how
// many renders left stable code lines out.
func codeMismatch(rng *rand.Rand, doc string, width int, theme Theme) (int, error) {
	sr, err := NewRenderer(width, theme)
	if err != nil {
		return 0, err
	}
	full, err := NewRenderer(width, theme)
	if err != nil {
		return 0, err
	}
	s := NewStream(sr)
	s.codeMin = 0 // the fixtures are short
	stride := 1 + rng.IntN(4)
	for i, piece := range randomTokens(rng, doc, 12) {
		s.Append(piece)
		if i%stride != 0 {
			continue
		}
		if err := mismatch(s, full); err != nil {
			return s.partial, fmt.Errorf("after %d bytes: %w", len(s.Text()), err)
		}
	}
	if err := mismatch(s, full); err != nil {
		return s.partial, fmt.Errorf("at the end: %w", err)
	}
	if s.fullOnly {
		return s.partial, fmt.Errorf("stream fell back to full renders")
	}
	return s.partial, nil
}

// TestStreamCodeEqualsFullRender streams every code fixture in every place
// and compares each frame with a full render. For the languages whose
// highlighting restarts at a line, the frames must have left lines out.
func TestStreamCodeEqualsFullRender(t *testing.T) {
	for fi, f := range codeFixtures {
		for di, doc := range codeDocs(f.code) {
			for _, width := range []int{40, 100} {
				theme := []Theme{ThemeDark, ThemeLight, ThemePlain}[(fi+di+width)%3]
				name := fmt.Sprintf("%s/%d/%d/%s", f.name, di, width, theme)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					seed := uint64(fi*100 + di*10 + width)
					partial, err := codeMismatch(rand.New(rand.NewPCG(seed, 1)), doc, width, theme)
					if err != nil {
						// See checkStream: chroma's match timeout under load.
						t.Logf("retrying once after: %v", err)
						partial, err = codeMismatch(rand.New(rand.NewPCG(seed, 1)), doc, width, theme)
					}
					if err != nil {
						t.Fatalf("%v\ndocument:\n%s", err, doc)
					}
					if (f.restarts || theme == ThemePlain) && partial == 0 && strings.Count(f.code, "\n") > 8 {
						t.Errorf("no render left stable code lines out")
					}
				})
			}
		}
	}
}

// A long generated file, cut at random, renders as a full render does.
func TestStreamLongCodeRandomSplits(t *testing.T) {
	doc := longCode(300)
	for i := range 3 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			width := []int{40, 80, 120}[i]
			sr, full := mustRenderer(t, width, ThemeDark), mustRenderer(t, width, ThemeDark)
			s := NewStream(sr)
			for _, piece := range randomTokens(rng, doc, 40) {
				s.Append(piece)
				if rng.IntN(8) == 0 {
					compare(t, s, full, fmt.Sprintf("after %d bytes", len(s.Text())))
				}
			}
			compare(t, s, full, "at the end")
			if s.partial == 0 || s.fullOnly {
				t.Errorf("%d partial renders, full renders only: %v", s.partial, s.fullOnly)
			}
		})
	}
}

// Chroma merges a run of tokens of one type into tokens of at most 8 KiB,
// so a run longer than that splits at places a restarted lex would not
// split at: a file that opens with a long comment.
func TestStreamLongCommentRun(t *testing.T) {
	var b strings.Builder
	b.WriteString("```go\n")
	for i := 0; b.Len() < 3*coalesceLimit; i++ {
		fmt.Fprintf(&b, "// Line %d of a long licence text that goes on.\n", i)
	}
	doc := b.String() + longCode(40)[len("Here is the file:\n\n```go\n"):]
	run := func() (int, error) {
		rng := rand.New(rand.NewPCG(3, 3))
		sr, full := mustRenderer(t, 100, ThemeDark), mustRenderer(t, 100, ThemeDark)
		s := NewStream(sr)
		for _, piece := range randomTokens(rng, doc, 60) {
			s.Append(piece)
			if rng.IntN(10) == 0 {
				if err := mismatch(s, full); err != nil {
					return 0, fmt.Errorf("after %d bytes: %w", len(s.Text()), err)
				}
			}
		}
		return s.partial, mismatch(s, full)
	}
	partial, err := run()
	if err != nil {
		t.Logf("retrying once after: %v", err) // see checkStream
		partial, err = run()
	}
	if err != nil {
		t.Fatal(err)
	}
	if partial == 0 {
		t.Errorf("no render left stable code lines out")
	}
}

// A long block is committed when the text after it becomes stable; the
// commit, too, leaves the block's stable lines out.
func TestStreamCommitsLongCode(t *testing.T) {
	doc := longCode(120) + "```\nAfter the code.\n\n" + llmReply(1500)
	for i, width := range []int{40, 100} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(uint64(i), 9))
			sr, full := mustRenderer(t, width, ThemeDark), mustRenderer(t, width, ThemeDark)
			s := NewStream(sr)
			committedInBlock := false
			for _, piece := range randomTokens(rng, doc, 30) {
				s.Append(piece)
				before := s.partial
				inCode := s.code != nil && !s.code.fence.open
				compare(t, s, full, fmt.Sprintf("after %d bytes", len(s.Text())))
				committedInBlock = committedInBlock || (inCode && s.code == nil && s.partial > before)
			}
			compare(t, s, full, "at the end")
			if !committedInBlock || s.fullOnly {
				t.Errorf("the block was not committed with its stable lines left out (full renders only: %v)", s.fullOnly)
			}
		})
	}
}

// Lines of a block inside a list item or after an HTML line are not at the
// top level; the stream renders them whole, and correctly.
func TestStreamNestedCode(t *testing.T) {
	for _, doc := range []string{
		"1. Step one:\n\n   ```go\n   func f() {\n   \treturn\n   }\n   ```\n\n2. Step two.\n",
		"<div>\n```go\nfunc f() {}\n```\n</div>\n\nText.\n",
		"> ```go\n> func f() {}\n> ```\n",
	} {
		checkStream(t, doc, 60, ThemeDark, 1)
	}
}
