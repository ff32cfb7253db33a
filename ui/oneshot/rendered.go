package oneshot

import (
	"io"
	"strings"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/ui/markdown"
)

// Rendered writes the reply to a terminal as markdown, sanitised. Blocks
// are printed as soon as they are complete (the stable prefix of the
// streaming renderer), the last one when the reply ends, so a long answer
// appears progressively without ever rewriting what is on screen.
type Rendered struct {
	w       io.Writer
	stream  *markdown.Stream
	printed int // stable lines already written
	plain   bool
}

// NewRendered returns an Output for a terminal of the given width; theme
// picks the colours (markdown.ThemePlain for NO_COLOR).
func NewRendered(w io.Writer, width int, theme markdown.Theme) *Rendered {
	r := &Rendered{w: w}
	mr, err := markdown.NewRenderer(max(20, width-2), theme)
	if err != nil {
		r.plain = true // print sanitised text rather than nothing
		return r
	}
	r.stream = markdown.NewStream(mr)
	return r
}

// Write adds reply text and prints the blocks that became final.
func (r *Rendered) Write(text string) error {
	safe := sanitize.Text(text)
	if r.plain {
		_, err := io.WriteString(r.w, safe)
		return err
	}
	r.stream.Append(safe)
	stable, _, err := r.stream.Split()
	if err != nil || len(stable) < r.printed {
		return nil // the stream fell back to full renders: print at the end
	}
	return r.print(stable)
}

// Close prints the rest of the rendered reply.
func (r *Rendered) Close() error {
	if r.plain {
		_, err := io.WriteString(r.w, "\n")
		return err
	}
	lines, err := r.stream.Finish()
	if err != nil {
		_, err = io.WriteString(r.w, r.stream.Text()+"\n")
		return err
	}
	for len(lines) > r.printed && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) < r.printed { // re-rendered from scratch: nothing to splice onto
		lines = lines[:0]
	}
	return r.print(append(lines, ""))
}

// print writes lines[r.printed:].
func (r *Rendered) print(lines []string) error {
	if len(lines) <= r.printed {
		return nil
	}
	var b strings.Builder
	for _, l := range lines[r.printed:] {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	r.printed = len(lines)
	_, err := io.WriteString(r.w, b.String())
	return err
}
