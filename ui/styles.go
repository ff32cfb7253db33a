package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/lockchat/lockchat/ui/filterlist"
)

// Styles holds every style of the chat screen: its own, the key help's,
// the input's and the dialogs'. All are built from one palette for the
// terminal's background; the model applies them in one place
// (applyStyles) and passes them down, never through a global.
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
	// Found is the label of the message a search opened.
	Found lipgloss.Style
	// Selected is the bar beside the message selected in select mode.
	Selected lipgloss.Style
	// HeaderRole names the system prompt in force in the header.
	HeaderRole lipgloss.Style
	// SystemLabel and System show the system prompt atop the transcript,
	// dimmed: it is context, not a message.
	SystemLabel lipgloss.Style
	System      lipgloss.Style
	// Help is the footer's key help and the full help (ctrl+g).
	Help help.Styles
	// Input is the textarea's.
	Input textarea.Styles
	// Dialog is the model menu's and the conversation list's.
	Dialog  filterlist.Styles
	IsDark  bool
	NoColor bool
}

// palette is the chat's colours for one background. Text colours keep a
// contrast of at least 4.5:1 with the terminal's background, marks and
// separators (faint) at least 3:1 (styles_test.go measures them).
type palette struct {
	accent color.Color // the app's name, reply labels, dialog frames, the prompt mark
	user   color.Color // the user's label
	key    color.Color // key names in the help
	dim    color.Color // secondary text: times, descriptions, notices
	faint  color.Color // separators and frames that only divide
	err    color.Color
	warn   color.Color
	good   color.Color // a reply streaming in
}

// newPalette picks the colours for a dark or light background; with
// noColor every colour is "none", so only bold, faint and the like remain.
func newPalette(isDark, noColor bool) palette {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	return palette{
		accent: c("#5A3FC0", "#B4A5FF"),
		user:   c("#006B8F", "#6EC7E6"),
		key:    c("#3A3A3A", "#C4C4C4"),
		dim:    c("#666666", "#949494"),
		faint:  c("#8A8A8A", "#6C6C6C"),
		err:    c("#B00020", "#FF6B6B"),
		warn:   c("#8A5A00", "#E6C86E"),
		good:   c("#1E7F3B", "#7BD88F"),
	}
}

// DefaultStyles builds the styles for a dark or light background; noColor
// (NO_COLOR) keeps bold and faint but drops every colour.
func DefaultStyles(isDark, noColor bool) Styles {
	p := newPalette(isDark, noColor)
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return Styles{
		Header:      fg(p.accent).Bold(true),
		HeaderDim:   fg(p.dim),
		UserLabel:   fg(p.user).Bold(true),
		BotLabel:    fg(p.accent).Bold(true),
		UserText:    lipgloss.NewStyle(),
		Meta:        fg(p.dim),
		Error:       fg(p.err),
		Notice:      fg(p.warn),
		Footer:      fg(p.dim),
		Streaming:   fg(p.good),
		InputBorder: fg(p.faint),
		Found:       lipgloss.NewStyle().Bold(true).Reverse(true),
		Selected:    fg(p.accent).Bold(true),
		HeaderRole:  fg(p.user),
		SystemLabel: fg(p.dim).Bold(true),
		System:      fg(p.dim).Italic(true),
		Help:        helpStyles(p),
		Input:       inputStyles(p),
		Dialog:      dialogStyles(p),
		IsDark:      isDark,
		NoColor:     noColor,
	}
}

// helpStyles: keys stand out, their descriptions are secondary text, the
// bullets between them only divide.
func helpStyles(p palette) help.Styles {
	key, desc, sep := lipgloss.NewStyle().Foreground(p.key), lipgloss.NewStyle().Foreground(p.dim), lipgloss.NewStyle().Foreground(p.faint)
	return help.Styles{
		Ellipsis: sep,
		ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}
}

// inputStyles: the text in the terminal's own colour, the prompt mark in
// the accent, no cursor-line background (its contrast with the text
// would depend on the terminal) and a cursor in the terminal's colour.
func inputStyles(p palette) textarea.Styles {
	plain := lipgloss.NewStyle()
	focused := textarea.StyleState{
		Base: plain, Text: plain, CursorLine: plain,
		LineNumber:       lipgloss.NewStyle().Foreground(p.dim),
		CursorLineNumber: lipgloss.NewStyle().Foreground(p.dim),
		EndOfBuffer:      lipgloss.NewStyle().Foreground(p.faint),
		Placeholder:      lipgloss.NewStyle().Foreground(p.dim),
		Prompt:           lipgloss.NewStyle().Foreground(p.accent),
		Selection:        plain.Reverse(true),
	}
	blurred := focused
	blurred.Text = lipgloss.NewStyle().Foreground(p.dim)
	blurred.CursorLine = blurred.Text
	return textarea.Styles{Focused: focused, Blurred: blurred,
		Cursor: textarea.CursorStyle{Shape: tea.CursorBlock, Blink: true}}
}

// dialogStyles: an accent frame and title, the highlighted row in the
// accent, secondary text dim and problems in the warning colour.
func dialogStyles(p palette) filterlist.Styles {
	return filterlist.Styles{
		Dialog:   lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1),
		Title:    lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		Selected: lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		Item:     lipgloss.NewStyle(),
		Dim:      lipgloss.NewStyle().Foreground(p.dim),
		Note:     lipgloss.NewStyle().Italic(true).Foreground(p.warn),
		Match:    lipgloss.NewStyle().Bold(true).Underline(true).Foreground(p.accent),
	}
}

// applyStyles builds the styles for a background and hands them to every
// part of the screen that draws with them: the help, the input and an open
// dialog. It is the one place where styles change: at start, and when the
// terminal reports its background.
func (m *Model) applyStyles(isDark bool) {
	m.isDark = isDark
	m.styles = DefaultStyles(isDark, m.opts.NoColor)
	m.help.Styles = m.styles.Help
	m.cache.selectHelpValid = false
	m.input.SetStyles(m.styles.Input)
	if m.dialog != nil {
		m.dialog.SetStyles(m.styles.Dialog)
	}
}
