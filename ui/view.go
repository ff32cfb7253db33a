package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View composes the screen from cached pieces: the header, the visible
// window of the transcript, the input and the footer. Its cost depends on
// the screen's size, never on the transcript's length.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = m.windowTitle()
	if m.opts.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	if m.width == 0 || m.quitting {
		return v
	}
	if !m.cache.screenValid {
		m.cache.screen, m.cache.screenValid = m.compose(), true
	}
	v.SetContent(m.cache.screen)
	if m.focus == focusInput {
		if c := m.inputCursor(); c != nil {
			c.Y += m.inputTop()
			v.Cursor = c
		}
	}
	return v
}

// inputTop is the screen row of the input's first line.
func (m *Model) inputTop() int {
	top := 1 + m.tr.height + 1 // header, transcript, separator
	if m.help.ShowAll {
		top += m.fullHelpHeight()
	}
	return top
}

// compose builds the screen: O(screen size).
func (m *Model) compose() string {
	var b strings.Builder
	b.WriteString(m.headerView())
	b.WriteByte('\n')
	b.WriteString(m.middleView())
	b.WriteByte('\n')
	if m.help.ShowAll {
		b.WriteString(m.help.FullHelpView(m.keys.FullHelp()))
		b.WriteByte('\n')
	}
	b.WriteString(m.styles.InputBorder.Render(strings.Repeat("─", m.width)))
	b.WriteByte('\n')
	b.WriteString(m.inputView())
	b.WriteByte('\n')
	b.WriteString(m.footerView())
	return b.String()
}

// windowTitle follows the conversation's title.
func (m *Model) windowTitle() string {
	if m.conv.Title == "" {
		return "lockchat"
	}
	return sanitizeLine(m.conv.Title) + " — lockchat"
}

// headerView is one line: app, provider, model and title.
func (m *Model) headerView() string {
	name := "lockchat" // in --demo the provider is named "demo"
	provider := ""
	if m.opts.Client != nil {
		provider = m.opts.Client.Provider().Name
	}
	left := m.styles.Header.Render(name)
	if provider != "" {
		left += m.styles.HeaderDim.Render(" · " + sanitizeLine(provider))
	}
	left += m.styles.HeaderDim.Render(" · ") + m.styles.Header.Render(sanitizeLine(m.model))
	title := m.conv.Title
	if title == "" {
		title = "new conversation"
	}
	room := m.width - lipgloss.Width(left) - 3
	if room > 3 {
		left += m.styles.HeaderDim.Render(" · " + ansi.Truncate(sanitizeLine(title), room, "…"))
	}
	return ansi.Truncate(left, m.width, "…")
}

// middleView is the transcript window, or a dialog over it.
func (m *Model) middleView() string {
	h := m.tr.height
	switch m.focus {
	case focusPicker:
		return lipgloss.Place(m.width, h, lipgloss.Center, lipgloss.Center, m.picker.View())
	case focusConvList:
		return lipgloss.Place(m.width, h, lipgloss.Center, lipgloss.Center, m.convlist.View())
	}
	if len(m.tr.entries) == 0 {
		return lipgloss.Place(m.width, h, lipgloss.Center, lipgloss.Center, m.welcomeView())
	}
	return strings.Join(m.tr.window(), "\n")
}

// welcomeView greets an empty conversation.
func (m *Model) welcomeView() string {
	hints := []string{"ctrl+l models", "ctrl+o conversations", "ctrl+g help"}
	lines := []string{m.styles.Header.Render("lockchat"), m.styles.Meta.Render("Type a message and press enter.")}
	if hint := strings.Join(hints, " · "); lipgloss.Width(hint) <= m.width {
		lines = append(lines, m.styles.Meta.Render(hint))
	} else { // narrow: a hint a line
		for _, h := range hints {
			lines = append(lines, m.styles.Meta.Render(h))
		}
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return lipgloss.JoinVertical(lipgloss.Center, lines...)
}

// footerView is the status line: what is happening, then short help.
func (m *Model) footerView() string {
	status := m.statusText()
	helpView := m.help.ShortHelpView(m.keys.ShortHelp())
	if status == "" {
		return ansi.Truncate(helpView, m.width, "…")
	}
	room := m.width - lipgloss.Width(status) - 2
	if room < 10 {
		return ansi.Truncate(status, m.width, "…")
	}
	return status + "  " + ansi.Truncate(helpView, room, "…")
}

// statusText is the streaming state, a retry countdown or a notice.
func (m *Model) statusText() string {
	switch {
	case m.footer.text != "":
		if m.footer.warn {
			return m.styles.Notice.Render(m.footer.text)
		}
		return m.styles.Footer.Render(m.footer.text)
	case m.stream.active && !m.stream.retryUntil.IsZero():
		return m.styles.Notice.Render(m.retryText())
	case m.stream.active:
		clock := m.elapsedText()
		if e := m.stream.entry; e != nil && e.text.Len() == 0 {
			clock = "waiting " + clock // no token yet: the model may be thinking
		}
		return m.styles.Streaming.Render("● streaming " + sanitizeLine(m.model) + " · " + clock + " · esc stops")
	case !m.tr.follow:
		return m.styles.Footer.Render("↑ scrolled · ctrl+end to follow")
	}
	return ""
}

// fullHelpHeight is the height of the full help block.
func (m *Model) fullHelpHeight() int {
	return lipgloss.Height(m.help.FullHelpView(m.keys.FullHelp()))
}
