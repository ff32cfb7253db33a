package convlist

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/ui/filterlist"
)

// maxTitleRunes bounds a title typed or pasted in the dialog.
const maxTitleRunes = 200

// editKind is what the dialog is in the middle of, if anything.
type editKind int

const (
	editNone editKind = iota
	editRename
	editDelete
)

// edit is a rename or a delete under way on one conversation: the keys
// go to it rather than to the filter until it ends.
type edit struct {
	kind  editKind
	id    string
	title string // the title as listed
	text  string // the new title, as typed so far
}

// startEdit begins a rename or a delete of the highlighted conversation.
func (m *Model) startEdit(kind editKind) {
	it, ok := m.Selected()
	if !ok {
		return
	}
	m.edit = edit{kind: kind, id: it.id, title: it.title, text: it.title}
	k := m.keys
	if kind == editRename {
		if it.title == untitled {
			m.edit.text = ""
		}
		m.SetHint(hint(k.Choose, "save", k.Close, "cancel"))
	} else {
		m.SetNote("Delete “" + it.title + "”? " + k.Yes.Help().Key + "/" + k.No.Help().Key)
		m.SetHint(hint(k.Yes, "delete", k.No, "keep"))
	}
	m.redraw()
}

// hint names two keys as they are bound: "enter save · esc cancel".
func hint(a key.Binding, aWords string, b key.Binding, bWords string) string {
	return a.Help().Key + " " + aWords + " · " + b.Help().Key + " " + bWords
}

// endEdit goes back to filtering.
func (m *Model) endEdit() {
	m.edit = edit{}
	m.SetNote("")
	m.SetHint("")
	m.redraw()
}

// updateRename edits the new title: Enter saves it, Esc keeps the old one.
func (m *Model) updateRename(msg tea.Msg) Action {
	k := m.keys
	switch msg := msg.(type) {
	case tea.PasteMsg:
		m.typeTitle(msg.Content)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Choose):
			return m.saveTitle()
		case key.Matches(msg, k.Close):
			m.endEdit()
		case key.Matches(msg, k.Backspace):
			_, size := utf8.DecodeLastRuneInString(m.edit.text)
			m.edit.text = m.edit.text[:len(m.edit.text)-size]
			m.redraw()
		case key.Matches(msg, k.ClearFilter):
			m.edit.text = ""
			m.redraw()
		default:
			m.typeTitle(filterlist.TypedText(msg))
		}
	}
	return Action{}
}

// typeTitle adds text to the new title, made safe to show and capped.
func (m *Model) typeTitle(text string) {
	if text == "" {
		return
	}
	t := m.edit.text + sanitize.Line(text)
	if utf8.RuneCountInString(t) > maxTitleRunes {
		t = string([]rune(t)[:maxTitleRunes])
	}
	m.edit.text = t
	m.redraw()
}

// saveTitle shows the new title and asks the owner to store it; an empty
// one is refused with a note, and an unchanged one just ends the edit.
func (m *Model) saveTitle() Action {
	title := strings.TrimSpace(m.edit.text)
	if title == "" {
		m.SetNote("A title needs at least one word.")
		return Action{}
	}
	id, old := m.edit.id, m.edit.title
	m.endEdit()
	if title == old {
		return Action{}
	}
	for _, it := range m.Items() {
		if it.id == id {
			it.title = title
			m.Replace(it)
		}
	}
	return Action{Kind: ActionRename, ID: id, Title: title}
}

// updateDelete waits for the answer to "Delete …? y/n".
func (m *Model) updateDelete(msg tea.Msg) Action {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, m.keys.Yes):
		id, title := m.edit.id, m.edit.title
		m.endEdit()
		m.Remove(id)
		return Action{Kind: ActionDelete, ID: id, Title: title}
	case key.Matches(k, m.keys.No):
		m.endEdit()
	}
	return Action{}
}
