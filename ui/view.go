package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View composes the screen from cached pieces: the header, the visible
// window of the transcript (with a dialog over it), the input, the status
// row and the key help. Its cost depends on the screen's size, never on
// the transcript's length.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true // the window title is not the View's: see title.go
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
	if m.dialog == nil {
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
	b.WriteString(m.statusRow())
	b.WriteByte('\n')
	b.WriteString(m.keyHelpRow())
	return b.String()
}

// headerView is one line: app, provider, model and title. The provider is
// named only when it is not the app's own ("lockchat · demo · gpt-4" in
// --demo, "lockchat · gpt-4" against Lockchat's server).
func (m *Model) headerView() string {
	const name = "lockchat"
	provider := ""
	if m.opts.Client != nil {
		provider = m.opts.Client.Provider().Name
	}
	left := m.styles.Header.Render(name)
	if provider != "" && provider != name {
		left += m.styles.HeaderDim.Render(" · " + sanitizeLine(provider))
	}
	left += m.styles.HeaderDim.Render(" · ") + m.modelLabel()
	if role := m.systemLabel(); role != "" {
		left += m.styles.HeaderDim.Render(" · ") + m.styles.HeaderRole.Render(role)
	}
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

// modelLabel names the model in the header, or says why there is none
// yet: the server is being asked, or named none.
func (m *Model) modelLabel() string {
	switch {
	case m.model != "":
		return m.styles.Header.Render(sanitizeLine(m.model))
	case m.start.asking:
		return m.styles.HeaderDim.Render("asking the server for its model…")
	}
	return m.styles.HeaderDim.Render("no model")
}

// middleView is the transcript window (or the welcome, when there is no
// transcript yet), with the open dialog drawn over it.
func (m *Model) middleView() string {
	var lines []string
	if len(m.tr.entries) == 0 {
		lines = strings.Split(placeCentred(m.welcomeView(), m.width, m.tr.height), "\n")
	} else {
		lines = m.tr.window()
		m.markSelected(lines)
	}
	if m.dialog != nil {
		lines = overlay(lines, m.dialog.View(), m.width)
	}
	return strings.Join(lines, "\n")
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
	k := m.keys
	var hints []string
	for _, b := range []key.Binding{k.Models, k.Conversations, k.Help} {
		if h := keyHint(b, b.Help().Desc); h != "" {
			hints = append(hints, h)
		}
	}
	invite := "Type a message."
	if k.Send.Enabled() {
		invite = "Type a message and press " + k.Send.Help().Key + "."
	}
	lines := []string{m.styles.Header.Render("lockchat"), m.styles.Meta.Render(invite)}
	if hint := strings.Join(hints, " · "); hint == "" || lipgloss.Width(hint) <= m.width {
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

// helpLines is the full help when it is shown: as many of its lines as
// fit above the input, leaving a line of transcript.
func (m *Model) helpLines() []string {
	if !m.help.ShowAll {
		return nil
	}
	keys := m.keys.FullHelp()
	if m.sel.active {
		keys = m.keys.SelectFullHelp()
	}
	lines := strings.Split(m.help.FullHelpView(keys), "\n")
	lines = lines[:max(0, min(len(lines), m.height-m.barsHeight()-1))]
	for i, l := range lines {
		// bubbles' help keeps a column it has no room for at some widths
		// (46 to 48 columns here): cut what does not fit.
		lines[i] = ansi.Truncate(l, m.width, "")
	}
	return lines
}
