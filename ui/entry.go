package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
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
	// branch is "‹ 2/3 ›" when the message has siblings, for the label.
	branch string

	// text is the answer as received, with the stream that renders it
	// while the reply is written: held once (see answerText).
	text answerText
	// think is the reply's reasoning and its block.
	think thinking
	// moved is how many bytes of answer turned out to be reasoning.
	moved int
	// meter counts its tokens and their speed, for the label.
	meter meter

	// lines is the rendering for the current layout: a label line, the
	// reasoning block, the body, the status lines and a blank separator.
	lines []string
	// bodyStart and bodyEnd delimit the body in lines.
	bodyStart, bodyEnd int
	// head is how many lines are final while streaming: the label, the
	// reasoning block and the stream's stable prefix, of which stableSeen
	// lines have been taken.
	head       int
	stableSeen int
	// dirty says text arrived since the last render.
	dirty bool

	// attachments are the files sent with a prompt.
	attachments []session.Attachment
	// tokens caches what a finished message costs a request (see cost);
	// promptTokens is, for a reply, the prompt's tokens as the server
	// counted them (its usage), 0 when it did not say.
	tokens, promptTokens int
	// notSent, when not 0, is how many earlier messages are not sent
	// with the next request: a dim line above the label says so.
	notSent int
	// layout is the transcript layout lines were rendered for (see
	// transcript.layout); 0: none.
	layout int
	// folded shows a long prompt as its first lines and a count of the rest.
	folded bool
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
	// mark gives the mark and the styles of an entry's label (a search
	// marks the message it opened).
	mark func(*entry) (mark string, user, bot lipgloss.Style)
}

// wrapWidth is the width message bodies are wrapped to.
func (rc renderCtx) wrapWidth() int { return max(20, rc.width) }

// appendText adds a piece of the answer as received. The first answer
// text ends the reasoning, which folds.
func (e *entry) appendText(delta string) {
	if delta == "" {
		return
	}
	e.text.WriteString(delta)
	if !e.think.empty() {
		e.think.end()
	}
	e.dirty = true
}

// appendReasoning adds a piece of the reasoning, received at time at.
func (e *entry) appendReasoning(delta string, at time.Time) {
	e.think.add(delta, at)
	e.dirty = true
}

// reclassify moves the answer received so far to the reasoning: the model
// closed a reasoning block it never opened. It returns how many bytes of
// answer have been moved in all, as Journal.Reclassify wants.
func (e *entry) reclassify(at time.Time) int {
	text := e.text.String()
	if text == "" {
		return e.moved
	}
	if e.think.first.IsZero() {
		e.think.first = e.meter.first
	}
	e.think.done = false
	e.think.add(text, at)
	e.moved += len(text)
	e.text.Reset()
	e.head, e.stableSeen = e.bodyStart, 0
	e.dirty = true
	return e.moved
}

// savedEntry is a message read from the store. A reply still marked
// streaming was cut off by a crash: it shows as stopped.
func savedEntry(sm session.Message) *entry {
	e := &entry{id: sm.ID, parent: sm.ParentID, role: sm.Role, model: sm.Model, created: sm.Created, status: sm.Status, folded: true}
	e.text.hold(sm.Content)
	e.errText = sanitizeLine(sm.ErrorText)
	e.attachments = sm.Attachments
	if e.status == session.StatusStreaming {
		e.status = session.StatusStopped
	}
	if sm.Reasoning != "" {
		e.think.add(sm.Reasoning, sm.Created)
		e.think.end()
		e.think.took = time.Duration(sm.ReasoningMillis) * time.Millisecond
		e.think.open = e.answeredInReasoning()
	}
	e.meter.usage = sm.CompletionTokens
	e.promptTokens = sm.PromptTokens
	return e
}

