package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/ui/markdown"
)

// thinking is a reply's reasoning and the block that shows it under the
// reply's label. While the model thinks the block shows its last lines,
// live; once the answer starts it folds to one line; opened, it shows the
// whole reasoning as markdown. A frame costs the same however long the
// reasoning is: the live view wraps only the end of the text, the folded
// line uses counts kept as the text arrives, and the open view is
// rendered once the reasoning is over and cached. (Opened while the
// reasoning still grows, it renders through a markdown.Stream: glamour
// sees only the tail, but the block's lines are copied every frame.)
type thinking struct {
	text  strings.Builder // as received; sanitised when shown
	words int
	// inWord says the text so far ends inside a word, for counting.
	inWord bool
	// first and last are when the first and the last reasoning arrived.
	first, last time.Time
	// took is how long the reasoning lasted, once it is over.
	took time.Duration
	done bool // the answer started, or the reply ended
	open bool // shown whole
	// dirty says the block must be laid out again.
	dirty bool

	// md renders the open block while the reasoning still grows; full is
	// the open block's markdown for fullFor, once the reasoning is over.
	md      *markdown.Stream
	full    []string
	fullFor *markdown.Renderer
}

// liveLines is how many lines of the reasoning the live block shows.
const liveLines = 8

// liveWindow bounds the bytes the live block wraps: the end of the text
// that can fill liveLines lines at any sane width.
const liveWindow = 16 << 10

// empty reports whether the reply has no reasoning.
func (th *thinking) empty() bool { return th.text.Len() == 0 }

// waitWord is what the footer says before the answer starts: the model
// is thinking, or nothing has come yet.
func (th *thinking) waitWord() string {
	if th.empty() {
		return "waiting "
	}
	return "thinking "
}

// add appends reasoning as received at time at.
func (th *thinking) add(delta string, at time.Time) {
	if delta == "" {
		return
	}
	if th.first.IsZero() {
		th.first = at
	}
	th.last = at
	th.text.WriteString(delta)
	for _, r := range delta {
		in := !unicode.IsSpace(r)
		if in && !th.inWord {
			th.words++
		}
		th.inWord = in
	}
	if th.md != nil {
		th.md.Append(sanitize.Text(delta))
	}
	th.dirty = true
}

// end says the reasoning is over: the answer started or the reply ended.
func (th *thinking) end() {
	if th.done {
		return
	}
	th.done, th.took, th.md = true, th.last.Sub(th.first), nil
	th.dirty = true
}

// duration is how long the model reasoned, first to last token.
func (th *thinking) duration() time.Duration {
	if th.done {
		return th.took
	}
	return th.last.Sub(th.first)
}

// toggle opens or closes the block.
func (th *thinking) toggle() {
	th.open = !th.open
	th.md = nil
	th.dirty = true
}

// lines is the block for rc: nil when there is no reasoning.
func (th *thinking) lines(rc renderCtx) []string {
	th.dirty = false
	if th.empty() {
		return nil
	}
	st := rc.styles
	header := func(mark, words string) string {
		return ansi.Truncate(st.Meta.Render("  "+mark+" "+words), rc.width, "…")
	}
	switch {
	case th.open: // a blank line parts it from the answer
		return append(append([]string{header("▾", th.summary())}, th.markdown(rc)...), "")
	case th.done:
		return []string{header("▸", th.summary())}
	}
	out := []string{header("▾", "Thinking…")}
	for _, l := range th.liveTail(rc.wrapWidth()) {
		out = append(out, st.Meta.Render(l))
	}
	return out
}

// summary is the folded line's text: "Thought for 12 s (1,240 words)".
func (th *thinking) summary() string {
	if !th.done {
		return fmt.Sprintf("Thinking… (%s)", plural(th.words, "word"))
	}
	took := "<1 s"
	if d := th.duration(); d >= time.Second {
		took = clockText(d)
	}
	return fmt.Sprintf("Thought for %s (%s)", took, plural(th.words, "word"))
}

// liveTail is the last liveLines lines of the reasoning, wrapped to width
// and indented under the label, blank lines left out. Only the end of
// the text is wrapped: the last liveLines lines, within liveWindow bytes.
func (th *thinking) liveTail(width int) []string {
	s := th.text.String()
	from := len(s)
	// Blank lines are left out, so twice as many source lines are taken.
	for n := 0; n <= 2*liveLines && from > 0 && len(s)-from < liveWindow; {
		from--
		if s[from] == '\n' {
			n++
		}
	}
	if len(s)-from >= liveWindow { // one long paragraph: start at a word
		if i := strings.IndexByte(s[from:], ' '); i >= 0 && i < 256 {
			from += i + 1
		}
		for from < len(s) && !utf8.RuneStart(s[from]) {
			from++
		}
	}
	var out []string
	for _, l := range plainLines(sanitize.Text(s[from:]), width-2) {
		if strings.TrimSpace(l) != "" {
			out = append(out, "  "+l)
		}
	}
	return out[max(0, len(out)-liveLines):]
}

// markdown renders the whole reasoning for the open block.
func (th *thinking) markdown(rc renderCtx) []string {
	if !th.done {
		if th.md == nil || th.md.Renderer() != rc.md {
			th.md = markdown.NewStream(rc.md)
			th.md.Append(sanitize.Text(th.text.String()))
		}
		lines, err := th.md.Lines()
		if err != nil {
			return plainLines(th.md.Text(), rc.wrapWidth())
		}
		return trimBlankEdges(lines)
	}
	if th.full == nil || th.fullFor != rc.md {
		text := sanitize.Text(th.text.String())
		lines, err := rc.md.RenderLines(text)
		if err != nil {
			lines = plainLines(text, rc.wrapWidth())
		}
		th.full, th.fullFor = trimBlankEdges(lines), rc.md
	}
	return th.full
}

// clockText spells a duration as the footer's clock does: "7 s",
// "2 min 05 s".
func clockText(d time.Duration) string {
	d = max(d, 0).Truncate(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	return fmt.Sprintf("%d min %02d s", int(d.Minutes()), int(d.Seconds())%60)
}
