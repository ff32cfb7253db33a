package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/markdown"
)

// theme picks the markdown theme for the current background.
func (m *Model) theme() markdown.Theme {
	switch {
	case m.opts.NoColor:
		return markdown.ThemePlain
	case m.isDark:
		return markdown.ThemeDark
	}
	return markdown.ThemeLight
}

// contentWidth is the wrap width of message bodies.
func (m *Model) contentWidth() int { return max(20, m.width) }

// ensureRenderer builds the markdown renderer for the current width and
// theme when they changed: one renderer per layout, reused for every frame.
func (m *Model) ensureRenderer() bool {
	w, th := m.contentWidth(), m.theme()
	if m.renderer != nil && m.renderer.Width() == max(w, markdown.MinWidth) && m.renderer.Theme() == th {
		return false
	}
	r, err := markdown.NewRenderer(w, th)
	if err != nil {
		m.footer.push("Markdown rendering is unavailable: "+err.Error(), true)
		return false
	}
	m.renderer = r
	return true
}

// label is the first line of an entry: who wrote it.
func (m *Model) label(e *entry) string {
	ts := e.created.Format("15:04")
	mark, user, bot := m.labelMark(e)
	if e.role == roleUser {
		return user.Render(mark+"You") + m.styles.Meta.Render("  "+ts)
	}
	name := e.model
	if name == "" {
		name = "assistant"
	}
	// A long model name gives way, so the label stays on one screen line:
	// "▍", the name, two spaces and the time.
	name = ansi.Truncate(sanitizeLine(name), max(1, m.width-3-len(ts)), "…")
	return bot.Render(mark+name) + m.styles.Meta.Render("  "+ts)
}

// statusLines is what follows a reply's body: how it ended, if not well.
func (m *Model) statusLines(e *entry) []string {
	switch e.status {
	case session.StatusStopped:
		return []string{m.styles.Meta.Render("  ■ stopped")}
	case session.StatusError, session.StatusTruncated:
		return wrapStyled(m.styles.Error.Render, "✗ "+e.errText, m.contentWidth())
	case session.StatusStreaming:
		if !m.stream.retryUntil.IsZero() && e == m.stream.entry {
			return wrapStyled(m.styles.Notice.Render, m.retryText(), m.contentWidth())
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

// renderEntry renders a finished entry (or a streaming one from scratch)
// for the current layout and caches the lines on it.
func (m *Model) renderEntry(e *entry) {
	if e.role == roleSystem {
		m.renderSystem(e)
		return
	}
	lines := []string{m.label(e)}
	if e.role == roleUser {
		lines = append(lines, plainLines(e.safe.String(), m.contentWidth())...)
	} else if e.safe.Len() > 0 {
		body, err := m.renderer.RenderLines(e.safe.String())
		if err != nil {
			body = plainLines(e.safe.String(), m.contentWidth())
		}
		lines = append(lines, trimBlankEdges(body)...)
	}
	lines = append(lines, m.statusLines(e)...)
	e.lines = append(lines, "")
	e.head = 1
	e.stableSeen = 0
	e.dirty = false
}

// renderStreaming re-renders only the unstable tail of the reply being
// written: the label and the stable prefix stay as they are.
func (m *Model) renderStreaming(e *entry) {
	if e.stream == nil {
		m.renderEntry(e)
		return
	}
	stable, tail, err := e.stream.Split()
	if err != nil {
		m.renderEntry(e)
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
	for len(tail) > 0 && strings.TrimSpace(tail[len(tail)-1]) == "" {
		tail = tail[:len(tail)-1] // as finishEntry does, so the end doesn't jump
	}
	e.lines = append(e.lines, tail...)
	e.lines = append(e.lines, m.statusLines(e)...)
	e.lines = append(e.lines, "")
	e.dirty = false
}

// finishEntry renders a reply that just ended. A streamed reply reuses its
// stable prefix (one tail render, not a full render of the whole reply).
func (m *Model) finishEntry(e *entry) {
	if e.stream == nil || e.stream.Renderer() != m.renderer {
		e.stream = nil
		m.renderEntry(e)
		return
	}
	body, err := e.stream.Finish()
	e.stream = nil
	if err != nil {
		m.renderEntry(e)
		return
	}
	lines := append([]string{m.label(e)}, trimBlankEdges(body)...)
	lines = append(lines, m.statusLines(e)...)
	e.lines = append(lines, "")
	e.head, e.stableSeen, e.dirty = 1, 0, false
}

// trimBlankEdges drops glamour's blank first and last lines: the label and
// the separator already space messages apart.
func trimBlankEdges(lines []string) []string {
	lines = trimLeadingBlank(lines)
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func trimLeadingBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	return lines
}

// retryText describes the pending retry with its countdown.
func (m *Model) retryText() string {
	r := m.stream.retry
	left := m.stream.retryUntil.Sub(m.opts.Now()).Round(1e9)
	if left < 0 {
		left = 0
	}
	return fmt.Sprintf("↻ %s Retrying in %s (attempt %d of %d).", sanitizeLine(r.Reason), left, r.Attempt, r.MaxAttempts)
}
