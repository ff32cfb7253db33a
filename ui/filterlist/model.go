package filterlist

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"

	"github.com/lockchat/lockchat/client/sanitize"
)

// Item is one entry of a list.
type Item interface {
	// FilterValue is the text the filter is matched against, already made
	// safe for the terminal. It is read once, when the items are set.
	FilterValue() string
	// ID identifies the item: Action.ID carries it, and the highlight
	// follows it when the items are replaced.
	ID() string
}

// RenderFunc draws one item in width columns with the dialog's styles;
// selected says whether it is the highlighted one. It returns
// Config.RowHeight lines.
type RenderFunc[T Item] func(it T, width int, selected bool, st Styles) string

// Config is what a dialog shows around its items and how it draws them.
type Config[T Item] struct {
	// Title is the dialog's heading. The last line is a hint made from
	// Keys, so it names the keys as they are bound.
	Title string
	// Empty returns the line shown when no row is visible, given the filter
	// and how many items there are in all.
	Empty func(filter string, total int) string
	// MaxWidth and MaxHeight bound the dialog's outer size.
	MaxWidth  int
	MaxHeight int
	// RowHeight is how many lines Render draws for each item.
	RowHeight int
	// Render draws an item.
	Render RenderFunc[T]
	// Default is the ID highlighted while the filter is empty, unless a
	// highlighted item is kept; when it is "" or not listed the first row
	// is highlighted.
	Default string
	// Keys and Styles are the bindings and the looks.
	Keys   KeyMap
	Styles Styles
	// Typing says what typing does, first in the hint; "" is "type to
	// filter".
	Typing string
	// Extra are bindings the owner handles itself, such as rename and
	// delete; the hint names them after Choose and before Close.
	Extra []key.Binding
	// Remote says that the owner finds the items for the filter, as a
	// search does: they are shown as given with the first highlighted,
	// and the filter line shows no count.
	Remote bool
}

// entry is an item with its filter text lower-cased once, so that
// filtering is cheap.
type entry[T Item] struct {
	item T
	fold string
}

// Model is a dialog's state; Update changes it in place. The zero value is
// not usable; call New. A dialog built on it embeds it, which gives it
// Update, View, SetSize, SetNote and SetStyles.
type Model[T Item] struct {
	cfg    Config[T]
	list   list.Model
	all    []entry[T]
	filter string
	note   string
	hint   string // replaces the keys' hint while set
	width  int    // outer size of the dialog, border included
	height int
}

// New returns an empty dialog sized for a terminal of cfg's largest size.
func New[T Item](cfg Config[T]) Model[T] {
	m := Model[T]{cfg: cfg}
	m.list = list.New(nil, m.delegate(), 0, 0)
	m.list.SetShowTitle(false)
	m.list.SetShowFilter(false)
	m.list.SetFilteringEnabled(false)
	m.list.SetShowStatusBar(false)
	m.list.SetShowPagination(false)
	m.list.SetShowHelp(false)
	m.list.DisableQuitKeybindings()
	m.SetSize(cfg.MaxWidth, cfg.MaxHeight)
	return m
}

// SetItems replaces the items, in the order shown, keeping the filter and,
// if it is still listed, the highlighted item; otherwise (and always for
// a Remote dialog, whose new items answer a new filter) the default one
// is highlighted.
func (m *Model[T]) SetItems(items []T) {
	hl, ok := m.Selected()
	all := make([]entry[T], 0, len(items))
	for _, it := range items {
		all = append(all, newEntry(it))
	}
	m.all = all
	m.refilter()
	if ok && !m.cfg.Remote && m.selectID(hl.ID()) {
		return
	}
	m.selectDefault()
}

func newEntry[T Item](it T) entry[T] {
	return entry[T]{item: it, fold: strings.ToLower(it.FilterValue())}
}

