package filterlist

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// testHint is the hint the default keys make.
const testHint = "type to filter · ↑/↓ move · enter choose · esc close"

func TestViewFrame(t *testing.T) {
	v := view(newTest("apple"))
	for _, want := range []string{"Fruit", "> ▏", "3/3", "› apple", "  banana", testHint, "╭", "╯"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	lines := strings.Split(v, "\n")
	if len(lines) != 20 {
		t.Errorf("view is %d lines, want the largest height, 20", len(lines))
	}
	if !strings.Contains(lines[len(lines)-2], testHint) {
		t.Errorf("hint is not the last line inside the border:\n%s", v)
	}
}

func TestNote(t *testing.T) {
	m := newTest("apple")
	h := len(strings.Split(m.View(), "\n"))
	m.SetNote("could not fetch: 502 \x1b[31mBad Gateway")
	v := view(m)
	if !strings.Contains(v, "could not fetch: 502 ␛[31mBad Gateway") {
		t.Errorf("note missing or unsanitised:\n%s", v)
	}
	if got := len(strings.Split(m.View(), "\n")); got != h {
		t.Errorf("note changed the dialog height from %d to %d", h, got)
	}
	m.SetNote("")
	if strings.Contains(view(m), "could not fetch") {
		t.Error("note not cleared")
	}
}

func TestSizes(t *testing.T) {
	for _, sz := range [][2]int{{200, 60}, {80, 24}, {30, 10}, {10, 4}} {
		m := newTest("apple")
		m.SetSize(sz[0], sz[1])
		lines := strings.Split(view(m), "\n")
		if len(lines) > max(sz[1], minHeight) {
			t.Errorf("%v: %d lines", sz, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > max(sz[0], minWidth) || w > 60 {
				t.Errorf("%v: line %q is %d wide", sz, l, w)
			}
		}
	}
}

func TestDialogSize(t *testing.T) {
	tests := []struct{ term, want int }{
		{200, 60}, // the largest
		{50, 46},  // a margin on both sides
		{24, 24},  // the smallest, margin or not
		{10, 10},  // a tinier terminal
		{0, 1},
	}
	for _, tt := range tests {
		if got := dialogSize(tt.term, 60, minWidth, marginX); got != tt.want {
			t.Errorf("dialogSize(%d) = %d, want %d", tt.term, got, tt.want)
		}
	}
}

func TestLongFilterShowsItsEnd(t *testing.T) {
	m := newTest("apple")
	m.SetSize(30, 20)
	m, _ = send(t, m, typed(strings.Repeat("a", 60)+"END")...)
	if v := view(m); !strings.Contains(v, "> …") || !strings.Contains(v, "END▏") {
		t.Errorf("filter end not visible:\n%s", v)
	}
}

func TestPagingMany(t *testing.T) {
	var labels []string
	for i := range 50 {
		labels = append(labels, fmt.Sprintf("item-%02d", i))
	}
	m := New(testConfig(""))
	m.SetItems(fruits(labels...))
	m.SetSize(80, 12) // 10 rows: frame 2, fixed rows 3, so 5 items a page
	m, _ = send(t, m, pgdn, pgdn, pgup, down)
	if r := rowOf(t, m, "item-06"); !strings.Contains(r, "›") {
		t.Errorf("item-06 not highlighted: %q\n%s", r, view(m))
	}
	if strings.Contains(view(m), "item-00") {
		t.Errorf("first page still shown:\n%s", view(m))
	}
	if got := chosen(t, m, end); got != "item-49" {
		t.Errorf("end chose %q", got)
	}
	m = New(testConfig("item-42"))
	m.SetItems(fruits(labels...))
	m.SetSize(80, 12)
	if r := rowOf(t, m, "item-42"); !strings.Contains(r, "› item-42") {
		t.Errorf("default on a later page not shown highlighted: %q", r)
	}
}

func TestRowsGetTheInnerWidth(t *testing.T) {
	m := newTest("apple")
	var widths []int
	m.SetRender(func(it fruit, width int, selected bool, _ Styles) string {
		widths = append(widths, width)
		return fmt.Sprintf("%s selected=%v", it.label, selected)
	})
	v := view(m)
	if !strings.Contains(v, "apple selected=true") || !strings.Contains(v, "banana selected=false") {
		t.Errorf("SetRender not used:\n%s", v)
	}
	// 60 wide, less the border and the padding on either side.
	if len(widths) != 3 || widths[0] != 56 {
		t.Errorf("render widths = %v, want three of 56", widths)
	}
}

func TestCursor(t *testing.T) {
	st := PlainStyles()
	if c, s := st.Cursor(true); c != "› " || s.Render("x") != st.Selected.Render("x") {
		t.Errorf("selected cursor = %q", c)
	}
	if c, s := st.Cursor(false); c != "  " || s.Render("x") != st.Item.Render("x") {
		t.Errorf("plain cursor = %q", c)
	}
}

// TestHintNamesTheKeysAsBound: the hint is made from the key map, so a
// rebound or disabled key shows as it is.
func TestHintNamesTheKeysAsBound(t *testing.T) {
	cfg := testConfig("apple")
	cfg.Keys.Choose.SetHelp("tab", "pick")
	cfg.Keys.Close.SetHelp("ctrl+q", "close")
	cfg.Keys.Up.SetEnabled(false)
	m := New(cfg)
	v := view(m)
	if want := "type to filter · tab pick · ctrl+q close"; !strings.Contains(v, want) {
		t.Errorf("hint with rebound keys: want %q in\n%s", want, v)
	}
	if strings.Contains(v, "move") {
		t.Errorf("the hint offers moving with a disabled key:\n%s", v)
	}
}

// TestSetStylesRestyles: new styles reach the frame and every row, which
// are drawn with the styles the dialog holds, not those it was made with.
func TestSetStylesRestyles(t *testing.T) {
	m := newTest("apple")
	before := m.View()
	st := PlainStyles()
	st.Dialog = st.Dialog.Border(lipgloss.DoubleBorder())
	st.Selected = st.Selected.Underline(true)
	m.SetStyles(st)
	after := m.View()
	if !strings.Contains(after, "╔") || strings.Contains(after, "╭") {
		t.Errorf("the frame kept its old border:\n%s", ansi.Strip(after))
	}
	if !strings.Contains(after, st.Selected.Render("› apple")) {
		t.Errorf("the highlighted row is not drawn with the new style:\n%q", after)
	}
	if ansi.Strip(before) == ansi.Strip(after) {
		t.Errorf("SetStyles changed nothing")
	}
}
