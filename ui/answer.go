package ui

import (
	"strings"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/ui/markdown"
)

// answerText is a reply's answer exactly as received, with the markdown
// stream that renders it while the reply is written. The text is held
// once. What the screen shows is sanitize.Text of it; sanitising carries
// no state from rune to rune, so pieces sanitised one by one give the
// sanitised whole, and the stream holds that sanitised copy to render
// from. While every piece arrived safe to show, sanitising changed
// nothing and the stream's copy is the text itself; the first piece that
// sanitising changes makes the received text be kept apart from then on.
// When the stream ends, a text never kept apart stays where it is (fixed
// refers to the stream's bytes): ending costs no copy at any size.
type answerText struct {
	md    *markdown.Stream
	apart strings.Builder
	// own says apart holds the text while md exists.
	own bool
	// fixed is the text once md has ended, if it was never kept apart.
	fixed string
}

// WriteString appends a piece as received.
func (a *answerText) WriteString(delta string) {
	if a.md == nil {
		a.unfix()
		a.apart.WriteString(delta)
		return
	}
	safe := sanitize.Text(delta)
	if !a.own && safe != delta {
		a.apart.WriteString(a.md.Text()) // all safe so far: the same bytes
		a.own = true
	}
	if a.own {
		a.apart.WriteString(delta)
	}
	a.md.Append(safe)
}

// hold makes s the whole text, without a copy: a conversation of
// thousands of messages opens without copying each.
func (a *answerText) hold(s string) {
	a.apart.Reset()
	a.own, a.fixed = false, s
}

// unfix moves a fixed text apart, to be written to.
func (a *answerText) unfix() {
	if a.fixed != "" {
		a.apart.WriteString(a.fixed)
		a.fixed = ""
	}
}

// String is the text as received.
func (a *answerText) String() string {
	switch {
	case a.md != nil && !a.own:
		return a.md.Text()
	case a.md == nil && a.fixed != "":
		return a.fixed
	}
	return a.apart.String()
}

// Len is the length of the text as received.
func (a *answerText) Len() int { return len(a.String()) }

// shown is the text as the screen shows it.
func (a *answerText) shown() string {
	if a.md != nil {
		return a.md.Text()
	}
	return sanitize.Text(a.String())
}

// stream starts rendering the text with a markdown.Stream on r.
func (a *answerText) stream(r *markdown.Renderer) {
	text := a.shown()
	a.unfix()
	a.md = markdown.NewStream(r)
	a.md.Append(text)
	a.own = a.apart.Len() > 0
}

// endStream drops the stream and returns it; the text stays.
func (a *answerText) endStream() *markdown.Stream {
	md := a.md
	if md != nil && !a.own {
		a.fixed = md.Text()
	}
	a.md, a.own = nil, false
	return md
}

// Reset empties the text; a stream starts over, empty.
func (a *answerText) Reset() {
	a.apart.Reset()
	a.own, a.fixed = false, ""
	if a.md != nil {
		a.md = markdown.NewStream(a.md.Renderer())
	}
}
