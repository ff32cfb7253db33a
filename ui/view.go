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
		m.cache.screen, m.cache.inputTop, m.cache.screenValid = m.compose(), m.inputTop(), true
	}
	v.SetContent(m.cache.screen)
	if m.focus == focusInput {
		if c := m.inputCursor(); c != nil {
			c.Y += m.cache.inputTop
			v.Cursor = c
		}
	}
	return v
}

// inputTop is the screen row of the input's first line.
func (m *Model) inputTop() int {
	top := 1 + m.tr.height + 1 // header, transcript, separator
	top += len(m.helpLines())
	return top
}

// compose builds the screen: O(screen size).
func (m *Model) compose() string {
	var b strings.Builder
	b.WriteString(m.headerView())
	b.WriteByte('\n')
	b.WriteString(m.middleView())
	b.WriteByte('\n')
	for _, l := range m.helpLines() {
		b.WriteString(l)
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
	var box string
	switch {
	case m.focus == focusPicker:
		box = m.picker.View()
	case m.focus == focusConvList:
		box = m.convlist.View()
	case len(m.tr.entries) == 0:
		box = m.welcomeView()
	default:
		return strings.Join(m.tr.window(), "\n")
	}
	return placeCentred(box, m.width, m.tr.height)
}

// placeCentred centres box in a w×h area. A box taller than the area, on
// a very short terminal, loses its last lines rather than push the input
// off the screen.
func placeCentred(box string, w, h int) string {
	if lines := strings.Split(box, "\n"); len(lines) > h {
		box = strings.Join(lines[:h], "\n")
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
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
			clock = e.think.waitWord() + clock // no answer yet
		}
		follow := ""
		if !m.tr.follow { // scrolled up: the new text lands out of sight
			follow = " · " + m.keys.Bottom.Help().Key + " follows"
		}
		return m.styles.Streaming.Render("● streaming " + sanitizeLine(m.model) + " · " + clock + follow + " · esc stops")
	case !m.tr.follow:
		return m.styles.Footer.Render("↑ scrolled · " + m.keys.Bottom.Help().Key + " to follow")
	}
	return ""
}

// helpLines is the full help when it is shown: as many of its lines as
// fit above the input, leaving a line of transcript.
func (m *Model) helpLines() []string {
	if !m.help.ShowAll {
		return nil
	}
	lines := strings.Split(m.help.FullHelpView(m.keys.FullHelp()), "\n")
	lines = lines[:max(0, min(len(lines), m.height-m.barsHeight()-1))]
	for i, l := range lines {
		// bubbles' help keeps a column it has no room for at some widths
		// (46 to 48 columns here): cut what does not fit.
		lines[i] = ansi.Truncate(l, m.width, "")
	}
	return lines
}
