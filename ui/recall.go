package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// recallLimit is how many prompts of other conversations a walk loads.
const recallLimit = 500

// recall walks back through the prompts typed before, as a shell walks
// its history: ↑ on the input's first row brings back the last prompt, ↑
// again the one before, ↓ on its last row goes forward and, past the
// newest, back to what was being typed. The walk takes this
// conversation's prompts first, newest first, then those of every other
// saved conversation, newest first, read from the store in a command when
// the walk starts. Elsewhere in a multi-line input the keys move the
// cursor. Editing a recalled prompt makes it a draft.
type recall struct {
	active bool
	pos    int    // index into walk() of the prompt shown; -1 before the first
	shown  string // the input's text, to notice edits
	draft  string // what the input held before recalling
	// id counts walks, so that the prompts loaded for an earlier one are
	// dropped; others are those prompts once loaded.
	id     int
	others []string
}

// promptsMsg carries the other conversations' prompts for walk id.
type promptsMsg struct {
	id      int
	prompts []string
	err     error
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

// walk is what ↑ walks through: this conversation's prompts, newest first,
// then the other conversations' loaded so far, each text once.
func (m *Model) walk() []string {
	own := m.prompts()
	out := make([]string, 0, len(own)+len(m.recall.others))
	seen := make(map[string]bool, cap(out))
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for i := len(own) - 1; i >= 0; i-- {
		add(own[i])
	}
	for _, p := range m.recall.others {
		add(p)
	}
	return out
}

// recallKey handles ↑ and ↓ when they mean the prompt history; it reports
// false when the key should move the cursor in the input instead. Starting
// a walk returns the command that loads the other conversations' prompts.
func (m *Model) recallKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if m.recall.active && m.input.Value() != m.recall.shown {
		m.recall = recall{id: m.recall.id} // edited: the text is a draft of its own now
	}
	switch {
	case key.Matches(msg, m.keys.PrevPrompt):
		if !m.onFirstRow() {
			return false, nil
		}
		return m.recallPrevious()
	case key.Matches(msg, m.keys.NextPrompt):
		return m.recall.active && m.onLastRow() && m.recallNext(), nil
	}
	return false, nil
}

// recallPrevious shows the prompt before the one shown, or the newest
// one, keeping the draft. It reports false when there is nothing to walk:
// no prompt here and no store to read others from.
func (m *Model) recallPrevious() (bool, tea.Cmd) {
	r := &m.recall
	prompts := m.walk()
	if r.pos >= len(prompts) { // the conversation changed under the walk
		*r = recall{id: r.id}
	}
	var load tea.Cmd
	if !r.active {
		if len(prompts) == 0 && m.opts.Reader == nil {
			return false, nil
		}
		r.id++
		*r = recall{active: true, pos: -1, draft: m.input.Value(), shown: m.input.Value(), id: r.id}
		load = loadPrompts(m.opts.Reader, m.conv.ID, r.id)
		prompts = m.walk()
	}
	if r.pos+1 < len(prompts) { // at the oldest prompt, stay
		r.pos++
		m.showRecalled(prompts[r.pos])
	}
	return true, load
}

// recallNext shows the prompt after the one shown or, past the newest,
// the draft again.
func (m *Model) recallNext() bool {
	r := &m.recall
	if r.pos <= 0 {
		draft := r.draft
		*r = recall{id: r.id}
		m.setInput(draft)
		return true
	}
	r.pos--
	m.showRecalled(m.walk()[r.pos])
	return true
}

// loadPrompts reads the other conversations' prompts in a command; nil
// without a store.
func loadPrompts(r Reader, except string, id int) tea.Cmd {
	if r == nil {
		return nil
	}
	return func() tea.Msg {
		prompts, err := r.Prompts(except, recallLimit)
		return promptsMsg{id: id, prompts: prompts, err: err}
	}
}

// handlePrompts adds the other conversations' prompts to the walk they
// were loaded for; if ↑ found nothing to show yet, the newest is shown now.
func (m *Model) handlePrompts(msg promptsMsg) tea.Cmd {
	r := &m.recall
	if msg.id != r.id || !r.active {
		return nil
	}
	if msg.err != nil {
		m.footer.push("Could not read the prompts of other conversations: "+msg.err.Error(), true)
		return nil
	}
	r.others = msg.prompts
	if prompts := m.walk(); r.pos < 0 && len(prompts) > 0 && m.input.Value() == r.shown {
		r.pos = 0
		m.showRecalled(prompts[0])
		m.layout()
	}
	return nil
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
