package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// recall walks back through the conversation's prompts, as a shell walks
// its history: ↑ on the input's first row brings back the last prompt, ↑
// again the one before, ↓ on its last row goes forward and, past the
// newest, back to what was being typed. Elsewhere in a multi-line input
// the keys move the cursor. Editing a recalled prompt makes it a draft.
type recall struct {
	active bool
	pos    int    // index into prompts() of the prompt shown
	shown  string // its text, to notice edits
	draft  string // what the input held before recalling
}

// prompts returns the conversation's prompts, oldest first.
func (m *Model) prompts() []string {
	var out []string
	for _, e := range m.tr.entries {
		if e.role == roleUser && e.text.Len() > 0 {
			out = append(out, e.text.String())
		}
	}
	return out
}

// recallKey handles ↑ and ↓ when they mean the prompt history; it reports
// false when the key should move the cursor in the input instead.
func (m *Model) recallKey(msg tea.KeyPressMsg) bool {
	if m.recall.active && m.input.Value() != m.recall.shown {
		m.recall = recall{} // edited: the text is a draft of its own now
	}
	switch {
	case key.Matches(msg, m.keys.PrevPrompt):
		return m.onFirstRow() && m.recallPrevious()
	case key.Matches(msg, m.keys.NextPrompt):
		return m.recall.active && m.onLastRow() && m.recallNext()
	}
	return false
}

// recallPrevious shows the prompt before the one shown, or the newest
// one, keeping the draft; it reports false when there is none at all.
func (m *Model) recallPrevious() bool {
	r := &m.recall
	prompts := m.prompts()
	if r.pos > len(prompts) { // the conversation changed under the recall
		*r = recall{}
	}
	if !r.active {
		if len(prompts) == 0 {
			return false
		}
		*r = recall{active: true, pos: len(prompts), draft: m.input.Value()}
	}
	if r.pos > 0 { // at the oldest prompt, stay
		r.pos--
		m.showRecalled(prompts[r.pos])
	}
	return true
}

// recallNext shows the prompt after the one shown or, past the newest,
// the draft again.
func (m *Model) recallNext() bool {
	r := &m.recall
	prompts := m.prompts()
	if r.pos+1 >= len(prompts) {
		draft := r.draft
		*r = recall{}
		m.setInput(draft)
		return true
	}
	r.pos++
	m.showRecalled(prompts[r.pos])
	return true
}

// showRecalled puts a prompt in the input, cursor at its end; a long one
// comes back as a placeholder, like a long paste.
func (m *Model) showRecalled(text string) {
	m.input.Reset()
	if !m.insertLong(text) {
		m.setInput(text)
	}
	m.recall.shown = m.input.Value()
}

// onFirstRow reports whether the cursor is on the input's first screen row.
func (m *Model) onFirstRow() bool {
	return m.input.Line() == 0 && m.input.LineInfo().RowOffset == 0
}

// onLastRow reports whether the cursor is on the input's last screen row.
func (m *Model) onLastRow() bool {
	li := m.input.LineInfo()
	return m.input.Line() == m.input.LineCount()-1 && li.RowOffset == li.Height-1
}
