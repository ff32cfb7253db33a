package ui

import (
	"slices"

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
		cmd := m.showBranchOf(o.msgID)
		if !m.markFound(o.msgID) {
			m.footer.push("The match is no longer in this conversation.", false)
		}
		return cmd
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
// opened it at; showLoaded showed the branch it is on, which is kept as
// the branch in use, as a switch to it would be.
func (m *Model) showFound() {
	if m.found == "" {
		return
	}
	m.tr.showEntry(m.found)
	if m.conv.LeafID != m.tr.lastID() {
		m.saveLeaf()
	}
}

// showBranchOf shows the branch through the message id when the branch
// shown does not hold it, from where the two part, and remembers it as
// the branch in use; a reply streaming elsewhere goes on unseen, as after
// h or l.
func (m *Model) showBranchOf(id string) tea.Cmd {
	byID := map[string]*entry{}
	for _, kids := range m.tree.kids {
		for _, e := range kids {
			byID[e.id] = e
		}
	}
	shown := map[string]int{}
	for i, e := range m.tr.entries {
		shown[e.id] = i
	}
	hit, ok := byID[id]
	if _, on := shown[id]; on || !ok {
		return nil
	}
	at := -1 // where the hit's branch leaves the one shown: before its root
	if len(m.tr.entries) > 0 && m.tr.entries[0].role == roleSystem {
		at = 0
	}
	var up []*entry // the hit and its ancestors not shown, hit first
	for e := hit; e != nil; e = byID[e.parent] {
		if i, ok := shown[e.id]; ok && e.id != "" {
			at = i
			break
		}
		up = append(up, e)
	}
	slices.Reverse(up)
	cmd := m.leaveSelect() // the selected message may be cut away
	m.showBranch(at, append(up, m.tree.below(hit)[1:]...))
	m.keepEditShown()
	m.saveLeaf()
	return tea.Batch(cmd, m.persist())
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
