package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// askDelete asks to confirm deleting the selected message and everything
// under it; the next key answers. A reply streaming among them would be
// stopped first, and the question says so.
func (m *Model) askDelete(e *entry) {
	sub := m.tree.subtree(e)
	n := len(sub) - 1
	what := "this message"
	if n > 0 {
		what = fmt.Sprintf("this message and the %s below it, on every branch", plural(n, "message"))
	}
	if m.streamingIn(sub) {
		what += " (the reply streaming there is stopped first)"
	}
	m.sel.deleting = e
	m.footer.push("Delete "+what+"? y deletes; any other key keeps it.", true)
	m.sel.asked, m.sel.question = m.footer.seq, m.footer.text
	m.layout() // it may wrap to more rows on a narrow terminal
}

// streamingIn reports whether the reply being written is one of msgs.
func (m *Model) streamingIn(msgs []*entry) bool {
	if !m.stream.active {
		return false
	}
	for _, x := range msgs {
		if x == m.stream.entry {
			return true
		}
	}
	return false
}

// confirmDelete deletes d when msg is y; any other key keeps it.
func (m *Model) confirmDelete(d *entry, msg tea.KeyPressMsg) tea.Cmd {
	m.footer.clear()
	if msg.Text != "y" {
		m.footer.push("Kept.", false)
		return nil
	}
	e, i := m.selected()
	if e != d {
		return nil
	}
	var stop tea.Cmd
	done := "Deleted."
	if m.streamingIn(m.tree.subtree(d)) {
		stop = m.stop() // saved as stopped before it is deleted
		done = "Stopped the reply and deleted."
	}
	m.tree.remove(d)
	m.cutAfter(i - 1)
	if sibs := m.tree.kids[d.parent]; len(sibs) > 0 {
		m.showBranch(i-1, m.tree.below(sibs[len(sibs)-1]))
	}
	m.reselect(i)
	m.keepEditShown()
	if m.convSaved && d.id != "" {
		id := d.id
		m.queue(func(j Journal) session.Notice { return j.DeleteMessage(id) })
		m.saveLeaf()
	}
	m.footer.push(done, false)
	return tea.Batch(stop, m.persist())
}

// reselect selects the message now at index i, or the one above it; with
// none left, select mode ends.
func (m *Model) reselect(i int) {
	for j := min(i, len(m.tr.entries)-1); j >= 0; j-- {
		if e := m.tr.entries[j]; e.role != roleSystem {
			m.selectAt(e, j)
			m.revealSelected()
			return
		}
	}
	m.leaveSelect()
}

// subtree is e and every message under it, on any branch.
func (b *branches) subtree(e *entry) []*entry {
	out := []*entry{e}
	for k := 0; k < len(out); k++ {
		out = append(out, b.kids[out[k].id]...)
	}
	return out
}

// remove forgets e and everything under it.
func (b *branches) remove(e *entry) {
	for _, x := range b.subtree(e) {
		delete(b.kids, x.id)
	}
	sibs := b.kids[e.parent]
	for k, s := range sibs {
		if s == e {
			b.kids[e.parent] = append(sibs[:k:k], sibs[k+1:]...)
			break
		}
	}
}
