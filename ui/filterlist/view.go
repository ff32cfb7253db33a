package filterlist

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The dialog's smallest size, and the margin it keeps from the terminal's
// edges when the terminal is not much larger than it.
const (
	minWidth  = 24
	minHeight = 8
	marginX   = 2
	marginY   = 1
)

// fixedRows is the title and the filter line; the hint takes one line or
// more below them.
const fixedRows = 2

// SetSize tells the dialog the terminal's size; the dialog picks its own
// size from it and the owner centres the result.
func (m *Model[T]) SetSize(width, height int) {
	m.width = dialogSize(width, m.cfg.MaxWidth, minWidth, marginX)
	m.height = dialogSize(height, m.cfg.MaxHeight, minHeight, marginY)
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
func (m *Model[T]) layout() {
	rows := m.innerHeight() - fixedRows - len(m.hintLines())
	if m.note != "" {
		rows--
	}
	m.list.SetSize(m.innerWidth(), max(1, rows))
}

func (m Model[T]) innerWidth() int {
	return max(1, m.width-m.cfg.Styles.Dialog.GetHorizontalFrameSize())
}

func (m Model[T]) innerHeight() int {
	return max(1, m.height-m.cfg.Styles.Dialog.GetVerticalFrameSize())
}

// View renders the dialog box: title, filter, rows, note and hint.
func (m Model[T]) View() string {
	st, w := m.cfg.Styles, m.innerWidth()
	lines := []string{
		st.Title.Render(ansi.Truncate(m.cfg.Title, w, "…")),
		m.filterLine(w),
		m.listView(),
	}
	if m.note != "" {
		lines = append(lines, st.Note.Render(ansi.Truncate(m.note, w, "…")))
	}
	for _, h := range m.hintLines() {
		lines = append(lines, st.Dim.Render(ansi.Truncate(h, w, "…")))
	}
	body := lipgloss.NewStyle().Width(w).Render(strings.Join(lines, "\n"))
	return st.Dialog.Render(body)
}

// hintLines is the hint, on as many lines as the width needs, but leaving
// a row for the list: the one SetHint gave, or the one the keys make.
func (m Model[T]) hintLines() []string {
	if m.hint != "" {
		return []string{m.hint}
	}
	lines := joinHint(m.cfg.Keys.hintParts(m.cfg.Typing, m.cfg.Extra), m.innerWidth())
	room := m.innerHeight() - fixedRows - 1
	if m.note != "" {
		room--
	}
	return lines[:max(1, min(len(lines), room))]
}

// filterLine shows the filter with a cursor, and how many items match.
// A long filter shows its end, where the typing happens.
func (m Model[T]) filterLine(w int) string {
	count := fmt.Sprintf("%d/%d", len(m.list.Items()), len(m.all))
	if m.cfg.Remote {
		count = ""
	}
	room := max(1, w-ansi.StringWidth(count)-1)
	field := "> " + m.filter + "▏"
	if over := ansi.StringWidth(field) - room; over > 0 {
		field = "> …" + ansi.TruncateLeft(m.filter, over+1, "") + "▏"
		field = ansi.Truncate(field, room, "")
	}
	gap := max(1, w-ansi.StringWidth(field)-ansi.StringWidth(count))
	return field + strings.Repeat(" ", gap) + m.cfg.Styles.Dim.Render(count)
}

// listView is the list, or a line saying why it is empty; either way it
// fills the list's rows so the dialog keeps its height while typing.
func (m Model[T]) listView() string {
	if len(m.list.Items()) > 0 {
		return m.list.View()
	}
	msg := ansi.Truncate(m.cfg.Empty(m.filter, len(m.all)), m.innerWidth(), "…")
	return lipgloss.NewStyle().Height(m.list.Height()).Render(m.cfg.Styles.Dim.Render(msg))
}
