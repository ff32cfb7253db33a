package picker

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/ui/filterlist"
)

// The dialog's largest size.
const (
	maxWidth  = 60
	maxHeight = 20
)

// config is the menu's dialog: one model per row, with current marked and
// highlighted while the filter is empty.
func config(current string, st filterlist.Styles) filterlist.Config[item] {
	return filterlist.Config[item]{
		Title:     "Models",
		Empty:     emptyText,
		MaxWidth:  maxWidth,
		MaxHeight: maxHeight,
		RowHeight: 1,
		Render:    renderRow(current),
		Default:   current,
		Keys:      DefaultKeyMap(),
		Styles:    st,
	}
}

// emptyText is the line shown when no model is listed.
func emptyText(filter string, _ int) string {
	if filter != "" {
		return "No models match the filter."
	}
	return "No models."
}

// renderRow draws one model per row, with a dot for the current one.
func renderRow(current string) filterlist.RenderFunc[item] {
	return func(it item, width int, selected bool, st filterlist.Styles) string {
		cursor, style := st.Cursor(selected)
		mark := "  "
		if it.id == current {
			mark = "● "
		}
		label := ansi.Truncate(it.label, max(1, width-4), "…")
		return style.Render(cursor + mark + label)
	}
}
