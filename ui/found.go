package ui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// foundMark starts the label of the message a search opened, in place of
// the usual bar: a mark in the margin that shows without colour too.
const foundMark = "▶"

// apply opens the hit's conversation scrolled to the message, which is
// marked; nothing is sent. When the conversation is the open one it is
// not read again, so a reply streaming in it goes on.
func (o openHit) apply(m *Model) tea.Cmd {
	m.dialog = nil
	if o.convID == m.conv.ID && m.convSaved {
		if !m.markFound(o.msgID) {
			m.footer.push("The match is on another branch of this conversation.", false)
		}
		return nil
	}
	return loadFound(m.opts.Reader, o.convID, o.msgID)
}

// loadFound reads a conversation in a command, as loadConversation does,
// and has it shown at the message msgID.
func loadFound(r Reader, convID, msgID string) tea.Cmd {
	load := loadConversation(r, convID, false)
	return func() tea.Msg {
		msg, _ := load().(loadedMsg)
		msg.focus = msgID
		return msg
	}
}

// showFound scrolls a conversation just loaded to the message a search
// opened it at, or says that the message is not on the branch shown.
func (m *Model) showFound() {
	if m.found == "" || m.tr.showEntry(m.found) {
		return
	}
	m.footer.push("Opened “"+shownTitle(m.conv.Title)+"”; the match is on another of its branches.", false)
}

// markFound moves the mark to the message with id in the transcript shown
// and scrolls to it; it reports whether the message is there.
func (m *Model) markFound(id string) bool {
	old := m.found
	m.found = id
	for _, e := range m.tr.entries {
		if (e.id == old || e.id == id) && len(e.lines) > 0 {
			e.lines[0] = m.label(e) // the label is always the first line
		}
	}
	return m.tr.showEntry(id)
}

// labelMark is the mark and the label styles of e's label: the bar and
// the role's colours, or for the message a search opened the found mark,
// reversed, which also shows under NO_COLOR.
func (m *Model) labelMark(e *entry) (mark string, user, bot lipgloss.Style) {
	if m.found != "" && e.id == m.found {
		return foundMark, m.styles.Found, m.styles.Found
	}
	return "▍", m.styles.UserLabel, m.styles.BotLabel
}
