package markdown

import (
	"fmt"
	"strings"
)

// goBlock and pyBlock are fenced code blocks with blank lines inside, as in
// a typical reply.
const goBlock = "```go\n" + `package main

import (
	"fmt"
	"strings"
)

// Join glues words with a separator.
func Join(words []string, sep string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(sep)
		}

		b.WriteString(w)
	}
	return b.String()
}

func main() {
	fmt.Println(Join([]string{"a", "b", "c"}, ", ")) // a, b, c
}
` + "```\n"

const pyBlock = "```python\n" + `import sys


def mean(xs):
    """Return the arithmetic mean of xs."""
    if not xs:
        raise ValueError("empty input")

    return sum(xs) / len(xs)


class Stats:
    def __init__(self, xs):
        self.xs = list(xs)

    def describe(self):
        return {"n": len(self.xs), "mean": mean(self.xs)}


if __name__ == "__main__":
    print(Stats(map(float, sys.argv[1:])).describe())
` + "```\n"

// replySections are the pieces an LLM reply is built from; %d is a counter.
var replySections = []string{
	"## Section %d: overview\n\nThis part explains **the main idea** with *some emphasis* and `inline code`. " +
		"It is long enough to wrap at forty columns, and it keeps going for a while so that wrapping matters.\n",
	"### Steps %d\n\n1. Install the tool with `go install`.\n2. Run it once to create **the config**.\n3. Edit the config and restart.\n",
	"Some options:\n\n- `--width` sets the wrap width\n- `--theme` picks *dark* or *light*\n  - nested: `auto` follows the terminal\n  - nested: `plain` has no colour\n- `--quiet` prints less\n",
	goBlock,
	"> **Note %d:** quoting the docs here. A blockquote can wrap over more than one line when it is long enough to do so.\n",
	"| Name | Type | Default | Notes |\n|------|------|---------|-------|\n| width | int | 80 | wrap width |\n| theme | string | dark | or light |\n| retries | int | 3 | per request |\n",
	pyBlock,
	"A loose list follows:\n\n- first item, with a paragraph\n\n- second item\n\n  with a second paragraph\n\n- third item\n",
	"~~~text\nplain tilde fence %d\n\n  indented line\n~~~\n",
	"中文段落：这是一个测试，包含汉字和全角标点。Emoji too: 🎉 🚀 ✅ mixed with **bold 粗体** text.\n",
	"---\n",
	"Paragraph %d right before a heading, with a [link](https://example.com/docs) in it.\n",
}

// llmReply returns a reply of at least size bytes built from replySections.
func llmReply(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		sec := replySections[i%len(replySections)]
		if strings.Contains(sec, "%d") {
			sec = fmt.Sprintf(sec, i)
		}
		b.WriteString(sec)
		b.WriteString("\n")
	}
	return b.String()
}

// edgeDoc holds the constructs most likely to break a split into blocks.
const edgeDoc = "# Title\n\nIntro paragraph.\n\n" +
	"1. one\n2. two\n\n3. three after a blank\n\n   continued item text\n\n" +
	"- a\n  - nested\n\n    nested paragraph\n- b\n\nafter list\n\n" +
	"> quote one\n>\n> quote two\n\n> second quote\n\n" +
	"```\nplain fence\n\n\n```\n\n" +
	"````md\n```\ninner fence\n```\n\n````\n\n" +
	"~~~\ntilde\n\n```\nnot a close\n~~~\n\n" +
	"| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n\n" +
	"---\n\n***\n\nText with trailing spaces  \nhard break.\n\n" +
	"Setext heading\n--------------\n\n" +
	"    indented code\n\n    more indented code\n\n" +
	"* star list\n\n* loose star list\n\n" +
	"Term\n: definition\n\n" +
	"## Heading at the end"