// Replace puts it in the place of the item with the same ID, as after a
// rename, and reports whether there was one. The highlight stays where it
// is when the item still matches the filter.
func (m *Model[T]) Replace(it T) bool {
	for i, e := range m.all {
		if e.item.ID() == it.ID() {
			all := slices.Clone(m.all) // a copy of the dialog may share the array
			all[i] = newEntry(it)
			m.all = all
			m.refilterKeeping(m.list.Index())
			return true
		}
	}
	return false
}

// Remove drops the item with id, as after a delete, and reports whether
// there was one. The highlight stays on the same row, which now shows
// the next item (or the last, when the removed one was last).
func (m *Model[T]) Remove(id string) bool {
	for i, e := range m.all {
		if e.item.ID() == id {
			m.all = append(m.all[:i:i], m.all[i+1:]...)
			m.refilterKeeping(m.list.Index())
			return true
		}
	}
	return false
}

// refilterKeeping filters again and highlights row index, or the last row.
func (m *Model[T]) refilterKeeping(index int) {
	m.refilter()
	if n := len(m.list.Items()); n > 0 {
		m.list.Select(min(index, n-1))
	}
}

// Items returns every item, whether the filter shows it or not.
func (m Model[T]) Items() []T {
	items := make([]T, 0, len(m.all))
	for _, e := range m.all {
		items = append(items, e.item)
	}
	return items
}

// Filter returns what the user has typed.
func (m Model[T]) Filter() string { return m.filter }

// SetRender changes how items are drawn, for when what a row shows
// depends on something other than the item, such as the time.
func (m *Model[T]) SetRender(render RenderFunc[T]) {
	m.cfg.Render = render
	m.list.SetDelegate(m.delegate())
}

// SetStyles restyles the dialog, for a terminal whose background turned
// out to be the other one.
func (m *Model[T]) SetStyles(st Styles) {
	m.cfg.Styles = st
	m.list.SetDelegate(m.delegate())
	m.layout()
}

// SetExtra changes the owner's keys the hint names, for when they are
// turned on or off after the dialog was made.
func (m *Model[T]) SetExtra(extra []key.Binding) {
	m.cfg.Extra = extra
	m.layout()
}

// SetHint replaces the hint line, such as while the owner asks for a
// confirmation; "" gives back the hint the keys make.
func (m *Model[T]) SetHint(hint string) {
	m.hint = sanitize.Line(hint)
	m.layout()
}

// SetNote shows a line such as "could not fetch …" below the list; ""
// removes it. The text is made safe for the terminal.
func (m *Model[T]) SetNote(note string) {
	m.note = sanitize.Line(note)
	m.layout()
}

// setFilter shows only the matching items. After a change the first match
// is highlighted, so typing part of a name and pressing Enter picks it;
// with the filter emptied the default item is highlighted again.
func (m *Model[T]) setFilter(filter string) {
	if filter == m.filter {
		return
	}
	m.filter = filter
	m.refilter()
	m.selectDefault()
}

// refilter hands the list the items that match the filter; the list's own
// filtering is off so that typing needs no "/" first.
func (m *Model[T]) refilter() {
	terms := filterTerms(m.filter)
	visible := make([]list.Item, 0, len(m.all))
	for _, e := range m.all {
		if m.cfg.Remote || matches(e.fold, terms) {
			visible = append(visible, e.item)
		}
	}
	m.list.SetItems(visible)
}

func (m *Model[T]) selectDefault() {
	if m.filter == "" && m.cfg.Default != "" && m.selectID(m.cfg.Default) {
		return
	}
	m.list.Select(0)
}

// selectID highlights the visible item with the given id and reports
// whether there was one.
func (m *Model[T]) selectID(id string) bool {
	for i, li := range m.list.Items() {
		if li.(T).ID() == id {
			m.list.Select(i)
			return true
		}
	}
	return false
}

// Selected returns the highlighted item, if any row is shown.
func (m Model[T]) Selected() (T, bool) {
	it, ok := m.list.SelectedItem().(T)
	return it, ok
}
