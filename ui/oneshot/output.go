package oneshot

import (
	"io"
	"os"

	"charm.land/lipgloss/v2"
	"github.com/mattn/go-isatty"
	"golang.org/x/term"

	"github.com/lockchat/lockchat/ui/markdown"
)

// OutputFor picks how the reply is written to w: rendered markdown for a
// terminal (plain under NO_COLOR, light on a light background), the raw
// bytes for anything else.
func OutputFor(w io.Writer) Output {
	if !IsTerminal(w) {
		return &Raw{W: w}
	}
	theme := markdown.ThemeDark
	switch {
	case os.Getenv("NO_COLOR") != "":
		theme = markdown.ThemePlain
	case !lipgloss.HasDarkBackground(os.Stdin, os.Stdout):
		theme = markdown.ThemeLight
	}
	return NewRendered(w, terminalWidth(w), theme)
}

// IsTerminal reports whether v is a terminal device.
func IsTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// terminalWidth is the width of the terminal behind w, or 80.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 80
}

// Raw writes the reply bytes exactly as received, adding one trailing
// newline at the end when the reply did not end with one.
type Raw struct {
	W    io.Writer
	last byte
	any  bool
}

// Write writes text unchanged.
func (r *Raw) Write(text string) error {
	if text == "" {
		return nil
	}
	r.last, r.any = text[len(text)-1], true
	_, err := io.WriteString(r.W, text)
	return err
}

// Close adds the trailing newline.
func (r *Raw) Close() error {
	if r.any && r.last != '\n' {
		_, err := io.WriteString(r.W, "\n")
		return err
	}
	return nil
}
