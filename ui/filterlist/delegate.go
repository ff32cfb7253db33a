package filterlist

import (
	"io"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The marks before a row's first line: a cursor for the highlighted row,
// so that it shows without colour too, and blanks of the same width for
// the others.
const (
	cursorMark = "› "
	rowIndent  = "  "
)

// Cursor returns the mark and the style for the first line of a row.
func (s Styles) Cursor(selected bool) (string, lipgloss.Style) {
	if selected {
		return cursorMark, s.Selected
	}
	return rowIndent, s.Item
}

func (m Model[T]) delegate() delegate[T] {
	return delegate[T]{height: m.cfg.RowHeight, render: m.cfg.Render, styles: m.cfg.Styles}
}

// delegate hands each visible item to the dialog's RenderFunc.
type delegate[T Item] struct {
	height int
	render RenderFunc[T]
	styles Styles
}

func (d delegate[T]) Height() int                         { return d.height }
func (d delegate[T]) Spacing() int                        { return 0 }
func (d delegate[T]) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d delegate[T]) Render(w io.Writer, m list.Model, index int, li list.Item) {
	it, ok := li.(T)
	if !ok {
		return
	}
	_, _ = io.WriteString(w, d.render(it, m.Width(), index == m.Index(), d.styles))
}
