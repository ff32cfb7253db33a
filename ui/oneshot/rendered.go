package oneshot

import (
	"io"

	"github.com/lockchat/lockchat/client/sanitize"
)

// Rendered writes the reply to a terminal, sanitised.
type Rendered struct {
	w     io.Writer
	width int
}

// NewRendered returns an Output for a terminal of the given width.
func NewRendered(w io.Writer, width int) *Rendered { return &Rendered{w: w, width: width} }

// Write writes sanitised text.
func (r *Rendered) Write(text string) error {
	_, err := io.WriteString(r.w, sanitize.Text(text))
	return err
}

// Close ends the reply with a newline.
func (r *Rendered) Close() error {
	_, err := io.WriteString(r.w, "\n")
	return err
}
