package markdown

import (
	"strings"
	"sync"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/alecthomas/chroma/v2"
	chromastyles "github.com/alecthomas/chroma/v2/styles"
)

// Theme selects the colours of rendered markdown. The caller picks it
// explicitly (from the terminal's background colour, or NO_COLOR).
type Theme int

const (
	// ThemeDark suits terminals with a dark background.
	ThemeDark Theme = iota
	// ThemeLight suits terminals with a light background.
	ThemeLight
	// ThemePlain uses no colours at all, for NO_COLOR.
	ThemePlain
)

// String returns the theme's name.
func (t Theme) String() string {
	switch t {
	case ThemeLight:
		return "light"
	case ThemePlain:
		return "plain"
	default:
		return "dark"
	}
}

// Chroma style names registered by this package, one per theme.
const (
	chromaDark  = "lockchat-dark"
	chromaLight = "lockchat-light"
)

// themeConfigs returns glamour's dark and light styles with code colours
// moved to chroma styles of their own. Glamour registers its code colours
// under one global name ("charm") the first time any renderer highlights
// code, so a second theme in the same process would silently reuse the
// first one's colours. Both are registered when the first Renderer is made,
// not at start-up, which does not need them; every render follows the
// making of a Renderer, so the writes to chroma's unlocked registry still
// happen before any reader.
var themeConfigs = sync.OnceValue(func() [2]ansi.StyleConfig {
	return [2]ansi.StyleConfig{
		withQuoteBarWidth(withOwnChroma(styles.DarkStyleConfig, chromaDark)),
		withQuoteBarWidth(withOwnChroma(styles.LightStyleConfig, chromaLight)),
	}
})

// styleConfig returns the glamour style for a theme.
func styleConfig(t Theme) ansi.StyleConfig {
	switch t {
	case ThemeLight:
		return themeConfigs()[1]
	case ThemePlain:
		// The ASCII style has no colours, and its code blocks are plain.
		return plainConfig
	default:
		return themeConfigs()[0]
	}
}

// withOwnChroma registers the code colours of cfg as a chroma style called
// name and returns a copy of cfg that refers to that style by name.
func withOwnChroma(cfg ansi.StyleConfig, name string) ansi.StyleConfig {
	c := cfg.CodeBlock.Chroma
	if c == nil {
		return cfg
	}
	chromastyles.Register(chroma.MustNewStyle(name, chroma.StyleEntries{
		chroma.Text:                chromaEntry(c.Text),
		chroma.Error:               chromaEntry(c.Error),
		chroma.Comment:             chromaEntry(c.Comment),
		chroma.CommentPreproc:      chromaEntry(c.CommentPreproc),
		chroma.Keyword:             chromaEntry(c.Keyword),
		chroma.KeywordReserved:     chromaEntry(c.KeywordReserved),
		chroma.KeywordNamespace:    chromaEntry(c.KeywordNamespace),
		chroma.KeywordType:         chromaEntry(c.KeywordType),
		chroma.Operator:            chromaEntry(c.Operator),
		chroma.Punctuation:         chromaEntry(c.Punctuation),
		chroma.Name:                chromaEntry(c.Name),
		chroma.NameBuiltin:         chromaEntry(c.NameBuiltin),
		chroma.NameTag:             chromaEntry(c.NameTag),
		chroma.NameAttribute:       chromaEntry(c.NameAttribute),
		chroma.NameClass:           chromaEntry(c.NameClass),
		chroma.NameConstant:        chromaEntry(c.NameConstant),
		chroma.NameDecorator:       chromaEntry(c.NameDecorator),
		chroma.NameException:       chromaEntry(c.NameException),
		chroma.NameFunction:        chromaEntry(c.NameFunction),
		chroma.NameOther:           chromaEntry(c.NameOther),
		chroma.Literal:             chromaEntry(c.Literal),
		chroma.LiteralNumber:       chromaEntry(c.LiteralNumber),
		chroma.LiteralDate:         chromaEntry(c.LiteralDate),
		chroma.LiteralString:       chromaEntry(c.LiteralString),
		chroma.LiteralStringEscape: chromaEntry(c.LiteralStringEscape),
		chroma.GenericDeleted:      chromaEntry(c.GenericDeleted),
		chroma.GenericEmph:         chromaEntry(c.GenericEmph),
		chroma.GenericInserted:     chromaEntry(c.GenericInserted),
		chroma.GenericStrong:       chromaEntry(c.GenericStrong),
		chroma.GenericSubheading:   chromaEntry(c.GenericSubheading),
		chroma.Background:          chromaEntry(c.Background),
	}))
	cfg.CodeBlock.Chroma = nil
	cfg.CodeBlock.Theme = name
	return withPlainPadding(cfg)
}

// withPlainPadding leaves the document's text in the terminal's own
// foreground colour. With a document colour, glamour pads every line to the
// wrap width with coloured blank cells, one escape sequence per cell, and
// its padding and margin writers are then a third of a render's cost; with
// none, padding is plain spaces. (The text is also easier to read on
// terminals whose default foreground isn't glamour's grey.)
func withPlainPadding(cfg ansi.StyleConfig) ansi.StyleConfig {
	cfg.Document.Color = nil
	return cfg
}

// chromaEntry converts a glamour style primitive to a chroma style entry,
// the same way glamour does for its own registration.
func chromaEntry(p ansi.StylePrimitive) string {
	var parts []string
	if p.Color != nil {
		parts = append(parts, *p.Color)
	}
	if p.BackgroundColor != nil {
		parts = append(parts, "bg:"+*p.BackgroundColor)
	}
	if p.Italic != nil && *p.Italic {
		parts = append(parts, "italic")
	}
	if p.Bold != nil && *p.Bold {
		parts = append(parts, "bold")
	}
	if p.Underline != nil && *p.Underline {
		parts = append(parts, "underline")
	}
	return strings.Join(parts, " ")
}

// plainConfig is the ASCII style for NO_COLOR, with quote bars that keep
// their width.
var plainConfig = withQuoteBarWidth(styles.NoTTYStyleConfig)

// withQuoteBarWidth makes glamour reserve the full width of the quote bar.
// Glamour takes a block's Indent as a number of cells when it works out the
// wrap width, but writes the IndentToken that many times, and the bar ("│ ")
// is two cells wide: each quoted line came out one cell too wide, and the
// document's own wrap broke it again onto a line without the bar. A Margin
// of one writes the token once and reserves two cells (glamour counts a
// margin on both sides), the bar's exact width.
func withQuoteBarWidth(cfg ansi.StyleConfig) ansi.StyleConfig {
	one := uint(1)
	cfg.BlockQuote.Indent = nil
	cfg.BlockQuote.Margin = &one
	return cfg
}
