package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles holds every style of the chat screen, built for the terminal's
// background. It is passed down, never global.
type Styles struct {
	Header      lipgloss.Style
	HeaderDim   lipgloss.Style
	UserLabel   lipgloss.Style
	BotLabel    lipgloss.Style
	UserText    lipgloss.Style
	Meta        lipgloss.Style
	Error       lipgloss.Style
	Notice      lipgloss.Style
	Footer      lipgloss.Style
	Streaming   lipgloss.Style
	InputBorder lipgloss.Style
	Dialog      lipgloss.Style
	DialogTitle lipgloss.Style
	Selected    lipgloss.Style
	IsDark      bool
	NoColor     bool
}

// DefaultStyles builds the styles for a dark or light background; noColor
// (NO_COLOR) keeps bold and faint but drops every colour.
func DefaultStyles(isDark, noColor bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	accent, user, dim := c("#5A3FC0", "#B4A5FF"), c("#006B8F", "#6EC7E6"), c("#6B6B6B", "#8A8A8A")
	return Styles{
		Header:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		HeaderDim:   lipgloss.NewStyle().Foreground(dim),
		UserLabel:   lipgloss.NewStyle().Bold(true).Foreground(user),
		BotLabel:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		UserText:    lipgloss.NewStyle(),
		Meta:        lipgloss.NewStyle().Foreground(dim),
		Error:       lipgloss.NewStyle().Foreground(c("#B00020", "#FF6B6B")),
		Notice:      lipgloss.NewStyle().Foreground(c("#8A5A00", "#E6C86E")),
		Footer:      lipgloss.NewStyle().Foreground(dim),
		Streaming:   lipgloss.NewStyle().Foreground(c("#1E7F3B", "#7BD88F")),
		InputBorder: lipgloss.NewStyle().Foreground(dim),
		Dialog:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		DialogTitle: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Selected:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		IsDark:      isDark,
		NoColor:     noColor,
	}
}
