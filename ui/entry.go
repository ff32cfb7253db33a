package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/markdown"
)

// entry is one message of the transcript. It takes its text as it arrives
// and renders itself for a layout (a renderCtx), keeping the lines: the
// transcript only reads them.
type entry struct {
	id string
	// parent is the message this one follows on its branch ("" for the first).
	parent  string
	role    client.Role
	model   string
	created time.Time
	status  session.Status
	errText string // sanitised sentence

	// text is the message exactly as received: what is saved, exported and
	// sent back. It is the only copy the entry keeps. What the screen shows
	// is sanitize.Text of it, computed when rendering: sanitising carries no
	// state from rune to rune, so deltas sanitised one by one give the
	// sanitised whole. While a reply streams, md holds that sanitised text
	// too, because markdown.Stream renders from its own copy; md is dropped
	// when the reply ends.
	text strings.Builder
	md   *markdown.Stream

	// lines is the rendering for the current layout: a label line, the
	// body, the status lines and a blank separator.
	lines []string
	// bodyEnd is where the status lines start in lines.
	bodyEnd int
	// head is how many lines are final while streaming: the label plus the
	// stream's stable prefix, of which stableSeen lines have been taken.
	head       int
	stableSeen int
	// dirty says text arrived since the last render.
	dirty bool
}

// renderCtx is everything an entry renders with. An entry reads nothing
// else, so what a rendering depends on is in one place.
type renderCtx struct {
	width  int // the terminal's
	md     *markdown.Renderer
	styles *Styles
	// retry is the countdown line of the reply being written; "" when no
	// retry is pending.
	retry string
}

// wrapWidth is the width message bodies are wrapped to.
func (rc renderCtx) wrapWidth() int { return max(20, rc.width) }

// appendText adds a piece of the message as received.
func (e *entry) appendText(delta string) {
	e.text.WriteString(delta)
	if e.md != nil {
		e.md.Append(sanitize.Text(delta))
	}
	e.dirty = true
}

// shown is the text as the screen shows it.
func (e *entry) shown() string {
	if e.md != nil {
		return e.md.Text()
	}
	return sanitize.Text(e.text.String())
}

// streaming makes the entry a reply being written: it renders with
// markdown.Stream as it grows.
func (e *entry) streaming(r *markdown.Renderer) {
	text := e.shown()
	e.md = markdown.NewStream(r)
	e.md.Append(text)
}

// render renders the entry from scratch for rc (a new entry, a new width
// or theme). A reply being written starts its stream over with rc's
// renderer.
func (e *entry) render(rc renderCtx) {
	e.lines = append(e.lines[:0], e.label(rc))
	e.head, e.stableSeen = 1, 0
	if e.md != nil {
		e.md.Reset(rc.md)
		e.renderTail(rc)
		return
	}
	e.lines = append(e.lines, e.body(rc, e.shown())...)
	e.endBody(rc)
}

// body renders a finished message's text.
func (e *entry) body(rc renderCtx, text string) []string {
	switch {
	case e.role == roleUser:
		return plainLines(text, rc.wrapWidth())
	case text == "":
		return nil
	}
	lines, err := rc.md.RenderLines(text)
	if err != nil {
		return plainLines(text, rc.wrapWidth())
	}
	return trimBlankEdges(lines)
}

// renderTail re-renders only the unstable tail of a reply being written:
// the label and the stable prefix stay as they are.
func (e *entry) renderTail(rc renderCtx) {
	switch {
	case e.md == nil:
		e.render(rc)
		return
	case e.md.Text() == "": // nothing to render yet
		e.lines = e.lines[:e.head]
		e.endBody(rc)
		return
	}
	stable, tail, err := e.md.Split()
	if err != nil {
		e.lines = append(e.lines[:1], plainLines(e.md.Text(), rc.wrapWidth())...)
		e.head, e.stableSeen = 1, 0
		e.endBody(rc)
		return
	}
	if len(stable) < e.stableSeen { // the stream fell back to full renders
		e.head, e.stableSeen = 1, 0
	}
	from := e.stableSeen
	if from == 0 {
		from = len(stable) - len(trimLeadingBlank(stable))
	}
	e.lines = append(e.lines[:e.head], stable[from:]...)
	e.head, e.stableSeen = len(e.lines), len(stable)
	if e.head == 1 {
		tail = trimLeadingBlank(tail)
	}
	// As a finished reply does, so the end doesn't jump.
	e.lines = append(e.lines, trimTrailingBlank(tail)...)
	e.endBody(rc)
}

// finish renders a reply that just ended and drops its stream. A streamed
// reply reuses its stable prefix: one tail render, not a full render.
func (e *entry) finish(rc renderCtx) {
	md := e.md
	e.md = nil
	if md == nil || md.Renderer() != rc.md {
		e.render(rc)
		return
	}
	body, err := md.Finish()
	if err != nil {
		e.render(rc)
		return
	}
	e.lines = append(append(e.lines[:0], e.label(rc)), trimBlankEdges(body)...)
	e.head, e.stableSeen = 1, 0
	e.endBody(rc)
}

// endBody marks the end of the body and adds the status lines.
func (e *entry) endBody(rc renderCtx) {
	e.bodyEnd = len(e.lines)
	e.restatus(rc)
	e.dirty = false
}

// restatus redoes only the lines after the body: how the reply ended, or
// the pending retry. No markdown is rendered.
func (e *entry) restatus(rc renderCtx) {
	e.lines = append(e.lines[:e.bodyEnd], e.statusLines(rc)...)
	e.lines = append(e.lines, "")
}

// label is the first line: who wrote the message, and when.
func (e *entry) label(rc renderCtx) string {
	st := rc.styles
	ts := e.created.Format("15:04")
	if e.role == roleUser {
		return st.UserLabel.Render("▍You") + st.Meta.Render("  "+ts)
	}
	name := e.model
	if name == "" {
		name = "assistant"
	}
	// A long model name gives way, so the label stays on one screen line:
	// "▍", the name, two spaces and the time.
	name = ansi.Truncate(sanitizeLine(name), max(1, rc.width-3-len(ts)), "…")
	return st.BotLabel.Render("▍"+name) + st.Meta.Render("  "+ts)
}

// statusLines is what follows a reply's body: how it ended, if not well,
// or the retry it is waiting for.
func (e *entry) statusLines(rc renderCtx) []string {
	st := rc.styles
	switch e.status {
	case session.StatusStopped:
		return []string{st.Meta.Render("  ■ stopped")}
	case session.StatusError, session.StatusTruncated:
		return wrapStyled(st.Error.Render, "✗ "+e.errText, rc.wrapWidth())
	case session.StatusStreaming:
		if rc.retry != "" {
			return wrapStyled(st.Notice.Render, rc.retry, rc.wrapWidth())
		}
	}
	return nil
}

// wrapStyled wraps a sentence to the width and styles each line.
func wrapStyled(style func(...string) string, s string, width int) []string {
	var out []string
	for _, l := range plainLines(s, width) {
		out = append(out, style(l))
	}
	return out
}

// plainLines wraps sanitised plain text (user prompts) to width with an
// indent, the way glamour indents replies.
func plainLines(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		wrapped := ansi.Wrap(para, max(1, width-2), "")
		for _, l := range strings.Split(wrapped, "\n") {
			out = append(out, "  "+l)
		}
	}
	return out
}

// trimBlankEdges drops glamour's blank first and last lines: the label and
// the separator already space messages apart.
func trimBlankEdges(lines []string) []string {
	return trimTrailingBlank(trimLeadingBlank(lines))
}

func trimLeadingBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	return lines
}

func trimTrailingBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
