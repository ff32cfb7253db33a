package picker

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/sanitize"
)

// ActionKind says what the root should do after an Update.
type ActionKind int

// The actions a picker can ask for.
const (
	// ActionNone: nothing for the root to do; keep the dialog open.
	ActionNone ActionKind = iota
	// ActionChoose: switch to Action.Model and close the dialog.
	ActionChoose
	// ActionClose: close the dialog without a change.
	ActionClose
)

// Action is the result of an Update. Model is set for ActionChoose and is
// the id exactly as it was given to New or SetServerModels.
type Action struct {
	Kind  ActionKind
	Model string
}

// Model is the model menu's state. It is a value: Update returns the new
// state and the zero value is not usable; call New.
type Model struct {
	keys    KeyMap
	styles  Styles
	list    list.Model
	base    []string // models given to New, in order
	server  []string // models from the server, in order
	all     []item   // base then server, duplicates removed
	current string
	filter  string
	note    string
	width   int // outer size of the dialog, border included
	height  int
}

// New returns a menu listing models, with current marked and highlighted.
// If current is not among models it is added, so it can always be seen.
func New(models []string, current string, st Styles) Model {
	m := Model{
		keys:    DefaultKeyMap(),
		styles:  st,
		base:    models,
		current: current,
	}
	d := delegate{styles: st, current: current}
	m.list = list.New(nil, d, 0, 0)
	m.list.SetShowTitle(false)
	m.list.SetShowFilter(false)
	m.list.SetFilteringEnabled(false)
	m.list.SetShowStatusBar(false)
	m.list.SetShowPagination(false)
	m.list.SetShowHelp(false)
	m.list.DisableQuitKeybindings()
	m.SetSize(maxWidth, maxHeight)
	m.rebuild()
	m.selectID(current)
	return m
}

// SetServerModels adds the models the server reported after the built-in
// and configured ones, dropping duplicates. Calling it again replaces the
// earlier server list. The highlighted model stays highlighted. The note
// is left as it is; SetNote("") clears it.
func (m *Model) SetServerModels(ids []string) {
	hl, ok := m.selected()
	m.server = ids
	m.rebuild()
	if ok && m.selectID(hl.id) {
		return
	}
	m.selectDefault()
}

// SetNote shows a line such as "could not fetch server models: …" below
// the list; "" removes it. The text is made safe for the terminal.
func (m *Model) SetNote(note string) {
	m.note = sanitize.Line(note)
	m.layout()
}

// Update handles key presses and pastes, and returns what the root should
// do. It does no I/O and returns no command today; the tea.Cmd is there so
// that the signature can stay the same if it ever must.
func (m Model) Update(msg tea.Msg) (Model, Action, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		act := m.handleKey(msg)
		return m, act, nil
	case tea.PasteMsg:
		m.setFilter(appendFilter(m.filter, msg.Content))
	}
	return m, Action{}, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) Action {
	switch {
	case key.Matches(msg, m.keys.Choose):
		if it, ok := m.selected(); ok {
			return Action{Kind: ActionChoose, Model: it.id}
		}
	case key.Matches(msg, m.keys.Close):
		if m.filter == "" {
			return Action{Kind: ActionClose}
		}
		m.setFilter("")
	case key.Matches(msg, m.keys.Backspace):
		m.setFilter(dropLastRune(m.filter))
	case key.Matches(msg, m.keys.ClearFilter):
		m.setFilter("")
	default:
		if !m.move(msg) {
			if t := typedText(msg); t != "" {
				m.setFilter(appendFilter(m.filter, t))
			}
		}
	}
	return Action{}
}

// move handles the cursor keys and reports whether msg was one.
func (m *Model) move(msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.list.CursorUp()
	case key.Matches(msg, m.keys.Down):
		m.list.CursorDown()
	case key.Matches(msg, m.keys.PageUp):
		m.moveBy(-m.list.Paginator.PerPage)
	case key.Matches(msg, m.keys.PageDown):
		m.moveBy(m.list.Paginator.PerPage)
	case key.Matches(msg, m.keys.Top):
		m.list.GoToStart()
	case key.Matches(msg, m.keys.Bottom):
		m.list.GoToEnd()
	default:
		return false
	}
	return true
}

// moveBy moves the highlight by n rows, stopping at either end. Unlike the
// list's NextPage it also moves when everything fits on one page.
func (m *Model) moveBy(n int) {
	last := len(m.list.Items()) - 1
	if last < 0 {
		return
	}
	m.list.Select(min(max(m.list.Index()+n, 0), last))
}

// setFilter shows only the matching models. After a change the first match
// is highlighted, so typing part of a name and pressing Enter picks it;
// with the filter emptied the current model is highlighted again.
func (m *Model) setFilter(filter string) {
	if filter == m.filter {
		return
	}
	m.filter = filter
	m.refilter()
	m.selectDefault()
}

// rebuild merges the base and server models, keeping the first occurrence
// of each id, and applies the filter.
func (m *Model) rebuild() {
	seen := make(map[string]bool, len(m.base)+len(m.server)+1)
	all := make([]item, 0, len(m.base)+len(m.server)+1)
	add := func(id string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		all = append(all, newItem(id))
	}
	for _, id := range m.base {
		add(id)
	}
	add(m.current)
	for _, id := range m.server {
		add(id)
	}
	m.all = all
	m.refilter()
}

// refilter hands the list the items that match the filter; the list's own
// filtering is off so that typing needs no "/" first.
func (m *Model) refilter() {
	terms := filterTerms(m.filter)
	visible := make([]list.Item, 0, len(m.all))
	for _, it := range m.all {
		if it.matches(terms) {
			visible = append(visible, it)
		}
	}
	m.list.SetItems(visible)
}

func (m *Model) selectDefault() {
	if m.filter == "" && m.selectID(m.current) {
		return
	}
	m.list.Select(0)
}

// selectID highlights the visible item with the given id and reports
// whether there was one.
func (m *Model) selectID(id string) bool {
	for i, li := range m.list.Items() {
		if li.(item).id == id {
			m.list.Select(i)
			return true
		}
	}
	return false
}

func (m Model) selected() (item, bool) {
	it, ok := m.list.SelectedItem().(item)
	return it, ok
}
