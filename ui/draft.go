package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// quitKey is the quit key: it stops a streaming reply first, as before.
// With unsent text in the input, the first press keeps the text as the
// conversation's draft and says how to quit, and the next press quits;
// reopening the conversation brings the draft back.
func (m *Model) quitKey() tea.Cmd {
	if m.stream.active {
		return m.stopOrQuit()
	}
	text := m.draftText()
	if text != "" && !m.quitArmed {
		m.quitArmed = true
		m.saveDraft(text)
		m.footer.push(m.draftKeptNotice(), false)
		return m.persist()
	}
	m.saveDraft(text) // as it is now: "" forgets a draft kept before
	return m.stopOrQuit()
}

// draftKeptNotice says that the quit key is waiting for a second press,
// naming the key as it is bound.
func (m *Model) draftKeptNotice() string {
	again := keyHint(m.keys.Quit, "again to quit")
	if m.opts.Journal == nil {
		return "press " + again + "; nothing is being saved, so your draft will be lost"
	}
	return "press " + again + "; your draft is kept"
}

// draftText is the unsent prompt, long pastes in full; "" when the input
// holds only blanks.
func (m *Model) draftText() string {
	text := m.expandPastes(m.input.Value())
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return text
}

// saveDraft keeps text as the conversation's draft, saving a conversation
// that was not saved yet; "" forgets the draft kept before.
func (m *Model) saveDraft(text string) {
	if text == m.conv.Draft || (text == "" && !m.convSaved) {
		return
	}
	if !m.convSaved {
		now := m.opts.Now()
		m.conv.Created, m.conv.Updated = now, now
		conv := m.conv
		m.queue(func(j Journal) session.Notice { return j.CreateConversation(conv) })
		m.convSaved = true
	}
	m.conv.Draft = text
	id := m.conv.ID
	m.queue(func(j Journal) session.Notice { return j.SetDraft(id, text) })
}

// sendKey sends the input; a draft the conversation kept is then sent, so
// it is forgotten.
func (m *Model) sendKey() tea.Cmd {
	before := len(m.tr.entries)
	cmd := m.sendPrompt()
	if len(m.tr.entries) > before && m.conv.Draft != "" {
		m.saveDraft("")
		cmd = tea.Batch(cmd, m.persist())
	}
	return cmd
}

// restoreDraft puts a reopened conversation's draft back in an empty
// input and returns the words that say so ("" when there is none).
func (m *Model) restoreDraft() string {
	if m.conv.Draft == "" || strings.TrimSpace(m.input.Value()) != "" {
		return ""
	}
	m.input.Reset()
	m.pastes = pastes{}
	if !m.insertLong(m.conv.Draft) {
		m.setInput(m.conv.Draft)
	}
	m.layout()
	return " Your unsent draft is back in the input."
}
