package ui

import (
	tea "charm.land/bubbletea/v2"

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

// ensureRenderer builds the markdown renderer for the current width and
// theme when they changed: one renderer per layout, reused for every frame.
func (m *Model) ensureRenderer() bool {
	w, th := max(20, m.width), m.theme()
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

// freshRendererAfter is the reply size past which the renderer is built
// again when the reply ends: glamour keeps the buffers of its largest
// render, which for a long paragraph hold about three bytes per byte.
const freshRendererAfter = 1 << 20

// freshRenderer replaces the markdown renderer by a new one for the same
// layout, so that what the old one held is freed.
func (m *Model) freshRenderer() {
	old := m.renderer
	m.renderer = nil
	if !m.ensureRenderer() {
		m.renderer = old
	}
}

// renderCtx is what entries render with now.
func (m *Model) renderCtx() renderCtx {
	return renderCtx{width: m.width, md: m.renderer, styles: &m.styles, retry: m.retryLine(), mark: m.labelMark}
}

// label is e's first line as it is rendered now.
func (m *Model) label(e *entry) string { return e.label(m.renderCtx()) }

// rerenderAll lays the transcript out for a new width or theme: the
// messages in view are rendered again now, the others when the view
// reaches them.
func (m *Model) rerenderAll() {
	if m.width == 0 {
		return
	}
	m.ensureRenderer()
	m.tr.newLayout()
}

// toggleReasoning opens or closes the reasoning of the newest reply that
// has some.
func (m *Model) toggleReasoning() tea.Cmd {
	for i := len(m.tr.entries) - 1; i >= 0; i-- {
		if e := m.tr.entries[i]; e.role == roleAssistant && !e.think.empty() {
			e.toggleReasoning(m.renderCtx())
			m.tr.relayoutAll()
			return nil
		}
	}
	m.footer.push("No reply has reasoning to show yet.", false)
	return nil
}
