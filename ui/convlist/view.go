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
func config(st filterlist.Styles, now func() time.Time) filterlist.Config[item] {
	return filterlist.Config[item]{
		Title:     title,
		Empty:     empty,
		MaxWidth:  maxWidth,
		MaxHeight: maxHeight,
		RowHeight: 2,
		Render:    renderRow(now),
		Keys:      DefaultKeyMap(),
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
// when highlighted, and a dim description measured against now.
func renderRow(now func() time.Time) filterlist.RenderFunc[item] {
	return func(it item, width int, selected bool, st filterlist.Styles) string {
		room := max(1, width-len(rowIndent))
		cursor, style := st.Cursor(selected)
		top := style.Render(cursor + ansi.Truncate(it.title, room, "…"))
		desc := ansi.Truncate(describe(it, now()), room, "…")
		return top + "\n" + rowIndent + st.Dim.Render(desc)
	}
}
