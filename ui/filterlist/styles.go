package filterlist

import "charm.land/lipgloss/v2"

// Styles is how a dialog looks. The root passes its own so that the dialogs
// follow the chat's theme; DefaultStyles is a complete starting point.
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
	// Note is the line that reports a problem, such as a failed fetch.
	Note lipgloss.Style
}

// DefaultStyles returns styles for a dark (isDark) or light terminal
// background.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A56E0"), lipgloss.Color("#A9A5FF"))
	dim := ld(lipgloss.Color("#7A7A7A"), lipgloss.Color("#8A8A8A"))
	warn := ld(lipgloss.Color("#B05A00"), lipgloss.Color("#F0B060"))
	return Styles{
		Dialog: lipgloss.NewStyle().
			Border(lipgloss.RoundedBorder()).
			BorderForeground(accent).
			Padding(0, 1),
		Title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Selected: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Item:     lipgloss.NewStyle(),
		Dim:      lipgloss.NewStyle().Foreground(dim),
		Note:     lipgloss.NewStyle().Italic(true).Foreground(warn),
	}
}
