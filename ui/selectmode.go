package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// selection is select mode: a message of the transcript is selected and
// the select-mode keys act on it, while the input waits. It keeps the
// entry and its index, so that moving costs the same in a conversation of
// any length.
type selection struct {
	active bool
	at     *entry
	idx    int
	// code is the code block the next copy_code press copies, in the
	// message codeOf.
	code   int
	codeOf string
	// copied is the code block copied last (counted from 1; 0: none), in
	// the message copiedOf: its rows are marked until the selection moves.
	copied   int
	copiedOf *entry
	// rows caches where that block's rows are (see copiedRows).
	rows codeMarkRows
	// deleting is the message a delete waits to be confirmed for, and
	// asked the footer's seq of the question: the next key answers it
	// only while the question is what the status row shows.
	deleting *entry
	asked    int
	question string
}

// selectedMark is drawn in the margin of every line of the selected
// message: a bar that shows without colour too.
const selectedMark = "▌"

// copiedMark follows the bar on the rows of the code block copied last.
const copiedMark = "┃"

// codeMarkRows is where the copied code block's rows are in the lines of
// its message, for the rendering it was found in.
type codeMarkRows struct {
	e                            *entry
	block, layout, start, nLines int
	from, to                     int // from == to: not found
}

// selected returns the selected entry and its index, or nil when select
// mode is off or the message is no longer shown (another conversation was
// opened). The index is checked first, so this is O(1) unless entries
// moved (the system prompt's entry came or went).
func (m *Model) selected() (*entry, int) {
	s := &m.sel
	if !s.active || s.at == nil {
		return nil, -1
	}
	if s.idx < len(m.tr.entries) && m.tr.entries[s.idx] == s.at {
		return s.at, s.idx
	}
	for i, e := range m.tr.entries {
		if e == s.at {
			s.idx = i
			return e, i
		}
	}
	return nil, -1
}

// enterSelect selects the newest message.
func (m *Model) enterSelect() tea.Cmd {
	for i := len(m.tr.entries) - 1; i >= 0; i-- {
		if e := m.tr.entries[i]; e.role != roleSystem {
			m.sel = selection{active: true, at: e, idx: i}
			m.input.Blur()
			m.layout() // the full help, if shown, is select mode's
			m.revealSelected()
			return nil
		}
	}
	m.footer.push("There is no message to select yet.", false)
	return nil
}

// leaveSelect gives the keys back to the input.
func (m *Model) leaveSelect() tea.Cmd {
	m.sel = selection{}
	if m.help.ShowAll {
		m.layout() // the full help is the input's again
	}
	return m.input.Focus()
}

// selectKey handles keys in select mode: its own, then the keys that open
// a dialog, copy, quit or scroll. Nothing is typed into the input.
func (m *Model) selectKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	e, _ := m.selected()
	if e == nil {
		m.leaveSelect()
		return m.inputKey(msg)
	}
	if d := m.sel.deleting; d != nil {
		m.sel.deleting = nil
		asked := m.footer.seq == m.sel.asked && m.footer.text != ""
		m.layout() // the question's rows go
		if asked {
			return m.confirmDelete(d, msg)
		}
		// Another notice took the question's place: the key is not an
		// answer to a question no longer shown.
	}
	switch {
	case key.Matches(msg, k.Select, k.Stop):
		return m.leaveSelect()
	case key.Matches(msg, k.Quit):
		return m.quitKey()
	case key.Matches(msg, k.SelectPrev):
		m.moveSelect(-1)
	case key.Matches(msg, k.SelectNext):
		m.moveSelect(1)
	case key.Matches(msg, k.CopyMessage):
		return m.copyMessage(e)
	case key.Matches(msg, k.CopyCode):
		return m.copyCode(e)
	case key.Matches(msg, k.Regenerate):
		return m.regenerate()
	case key.Matches(msg, k.Edit):
		return m.editPrompt()
	case key.Matches(msg, k.BranchPrev):
		return m.switchBranch(-1)
	case key.Matches(msg, k.BranchNext):
		return m.switchBranch(1)
	case key.Matches(msg, k.Fold):
		m.foldSelected(e)
	case key.Matches(msg, k.Delete):
		m.askDelete(e)
	case key.Matches(msg, k.Models, k.Conversations, k.Search, k.Roles, k.New, k.Export,
		k.Copy, k.ToggleReasoning, k.Help, k.PageUp, k.PageDown, k.Top, k.Bottom):
		return m.actionKey(msg)
	case msg.Text != "" || key.Matches(msg, k.Send): // meant for the input: say where it went
		if back := keyHint(k.Select, "goes back to the input"); back != "" {
			m.footer.push("Select mode: nothing is typed or sent; "+back+".", false)
		}
	}
	return nil
}

