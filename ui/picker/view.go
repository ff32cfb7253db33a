package picker

import (
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The dialog's largest and smallest sizes, and the margin it keeps from
// the terminal's edges when the terminal is not much larger than it.
const (
	maxWidth  = 60
	maxHeight = 20
	minWidth  = 24
	minHeight = 8
	marginX   = 2
	marginY   = 1
)

// hint is the dialog's last line. It is fixed text rather than the help
// component's output so that it reads the same in every dialog.
const hint = "type to filter · ↑/↓ move · enter choose · esc close"

// SetSize tells the dialog the terminal's size; the dialog picks its own
// size from it and the root centres the result.
func (m *Model) SetSize(width, height int) {
	m.width = dialogSize(width, maxWidth, minWidth, marginX)
	m.height = dialogSize(height, maxHeight, minHeight, marginY)
	m.layout()
}

// dialogSize fits a dialog dimension into a terminal dimension: at most
// most, keeping a margin on both sides, but never smaller than least unless
// the terminal itself is.
func dialogSize(term, most, least, margin int) int {
	return max(min(most, term-2*margin), min(term, least), 1)
}

// fixedRows is the title, the filter line and the hint.
const fixedRows = 3

// layout sizes the list to what the frame, the fixed rows and the note
// leave of the dialog.
func (m *Model) layout() {
	rows := m.innerHeight() - fixedRows
	if m.note != "" {
		rows--
	}
	m.list.SetSize(m.innerWidth(), max(1, rows))
}

func (m Model) innerWidth() int {
	return max(1, m.width-m.styles.Dialog.GetHorizontalFrameSize())
}

func (m Model) innerHeight() int {
	return max(1, m.height-m.styles.Dialog.GetVerticalFrameSize())
}

// View renders the dialog box: title, filter, models, note and hint.
func (m Model) View() string {
	w := m.innerWidth()
	lines := []string{
		m.styles.Title.Render(ansi.Truncate("Models", w, "…")),
		m.filterLine(w),
		m.listView(),
	}
	if m.note != "" {
		lines = append(lines, m.styles.Note.Render(ansi.Truncate(m.note, w, "…")))
	}
	lines = append(lines, m.styles.Dim.Render(ansi.Truncate(hint, w, "…")))
	body := lipgloss.NewStyle().Width(w).Render(strings.Join(lines, "\n"))
	return m.styles.Dialog.Render(body)
}

// filterLine shows the filter with a cursor, and how many models match.
// A long filter shows its end, where the typing happens.
func (m Model) filterLine(w int) string {
	count := fmt.Sprintf("%d/%d", len(m.list.Items()), len(m.all))
	room := max(1, w-ansi.StringWidth(count)-1)
	field := "> " + m.filter + "▏"
	if over := ansi.StringWidth(field) - room; over > 0 {
		field = "> …" + ansi.TruncateLeft(m.filter, over+1, "") + "▏"
		field = ansi.Truncate(field, room, "")
	}
	gap := max(1, w-ansi.StringWidth(field)-ansi.StringWidth(count))
	return field + strings.Repeat(" ", gap) + m.styles.Dim.Render(count)
}

// listView is the list, or a line saying that nothing matches; either way
// it fills the list's rows so the dialog keeps its height while typing.
func (m Model) listView() string {
	if len(m.list.Items()) > 0 {
		return m.list.View()
	}
	msg := "No models."
	if m.filter != "" {
		msg = "No models match the filter."
	}
	msg = ansi.Truncate(msg, m.innerWidth(), "…")
	return lipgloss.NewStyle().Height(m.list.Height()).Render(m.styles.Dim.Render(msg))
}

// delegate draws one model per row: a cursor for the highlighted row, so it
// shows without colour too, and a dot for the current model.
type delegate struct {
	styles  Styles
	current string
}

func (d delegate) Height() int                         { return 1 }
func (d delegate) Spacing() int                        { return 0 }
func (d delegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d delegate) Render(w io.Writer, m list.Model, index int, li list.Item) {
	it, ok := li.(item)
	if !ok {
		return
	}
	cursor, style := "  ", d.styles.Item
	if index == m.Index() {
		cursor, style = "› ", d.styles.Selected
	}
	mark := "  "
	if it.id == d.current {
		mark = "● "
	}
	label := ansi.Truncate(it.label, max(1, m.Width()-4), "…")
	_, _ = io.WriteString(w, style.Render(cursor+mark+label))
}