// answeredInReasoning reports whether a complete reply has reasoning and
// no answer: some servers send a thinking model's whole answer as
// reasoning.
func (e *entry) answeredInReasoning() bool {
	return e.role == roleAssistant && e.status == session.StatusComplete && e.text.Len() == 0 && !e.think.empty()
}

// shown is the answer as the screen shows it.
func (e *entry) shown() string { return e.text.shown() }

// streaming makes the entry a reply being written: it renders with
// markdown.Stream as it grows.
func (e *entry) streaming(r *markdown.Renderer) { e.text.stream(r) }

// render renders the entry from scratch for rc (a new entry, a new width
// or theme). A reply being written starts its stream over with rc's
// renderer.
func (e *entry) render(rc renderCtx) {
	if e.role == roleSystem {
		e.renderSystem(rc)
		return
	}
	e.lines = append(e.lines[:0], e.label(rc))
	if e.notSent > 0 {
		e.lines = append([]string{rc.styles.Meta.Render(notSentLine(e.notSent))}, e.lines...)
	}
	e.lines = append(e.lines, e.think.lines(rc)...)
	e.bodyStart = len(e.lines)
	e.head, e.stableSeen = e.bodyStart, 0
	if e.text.md != nil {
		e.text.md.Reset(rc.md)
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
		return e.promptLines(rc, text)
	case text == "":
		return nil
	}
	lines, err := rc.md.RenderLines(text)
	if err != nil {
		return plainLines(text, rc.wrapWidth())
	}
	return trimBlankEdges(lines)
}

// renderTail re-renders what changed of a reply being written: the
// reasoning block if it changed, and the unstable tail of the answer. The
// label and the answer's stable prefix stay as they are.
func (e *entry) renderTail(rc renderCtx) {
	md := e.text.md
	if md == nil {
		e.render(rc)
		return
	}
	if e.think.dirty {
		e.setBlock(e.think.lines(rc))
	}
	var tail []string
	if md.Text() != "" { // else no answer yet
		stable, rest, err := md.Split()
		if err != nil {
			stable, rest = nil, plainLines(md.Text(), rc.wrapWidth())
		}
		e.takeStable(stable)
		tail = rest
	}
	e.lines = e.lines[:e.head]
	if e.head == e.bodyStart {
		tail = trimLeadingBlank(tail)
	}
	// As a finished reply does, so the end doesn't jump.
	e.lines = append(e.lines, trimTrailingBlank(tail)...)
	e.endBody(rc)
}

// takeStable adds the stream's newly stable lines to the final head of
// lines. The stable lines only grow, unless the stream fell back to full
// renders: then they are all taken again.
func (e *entry) takeStable(stable []string) {
	if len(stable) < e.stableSeen || len(stable) == 0 {
		e.head, e.stableSeen = e.bodyStart, 0
	}
	from := e.stableSeen
	if from == 0 {
		from = len(stable) - len(trimLeadingBlank(stable))
	}
	e.lines = append(e.lines[:e.head], stable[from:]...)
	e.head, e.stableSeen = len(e.lines), len(stable)
}

// setBlock replaces the reasoning block in lines, moving what follows it.
func (e *entry) setBlock(block []string) {
	if len(e.lines) == 0 {
		return // not rendered yet: its first render lays the block out
	}
	shift := 1 + len(block) - e.bodyStart
	if shift == 0 {
		copy(e.lines[1:], block)
		return
	}
	lines := make([]string, 0, len(e.lines)+shift)
	lines = append(append(append(lines, e.lines[0]), block...), e.lines[e.bodyStart:]...)
	e.lines = lines
	e.bodyStart += shift
	e.bodyEnd += shift
	e.head += shift
}

// toggleReasoning opens or closes the reasoning block.
func (e *entry) toggleReasoning(rc renderCtx) {
	e.think.toggle()
	e.setBlock(e.think.lines(rc))
}

