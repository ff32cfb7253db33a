package ui

import (
	"fmt"
	"path/filepath"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/session"
)

// branches holds every message of the conversation, on the branch shown
// or not, by parent: the transcript shows one root-to-leaf path of it.
type branches struct {
	kids map[string][]*entry // by parent ID, oldest first
}

// add files e under its parent.
func (b *branches) add(e *entry) {
	if e.id == "" {
		return // the system prompt's entry is no message
	}
	if b.kids == nil {
		b.kids = map[string][]*entry{}
	}
	b.kids[e.parent] = append(b.kids[e.parent], e)
}

// siblings are the messages that share e's parent, e included.
func (b *branches) siblings(e *entry) []*entry { return b.kids[e.parent] }

// below is the path from e down to its newest leaf (as Tree.NewestLeaf
// finds it), e first.
func (b *branches) below(e *entry) []*entry {
	path := []*entry{e}
	for kids := b.kids[e.id]; len(kids) > 0; kids = b.kids[path[len(path)-1].id] {
		path = append(path, kids[len(kids)-1])
	}
	return path
}

// branchMark is the label's "‹ 2/3 ›" for a message with siblings.
func (b *branches) branchMark(e *entry) string {
	sibs := b.siblings(e)
	if len(sibs) < 2 {
		return ""
	}
	for i, s := range sibs {
		if s == e {
			return fmt.Sprintf("‹ %d/%d ›", i+1, len(sibs))
		}
	}
	return ""
}

// cutAfter drops the transcript's entries after index i (all of them for
// -1): the branch shown is about to change below it.
func (m *Model) cutAfter(i int) {
	m.tr.truncate(i + 1)
}

// showBranch shows path after the transcript's entry at index i, each
// message rendered now (one off the branch shown may have missed a resize).
func (m *Model) showBranch(i int, path []*entry) {
	m.cutAfter(i)
	rc := m.renderCtx()
	for _, e := range path {
		e.branch = m.tree.branchMark(e)
		e.render(rc)
		m.tr.append(e)
	}
}

// saveLeaf records the branch shown, so that resuming shows it.
func (m *Model) saveLeaf() {
	if !m.convSaved || len(m.tr.entries) == 0 {
		return
	}
	id, leaf := m.conv.ID, m.tr.lastID()
	m.queue(func(j Journal) session.Notice {
		return j.UpdateConversation(id, session.ConversationUpdate{LeafID: &leaf})
	})
}

// switchBranch shows the sibling d places from the selected message, and
// the newest branch under it. A reply streaming goes on: on a branch left,
// into its entry and the store unseen; shown again, with all it received.
func (m *Model) switchBranch(d int) tea.Cmd {
	e, i := m.selected()
	sibs := m.tree.siblings(e)
	if len(sibs) < 2 {
		m.footer.push("This message has no other branch.", false)
		return nil
	}
	at := 0
	for k, s := range sibs {
		if s == e {
			at = k
		}
	}
	next := sibs[(at+d+len(sibs))%len(sibs)]
	m.showBranch(i-1, m.tree.below(next))
	m.selectAt(next, i)
	m.revealSelected()
	m.keepEditShown()
	m.saveLeaf()
	return m.persist()
}

// keepEditShown ends an edit whose prompt is no longer shown (another
// branch is, or it was deleted): its text stays in the input, to be sent
// as a new prompt, and the status row no longer promises a branch.
func (m *Model) keepEditShown() {
	if m.editing == nil {
		return
	}
	for _, e := range m.tr.entries {
		if e == m.editing {
			return
		}
	}
	m.editing = nil
}

