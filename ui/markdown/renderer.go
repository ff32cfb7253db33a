package markdown

import (
	"fmt"
	"strings"

	"charm.land/glamour/v2"
)

// MinWidth is the narrowest wrap width a Renderer accepts; narrower
// requests are widened to it.
const MinWidth = 16

// chromaFormatter is the code highlighter's output format. The default
// terminal256 formatter breaks colour ties by map iteration order, so the
// same code could render differently twice; truecolor is deterministic and
// as fast, and the screen renderer downsamples it to the terminal.
const chromaFormatter = "terminal16m"

// Stats counts the work a Renderer has handed to glamour.
type Stats struct {
	Renders    int64 // calls into glamour, those that measure table cells included
	InputBytes int64 // markdown bytes passed to glamour, sentinels included
	// LexedBytes counts the code a Stream lexed itself to find the lines
	// of an open code block that glamour need not highlight again.
	LexedBytes int64
}

// Renderer renders markdown for one wrap width and theme. It wraps a single
// glamour renderer, which is not safe for concurrent use, so neither is a
// Renderer: use it from one goroutine (the Bubble Tea Update loop) only.
type Renderer struct {
	tr       *glamour.TermRenderer
	width    int
	theme    Theme
	stats    Stats
	sentinel string // raw rendering of sentinelMarkdown, see splice.go
	code     codeLayout
	tables   tableFitter
	clean    cleaner
	nested   nestedCutter
}

// NewRenderer returns a Renderer that wraps text at width cells.
func NewRenderer(width int, theme Theme) (*Renderer, error) {
	width = max(width, MinWidth)
	code := newCodeLayout(styleConfig(theme), width)
	tr, err := glamour.NewTermRenderer(
		glamour.WithStyles(styleConfig(theme)),
		glamour.WithWordWrap(width),
		glamour.WithChromaFormatter(code.formatter),
	)
	if err != nil {
		return nil, fmt.Errorf("markdown: new renderer: %w", err)
	}
	return &Renderer{tr: tr, width: width, theme: theme, code: code,
		tables: newTableFitter(code.width, int(deref(styleConfig(theme).Table.Margin))),
		nested: newNestedCutter(styleConfig(theme), width, code)}, nil
}

// Width returns the wrap width the Renderer was built for.
func (r *Renderer) Width() int { return r.width }

// Theme returns the theme the Renderer was built for.
func (r *Renderer) Theme() Theme { return r.theme }

// Stats returns the work done by the Renderer so far.
func (r *Renderer) Stats() Stats { return r.stats }

// RenderLines renders md and returns its lines, cleaned for the screen:
// no trailing padding, no hyperlinks, no line terminators.
func (r *Renderer) RenderLines(md string) ([]string, error) {
	raw, err := r.raw(md)
	if err != nil {
		return nil, err
	}
	return r.clean.lines(nil, strings.TrimSuffix(raw, "\n")), nil
}

// Render renders md and returns its cleaned lines joined by newlines.
func (r *Renderer) Render(md string) (string, error) {
	lines, err := r.RenderLines(md)
	if err != nil {
		return "", err
	}
	return strings.Join(lines, "\n"), nil
}

// raw calls glamour once and counts the call.
func (r *Renderer) raw(md string) (string, error) {
	md, err := r.fitTables(linkTableMail(spaceProseTabs(md)))
	if err != nil {
		return "", err
	}
	if r.code.cut {
		md = r.nested.cut(md)
	}
	if r.code.cut && !r.code.highlight {
		md = cutPlainCode(md, r.code.avail)
	}
	r.stats.Renders++
	r.stats.InputBytes += int64(len(md))
	out, err := r.tr.Render(md)
	if err != nil {
		return "", fmt.Errorf("markdown: render: %w", err)
	}
	return out, nil
}

// warmUpMarkdown has one Go and one Python block: chroma compiles a lexer's
// regular expressions on first use, which costs milliseconds.
const warmUpMarkdown = "```go\nfunc main() { fmt.Println(\"hi\") }\n```\n\n" +
	"```python\ndef main():\n    print(\"hi\")\n```\n"

// WarmUp renders a tiny document with code in it, so that the first real
// render does not pay chroma's one-time start-up cost (about 5 ms). It uses
// a renderer of its own and only warms process-wide caches, so it is safe to
// run in a command while the UI renders.
func WarmUp() error {
	r, err := NewRenderer(80, ThemeDark)
	if err != nil {
		return err
	}
	_, err = r.raw(warmUpMarkdown)
	return err
}
