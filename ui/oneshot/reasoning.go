package oneshot

import (
	"io"
	"os"

	"github.com/lockchat/lockchat/client/sanitize"
)

// reasoningOut prints reasoning to stderr as it arrives (--reasoning):
// always sanitised, since stderr is read by people, and dim on a terminal
// so that it reads apart from the answer.
type reasoningOut struct {
	w   io.Writer
	dim bool
	// open: the last line written has no newline yet.
	open bool
}

func newReasoningOut(w io.Writer) *reasoningOut {
	return &reasoningOut{w: w, dim: IsTerminal(w) && os.Getenv("NO_COLOR") == ""}
}

// Dim and its end, the SGR codes that leave every other attribute alone.
const (
	dimOn  = "\x1b[2m"
	dimOff = "\x1b[22m"
)

func (o *reasoningOut) write(text string) {
	if o == nil || text == "" {
		return
	}
	safe := sanitize.Text(text)
	o.open = safe[len(safe)-1] != '\n'
	if o.dim {
		safe = dimOn + safe + dimOff
	}
	io.WriteString(o.w, safe)
}

// end finishes the reasoning's last line, so that what follows on the
// terminal (the answer, a notice) starts a line of its own.
func (o *reasoningOut) end() {
	if o != nil && o.open {
		io.WriteString(o.w, "\n")
		o.open = false
	}
}
