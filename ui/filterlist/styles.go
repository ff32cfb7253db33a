package filterlist

import "charm.land/lipgloss/v2"

// Styles is how a dialog looks. The chat builds them from its palette and
// passes them in (and again with SetStyles when the terminal's background
// turns out to be the other one), so a dialog has no colours of its own.
type Styles struct {
	// Dialog frames the whole box; its border and padding are subtracted
	// from the size given to SetSize when the contents are laid out.
	Dialog lipgloss.Style
	// Title is the dialog's heading.
	Title lipgloss.Style
	// Selected is the highlighted row; Item every other row.
	Selected lipgloss.Style
	Item     lipgloss.Style
	// Dim is secondary text: the hint line, counts, descriptions.
	Dim lipgloss.Style
	// Note is the line that reports a problem, such as a failed fetch, or
	// asks for a confirmation.
	Note lipgloss.Style
	// Match is the words a search found, inside a row's text.
	Match lipgloss.Style
}

// PlainStyles returns complete styles without a colour: a border, bold for
// the title and the highlighted row, faint for secondary text.
func PlainStyles() Styles {
	return Styles{
		Dialog:   lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1),
		Title:    lipgloss.NewStyle().Bold(true),
		Selected: lipgloss.NewStyle().Bold(true),
		Item:     lipgloss.NewStyle(),
		Dim:      lipgloss.NewStyle().Faint(true),
		Note:     lipgloss.NewStyle().Italic(true),
		Match:    lipgloss.NewStyle().Bold(true).Underline(true),
	}
}