// finish shows a reply that just ended and drops its stream. A finished
// reply shows what a frame of its stream shows (the stream's lines equal
// a full render), so its lines are kept: the text no frame has shown yet
// costs one tail render, as a frame does, and the rest nothing, at any
// size. A reply that answered only in its reasoning shows the reasoning
// whole.
func (e *entry) finish(rc renderCtx) {
	if e.text.md != nil && e.text.md.Renderer() == rc.md && len(e.lines) > 0 && e.dirty {
		e.renderTail(rc)
	}
	md := e.text.endStream()
	e.think.end()
	if e.answeredInReasoning() && !e.think.open {
		e.think.toggle()
	}
	if md == nil || md.Renderer() != rc.md || e.dirty || len(e.lines) == 0 {
		e.render(rc)
		return
	}
	e.lines[0] = e.label(rc)
	e.setBlock(e.think.lines(rc))
	e.head, e.stableSeen = e.bodyStart, 0
	for e.bodyEnd > e.bodyStart && strings.TrimSpace(e.lines[e.bodyEnd-1]) == "" {
		e.bodyEnd-- // as a full render trims its end
	}
	e.restatus(rc)
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

// label is the first line: who wrote the message, and when; for a reply,
// once known, its tokens and their speed.
func (e *entry) label(rc renderCtx) string {
	st := rc.styles
	ts := e.created.Format("15:04")
	mark, user, bot := "▍", st.UserLabel, st.BotLabel
	if rc.mark != nil {
		mark, user, bot = rc.mark(e)
	}
	branch := ""
	if e.branch != "" {
		branch = "  " + e.branch
	}
	if e.role == roleUser {
		return user.Render(mark+"You") + st.Meta.Render(branch+"  "+ts)
	}
	name := e.model
	if name == "" {
		name = "assistant"
	}
	meter := ""
	if e.status.Finished() {
		meter = e.meter.String()
	}
	// The label stays on one screen line: "▍", the name, the figures, the
	// branch, two spaces and the time. A long model name gives way; on a
	// narrow screen, where the start of the name would not fit, the time
	// or the figures go, or both, and the branch stays.
	name = sanitizeLine(name)
	keep := 1 + min(ansi.StringWidth(name), labelNameKeep)
	tail := "  " + ts
	stats := meter + branch + tail
	for _, s := range []string{meter + branch, branch + tail, branch} {
		if keep+ansi.StringWidth(stats) <= rc.width {
			break
		}
		stats = s
	}
	name = ansi.Truncate(name, max(1, rc.width-1-ansi.StringWidth(stats)), "…")
	return ansi.Truncate(bot.Render(mark+name)+st.Meta.Render(stats), max(1, rc.width), "")
}

// labelNameKeep is how much of a model's name a reply's label keeps
// before its time and figures give way on a narrow screen.
const labelNameKeep = 12

// statusLines is what follows a reply's body: how it ended, if not well,
// or the retry it is waiting for.
func (e *entry) statusLines(rc renderCtx) []string {
	st := rc.styles
	if e.role == roleUser && len(e.attachments) > 0 {
		return wrapStyled(st.Meta.Render, chips(e.attachments), rc.wrapWidth())
	}
	switch e.status {
	case session.StatusStopped:
		if e.text.Len() == 0 {
			// History leaves such a prompt out: say so, as it stays on screen.
			return wrapStyled(st.Meta.Render, "■ stopped · no reply: the prompt is not sent again unless edited or regenerated", rc.wrapWidth())
		}
		return []string{st.Meta.Render("  ■ stopped")}
	case session.StatusError, session.StatusTruncated:
		return wrapStyled(st.Error.Render, "✗ "+e.errText, rc.wrapWidth())
	case session.StatusStreaming:
		if rc.retry != "" {
			return wrapStyled(st.Notice.Render, rc.retry, rc.wrapWidth())
		}
	case session.StatusComplete:
		if e.answeredInReasoning() {
			return wrapStyled(st.Meta.Render, "(the model answered only in its reasoning)", rc.wrapWidth())
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