// regenerate asks again for the selected reply, with the current model,
// as a new branch beside it. A reply still streaming is stopped first,
// and kept.
func (m *Model) regenerate() tea.Cmd {
	e, i := m.selected()
	if e.role != roleAssistant || i == 0 {
		m.footer.push("Regenerate works on a reply; this is a prompt (e edits it).", false)
		return nil
	}
	if m.stream.active && m.stream.entry != e { // stopped out of sight: say so
		m.footer.push("Stopped the reply that was streaming; it is kept on its branch.", false)
	}
	stop := m.stop()
	m.cutAfter(i - 1)
	m.ensureRenderer()
	reply := &entry{id: session.NewID(), parent: e.parent, role: roleAssistant, model: m.model,
		created: m.opts.Now(), status: session.StatusStreaming}
	reply.streaming(m.renderer)
	m.addEntry(reply)
	m.selectAt(reply, len(m.tr.entries)-1)
	m.revealSelected()
	return tea.Batch(stop, m.startReply(reply), m.persist())
}

// editPrompt puts the selected prompt's text in the input, to be sent as
// a new branch beside it.
func (m *Model) editPrompt() tea.Cmd {
	e, _ := m.selected()
	if e.role != roleUser {
		m.footer.push("Edit works on a prompt; this is a reply (r regenerates it).", false)
		return nil
	}
	if m.editing == nil { // a second edit keeps the first's unsent text
		m.unsent = unsentInput{text: m.input.Value(), pastes: m.pastes, files: m.attach.pending}
	}
	m.input.Reset()
	m.pastes = pastes{}
	m.setInput(e.text.String())
	m.attach.pending = attachedBeside(e)
	m.editing = e
	cmd := m.leaveSelect()
	m.layout()
	return cmd
}

// branchFromEdit, as an edited prompt is sent, cuts the transcript back
// to the edited prompt's parent, so the prompt goes in beside it.
func (m *Model) branchFromEdit() {
	e := m.editing
	m.editing = nil
	if e == nil {
		return
	}
	for i, x := range m.tr.entries {
		if x == e {
			m.cutAfter(i - 1)
			return
		}
	}
}

// cancelEdit forgets the prompt being edited and gives the input back
// what it held before the edit.
func (m *Model) cancelEdit() {
	m.editing = nil
	m.input.Reset()
	m.pastes = pastes{}
	m.restoreUnsent()
	m.layout()
}

// unsentInput is the input's text, long pastes as placeholders, with the
// pastes they stand for and the files attached to go with it.
type unsentInput struct {
	text   string
	pastes pastes
	files  []session.Attachment
}

// restoreUnsent puts the text the input held before an edit back in the
// input, which the caller has emptied, and the files attached to it.
func (m *Model) restoreUnsent() {
	u := m.unsent
	m.unsent = unsentInput{}
	m.attach.pending = u.files
	if u.text == "" {
		return
	}
	m.pastes = u.pastes
	m.setInput(u.text)
}

// attachedBeside is the files sent with prompt e that its @path tokens
// do not name (those attached with -a): an edit sends them again, and
// the tokens' files are read again from disk.
func attachedBeside(e *entry) []session.Attachment {
	named := map[string]bool{}
	for _, p := range atPaths(e.text.String()) {
		named[filepath.Base(p)] = true
	}
	var out []session.Attachment
	for _, a := range e.attachments {
		if !named[a.Name] {
			out = append(out, a)
		}
	}
	return out
}

// showLoaded files every message of a conversation just opened and shows
// the branch in use (LeafID). Messages off that branch are rendered when
// a switch shows them.
func (m *Model) showLoaded(msg loadedMsg) {
	m.tree, m.editing, m.unsent = branches{}, nil, unsentInput{}
	byID := make(map[string]*entry, len(msg.msgs))
	for _, sm := range msg.msgs {
		e := savedEntry(sm)
		byID[e.id] = e
		m.tree.add(e)
	}
	tree := session.NewTree(msg.msgs)
	path := tree.Path(msg.conv.LeafID)
	if msg.focus != "" && !slices.ContainsFunc(path, func(sm session.Message) bool { return sm.ID == msg.focus }) {
		if leaf := tree.NewestLeaf(msg.focus); leaf != "" { // a search opened it at a message off that branch
			path = tree.Path(leaf)
		}
	}
	entries := make([]*entry, len(path))
	for i, sm := range path {
		e := byID[sm.ID]
		e.branch = m.tree.branchMark(e)
		entries[i] = e
	}
	m.tr.load(entries) // rendered as the view reaches them, newest first
}
