package convlist

import (
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/ui/filterlist"
)

// The dialog's largest size. It is wider than the model menu because
// titles are longer than model names.
const (
	maxWidth  = 76
	maxHeight = 22
)

// Fixed text.
const (
	title     = "Conversations"
	emptyText = "No saved conversations yet."
	noMatch   = "No conversations match the filter."
	rowIndent = "  "
)

// config is the list's dialog: two rows a conversation, the newest first
// highlighted.
func config(st filterlist.Styles, keys KeyMap, now func() time.Time) filterlist.Config[item] {
	return filterlist.Config[item]{
		Title:     title,
		Empty:     empty,
		MaxWidth:  maxWidth,
		MaxHeight: maxHeight,
		RowHeight: 2,
		Render:    renderRow(now, edit{}),
		Keys:      keys.KeyMap,
		Extra:     keys.extra(),
		Styles:    st,
	}
}

// empty is the line shown when no conversation is listed.
func empty(_ string, total int) string {
	if total > 0 {
		return noMatch
	}
	return emptyText
}

// renderRow draws a conversation on two rows: the title, with a cursor
// when highlighted, and a dim description measured against now. The
// conversation being renamed shows the new title as typed instead.
func renderRow(now func() time.Time, ed edit) filterlist.RenderFunc[item] {
	return func(it item, width int, selected bool, st filterlist.Styles) string {
		room := max(1, width-len(rowIndent))
		cursor, style := st.Cursor(selected)
		top := style.Render(cursor + ansi.Truncate(it.title, room, "…"))
		if ed.kind == editRename && ed.id == it.id {
			top = style.Render(cursor) + field(ed.text, room)
		}
		desc := ansi.Truncate(describe(it, now()), room, "…")
		return top + "\n" + rowIndent + st.Dim.Render(desc)
	}
}

// field is text being typed, with a cursor at its end, in room cells: a
// long text shows its end, where the typing happens.
func field(text string, room int) string {
	f := text + "▏"
	if over := ansi.StringWidth(f) - room; over > 0 {
		f = "…" + ansi.TruncateLeft(f, over+1, "")
	}
	return f
}
