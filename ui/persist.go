package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// storeOp is one write. It closes over copies of its arguments, so the
// command that applies it shares nothing with Update.
type storeOp func(Journal) session.Notice

// storeState orders writes: one command at a time applies a batch, so
// deltas reach the store in the order they arrived.
type storeState struct {
	queue []storeOp
	busy  bool
}

// persistedMsg reports a batch applied, with the store's notices.
type persistedMsg struct{ notices []session.Notice }

// queue adds a write; persist sends it.
func (m *Model) queue(op storeOp) {
	if m.opts.Journal != nil {
		m.store.queue = append(m.store.queue, op)
	}
}

// persist starts applying the queued writes unless a batch is in flight.
func (m *Model) persist() tea.Cmd {
	if m.store.busy || len(m.store.queue) == 0 || m.opts.Journal == nil {
		return nil
	}
	ops := m.store.queue
	m.store.queue, m.store.busy = nil, true
	return applyOps(m.opts.Journal, ops)
}

// applyOps writes a batch in order. The journal keeps what it cannot save
// in memory and retries; its notices say so once.
func applyOps(j Journal, ops []storeOp) tea.Cmd {
	return func() tea.Msg {
		var notes []session.Notice
		for _, op := range ops {
			if n := op(j); !n.IsZero() {
				notes = append(notes, n)
			}
		}
		return persistedMsg{notices: notes}
	}
}

// handlePersisted shows notices and sends the next batch; when quitting,
// it quits once nothing is left to save.
func (m *Model) handlePersisted(msg persistedMsg) (tea.Cmd, change) {
	m.store.busy = false
	ch := unchanged
	for _, n := range msg.notices {
		m.footer.push(n.Text, n.Level == session.LevelWarning)
		ch = screenChanged
	}
	if m.quitting {
		return m.quitWhenSaved(), ch
	}
	return m.persist(), ch
}

// quitWhenSaved quits now if every write is done, else after the batch in
// flight (handlePersisted calls it again).
func (m *Model) quitWhenSaved() tea.Cmd {
	if cmd := m.persist(); cmd != nil {
		return cmd
	}
	if m.store.busy {
		return nil
	}
	return m.quit()
}
