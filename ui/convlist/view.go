package convlist

import (
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The dialog's largest and smallest sizes, and the margin it keeps from
// the terminal's edges when the terminal is not much larger than it. It is
// wider than the model menu because titles are longer than model names.
const (
	maxWidth  = 76
	maxHeight = 22
	minWidth  = 24
	minHeight = 8
	marginX   = 2
	marginY   = 1
)

// Fixed text. The hint is written out rather than taken from the help
// component so that it reads like the model menu's.
const (
	title      = "Conversations"
	hint       = "type to filter · ↑/↓ move · enter open · esc close"
	emptyText  = "No saved conversations yet."
	noMatch    = "No conversations match the filter."
	fixedRows  = 3 // the title, the filter line and the hint
	rowIndent  = "  "
	cursorMark = "› "
)

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

// View renders the dialog box: title, filter, conversations, note and hint.
func (m Model) View() string {
	w := m.innerWidth()
	lines := []string{
		m.styles.Title.Render(ansi.Truncate(title, w, "…")),
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

// filterLine shows the filter with a cursor, and how many conversations
// match. A long filter shows its end, where the typing happens.
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

// listView is the list, or a line saying why it is empty; either way it
// fills the list's rows so the dialog keeps its height while typing.
func (m Model) listView() string {
	if len(m.list.Items()) > 0 {
		return m.list.View()
	}
	msg := emptyText
	if len(m.all) > 0 {
		msg = noMatch
	}
	msg = ansi.Truncate(msg, m.innerWidth(), "…")
	return lipgloss.NewStyle().Height(m.list.Height()).Render(m.styles.Dim.Render(msg))
}

func (m Model) delegate() delegate {
	return delegate{styles: m.styles, now: m.now}
}

// delegate draws a conversation on two rows: the title, with a cursor when
// highlighted so it shows without colour too, and a dim description.
type delegate struct {
	styles Styles
	now    func() time.Time
}

func (d delegate) Height() int                         { return 2 }
func (d delegate) Spacing() int                        { return 0 }
func (d delegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d delegate) Render(w io.Writer, m list.Model, index int, li list.Item) {
	it, ok := li.(item)
	if !ok {
		return
	}
	room := max(1, m.Width()-len(rowIndent))
	cursor, style := rowIndent, d.styles.Item
	if index == m.Index() {
		cursor, style = cursorMark, d.styles.Selected
	}
	top := style.Render(cursor + ansi.Truncate(it.title, room, "…"))
	desc := ansi.Truncate(describe(it, d.now()), room, "…")
	_, _ = io.WriteString(w, top+"\n"+rowIndent+d.styles.Dim.Render(desc))
}
