package convlist

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
)

// ActionKind says what the root should do after an Update.
type ActionKind int

// The actions the list can ask for.
const (
	// ActionNone: nothing for the root to do; keep the dialog open.
	ActionNone ActionKind = iota
	// ActionOpen: load the conversation Action.ID and close the dialog.
	ActionOpen
	// ActionClose: close the dialog without a change.
	ActionClose
)

// Action is the result of an Update. ID is set for ActionOpen.
type Action struct {
	Kind ActionKind
	ID   string
}

// Model is the conversation list's state. It is a value: Update returns the
// new state and the zero value is not usable; call New.
type Model struct {
	keys   KeyMap
	styles Styles
	list   list.Model
	all    []item
	filter string
	note   string
	now    func() time.Time
	width  int // outer size of the dialog, border included
	height int
}

// New returns a list of convs, in the order given (the store lists the
// newest first), with the first highlighted.
func New(convs []session.Conversation, st Styles) Model {
	m := Model{keys: DefaultKeyMap(), styles: st, now: time.Now}
	m.list = list.New(nil, m.delegate(), 0, 0)
	m.list.SetShowTitle(false)
	m.list.SetShowFilter(false)
	m.list.SetFilteringEnabled(false)
	m.list.SetShowStatusBar(false)
	m.list.SetShowPagination(false)
	m.list.SetShowHelp(false)
	m.list.DisableQuitKeybindings()
	m.SetSize(maxWidth, maxHeight)
	m.SetItems(convs)
	return m
}

// SetNow sets the clock that relative dates ("5m ago") are measured
// against; tests pass a fixed one. It defaults to time.Now.
func (m *Model) SetNow(now func() time.Time) {
	m.now = now
	m.list.SetDelegate(m.delegate())
}

// SetItems replaces the conversations, keeping the filter and, if it is
// still listed, the highlighted conversation.
func (m *Model) SetItems(convs []session.Conversation) {
	hl, ok := m.selected()
	all := make([]item, 0, len(convs))
	for _, c := range convs {
		all = append(all, newItem(c))
	}
	m.all = all
	m.refilter()
	if !ok || !m.selectID(hl.id) {
		m.list.Select(0)
	}
}

// SetNote shows a line such as "could not load conversations: …" below
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
			return Action{Kind: ActionOpen, ID: it.id}
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

// setFilter shows only the matching conversations and highlights the first
// (newest) of them, so typing part of a title and pressing Enter opens it.
func (m *Model) setFilter(filter string) {
	if filter == m.filter {
		return
	}
	m.filter = filter
	m.refilter()
	m.list.Select(0)
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

// selectID highlights the visible conversation with the given id and
// reports whether there was one.
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
