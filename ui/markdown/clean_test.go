package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestCleanLine(t *testing.T) {
	pad := "\x1b[38;5;252m \x1b[m"
	cases := []struct{ name, in, want string }{
		{"pad cells", "  \x1b[38;5;252mx\x1b[m" + strings.Repeat(pad, 30), "  \x1b[38;5;252mx\x1b[m"},
		{"plain spaces", "  text   ", "  text"},
		{"only padding", "  " + strings.Repeat(pad, 10), ""},
		{"background shows", "\x1b[48;5;236mcode  \x1b[m" + pad, "\x1b[48;5;236mcode  \x1b[m"},
		{"background before pads", "\x1b[48;5;1mx" + pad + pad, "\x1b[48;5;1mx\x1b[38;5;252m \x1b[m"},
		{"truecolor pad", "a\x1b[38;2;1;2;3m \x1b[m", "a"},
		{"hyperlink", "\x1b]8;id=1;https://e.com\a\x1b[1mlink\x1b[m\x1b]8;;\a", "\x1b[1mlink\x1b[m"},
		{"tab", "\x1b[38;2;1;2;3m\treturn\x1b[0m", "\x1b[38;2;1;2;3m" + tabSpaces + "return\x1b[m"},
		{"wide", "中文 🎉  ", "中文 🎉"},
		{"underline space", "a\x1b[4m \x1b[m", "a\x1b[4m \x1b[m"},
		{"colour index is not underline", "a\x1b[38;5;4m \x1b[m", "a"},
		{"colour components are not attributes", "a\x1b[38;2;4;7;9m \x1b[m", "a"},
		{"underline after a colour", "a\x1b[38;5;1;4m \x1b[m", "a\x1b[38;5;1;4m \x1b[m"},
		{"background colour index", "a\x1b[48;5;4m \x1b[m", "a\x1b[48;5;4m \x1b[m"},
		{"plain text, no copy needed", "  plain text  ", "  plain text"},
		{"control character", "a\x07b", "ab"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var cl cleaner
			if got := cl.line(c.in); got != c.want {
				t.Errorf("line(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// Rendered lines keep their text, lose most of their bytes, and carry no
// escape sequence other than SGR.
func TestRenderLinesClean(t *testing.T) {
	doc := llmReply(4000) + "\nSee [docs](https://example.com/x) and <https://example.org>.\n\n![img](https://example.com/i.png)\n"
	r := mustRenderer(t, 80, ThemeDark)
	lines, err := r.RenderLines(doc)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := r.raw(doc)
	rawLines := strings.Split(strings.TrimSuffix(raw, "\n"), "\n")
	if len(lines) != len(rawLines) {
		t.Fatalf("%d lines, raw render has %d", len(lines), len(rawLines))
	}
	size := 0
	for i, l := range lines {
		size += len(l)
		if got, want := ansi.Strip(l), strings.TrimRight(strings.ReplaceAll(ansi.Strip(rawLines[i]), "\t", tabSpaces), " "); got != want {
			t.Errorf("line %d: text %q, want %q", i, got, want)
		}
		if w := ansi.StringWidth(l); w > r.Width() {
			t.Errorf("line %d is %d cells wide, more than %d", i, w, r.Width())
		}
		if strings.Contains(l, "\x1b]") || strings.Contains(l, "\t") {
			t.Errorf("line %d keeps an OSC sequence or a tab: %q", i, l)
		}
	}
	if !strings.Contains(raw, "\x1b]8;") {
		t.Errorf("glamour no longer emits OSC 8 hyperlinks; this test needs a look")
	}
	// The document has no colour of its own (see withPlainPadding), so
	// glamour pads with plain spaces; cleaning drops them all.
	if ratio := float64(len(raw)) / float64(size); ratio < 1.5 {
		t.Errorf("stripping saved only %.1fx", ratio)
	}
	for i, l := range lines {
		if strings.HasSuffix(ansi.Strip(l), " ") {
			t.Errorf("line %d keeps trailing padding: %q", i, l)
		}
	}
}

func TestThemesDiffer(t *testing.T) {
	doc := "## Title\n\n" + goBlock
	var outs []string
	for _, th := range []Theme{ThemeDark, ThemeLight, ThemePlain} {
		out, err := mustRenderer(t, 60, th).Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	if outs[0] == outs[1] {
		t.Errorf("dark and light render the same")
	}
	if strings.Contains(outs[2], "\x1b[") {
		t.Errorf("plain theme emits escape sequences: %q", outs[2][:min(200, len(outs[2]))])
	}
	// Each theme must keep its own code colours, whichever rendered first.
	dark2, _ := mustRenderer(t, 60, ThemeDark).Render(doc)
	if dark2 != outs[0] {
		t.Errorf("dark rendering changed after a light render")
	}
}

func TestWarmUp(t *testing.T) {
	if err := WarmUp(); err != nil {
		t.Fatal(err)
	}
}