// selectAt selects entry e at index i; the copied block's mark goes.
func (m *Model) selectAt(e *entry, i int) {
	m.sel.at, m.sel.idx = e, i
	m.sel.copied, m.sel.copiedOf = 0, nil
}

// moveSelect selects the message d places away (system prompts are
// skipped), staying put at either end.
func (m *Model) moveSelect(d int) {
	_, i := m.selected()
	for j := i + d; j >= 0 && j < len(m.tr.entries); j += d {
		if e := m.tr.entries[j]; e.role != roleSystem {
			m.selectAt(e, j)
			break
		}
	}
	m.revealSelected()
}

// revealSelected scrolls the least that shows the selected message's
// start, and as much of it as fits.
func (m *Model) revealSelected() {
	e, i := m.selected()
	if e == nil {
		return
	}
	t := &m.tr
	start, ok := t.startOf(i)
	if !ok { // far from the view: lay the run out around it
		t.runAt(i)
		start, _ = t.startOf(i)
	}
	end := start + len(e.lines)
	to := t.offset
	switch {
	case start < t.offset:
		to = start
	case end > t.offset+t.height:
		to = min(start, end-t.height)
	}
	t.scroll(to - t.offset)
}

// revealCopied scrolls the least that shows the rows of the code block
// copied last, as many as fit from its first, so its mark is seen in a
// message taller than the view.
func (m *Model) revealCopied(e *entry) {
	_, i := m.selected()
	start, ok := m.tr.startOf(i)
	from, to := m.copiedRows(e)
	if !ok || from == to {
		return
	}
	t := &m.tr
	first, end := start+from, start+to
	switch {
	case first < t.offset:
		t.scroll(first - t.offset)
	case end > t.offset+t.height:
		t.scroll(min(first, end-t.height) - t.offset)
	}
}

// foldSelected opens or closes what is folded on the selected message:
// a long prompt, or a reply's reasoning.
func (m *Model) foldSelected(e *entry) {
	switch {
	case e.toggleFold(): // a long prompt; relayoutAll renders it again
	case e.role == roleAssistant && !e.think.empty():
		e.toggleReasoning(m.renderCtx())
	default:
		m.footer.push("Nothing is folded on this message.", false)
		return
	}
	m.tr.relayoutAll()
	m.revealSelected()
}

// markSelected draws the selection's bar in the margin of the visible
// lines of the selected message (not its blank separator), and the copied
// code block's mark beside it on that block's rows: O(height).
func (m *Model) markSelected(lines []string) {
	e, i := m.selected()
	if e == nil {
		return
	}
	start, ok := m.tr.startOf(i)
	if !ok {
		return // not laid out, so not on screen
	}
	bar := m.styles.Selected.Render(selectedMark)
	code := bar + m.styles.Selected.Render(copiedMark)
	from, to := m.copiedRows(e)
	top := start - m.tr.offset
	for r := max(0, top); r < min(len(lines), top+len(e.lines)-1); r++ {
		if at := r - top; at >= from && at < to {
			lines[r] = code + ansi.TruncateLeft(lines[r], 2, "")
			continue
		}
		lines[r] = bar + ansi.TruncateLeft(lines[r], 1, "")
	}
}

// copiedRows returns the rows of e.lines that show the code block copied
// last, if e holds it (from == to when none). They are found once for a
// rendering of e (O(message), as a render is); a reply being written keeps
// them once they are in its stable head, which only grows, so they are
// looked for again each frame only while the block is in the stream's
// short unstable tail.
func (m *Model) copiedRows(e *entry) (from, to int) {
	s := &m.sel
	if s.copied == 0 || s.copiedOf != e {
		return 0, 0
	}
	c := &s.rows
	if c.e == e && c.block == s.copied && c.layout == e.layout && c.start == e.bodyStart &&
		(c.nLines == len(e.lines) || e.text.md != nil && c.to > c.from && c.to <= e.head) {
		return c.from, c.to
	}
	*c = codeMarkRows{e: e, block: s.copied, layout: e.layout, start: e.bodyStart, nLines: len(e.lines)}
	indent := 0
	if e.role == roleAssistant {
		indent = 4 // glamour's margin and the code block's
	}
	body := e.lines[e.bodyStart:max(e.bodyStart, e.bodyEnd)]
	if f, t, ok := codeRows(body, codeBlocks(e.shown()), s.copied-1, indent); ok {
		c.from, c.to = e.bodyStart+f, e.bodyStart+t
	}
	return c.from, c.to
}
