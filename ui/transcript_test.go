package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// whole is m's transcript laid out in full for the current layout, as a
// transcript that rendered every message would show it: its lines and
// the line where each entry starts.
type whole struct {
	lines  []string
	starts []int
}

func wholeOf(m *Model) whole {
	rc := m.renderCtx()
	var w whole
	for _, e := range m.tr.entries {
		c := *e
		c.lines = nil
		c.render(rc)
		w.starts = append(w.starts, len(w.lines))
		w.lines = append(w.lines, c.lines...)
	}
	return w
}

// window is the view of the whole transcript from line from.
func (w whole) window(from, height int) string {
	out := make([]string, height)
	for i := range out {
		if from+i >= 0 && from+i < len(w.lines) {
			out[i] = w.lines[from+i]
		}
	}
	return strings.Join(out, "\n")
}

// above is how many lines of the whole transcript are above m's view.
func (w whole) above(m *Model) int {
	if m.tr.lo == len(w.starts) {
		return len(w.lines) + m.tr.offset
	}
	return w.starts[m.tr.lo] + m.tr.offset
}

// Paging up from the bottom to the top, then down again, shows at each
// step the lines a fully laid out transcript shows there, although the
// messages above are rendered only as the view reaches them.
func TestLazyScrollShowsTheWholeTranscript(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	m, _ = step(m, longHistory(60))
	all := wholeOf(m)
	if m.tr.lo == 0 {
		t.Fatalf("opening laid out every message (%d)", len(m.tr.entries))
	}
	check := func(what string) {
		t.Helper()
		got := strings.Join(m.tr.window(), "\n")
		if want := all.window(all.above(m), m.tr.height); got != want {
			t.Fatalf("%s: the view differs from the whole transcript's at line %d", what, all.above(m))
		}
	}
	check("opened")
	if all.above(m)+m.tr.height != len(all.lines) || !m.tr.follow {
		t.Fatalf("opened at line %d of %d, following %v", all.above(m), len(all.lines), m.tr.follow)
	}
	for i := 0; all.above(m) > 0; i++ {
		m, _ = press(m, tea.KeyPgUp, 0)
		check(fmt.Sprint("PgUp ", i))
		if i > len(all.lines) {
			t.Fatal("PgUp never reaches the top")
		}
	}
	if m.tr.lo != 0 || m.tr.follow {
		t.Fatalf("at the top: run from %d, following %v", m.tr.lo, m.tr.follow)
	}
	for i := 0; !m.tr.follow; i++ {
		m, _ = press(m, tea.KeyPgDown, 0)
		check(fmt.Sprint("PgDn ", i))
		if i > len(all.lines) {
			t.Fatal("PgDn never reaches the bottom")
		}
	}
}

// Home jumps to the first message without rendering those between, and
// End back; a resize keeps the message at the top of the view there.
func TestLazyJumpsAndResize(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	m, _ = step(m, longHistory(200))
	renders := func(f func()) int64 {
		before := m.renderer.Stats().Renders
		f()
		return m.renderer.Stats().Renders - before
	}
	if n := renders(func() { m, _ = press(m, tea.KeyHome, tea.ModCtrl) }); n > 10 {
		t.Errorf("ctrl+home rendered %d messages", n)
	}
	if got, want := strings.Join(m.tr.window(), "\n"), wholeOf(m).window(0, m.tr.height); got != want {
		t.Fatal("ctrl+home does not show the first lines")
	}
	m, _ = press(m, tea.KeyPgDown, 0)
	m, _ = press(m, tea.KeyPgDown, 0)
	top, _ := m.tr.at(m.tr.offset)
	id := m.tr.entries[top].id
	n := renders(func() { m, _ = step(m, tea.WindowSizeMsg{Width: 80, Height: 40}) })
	if n > 10 {
		t.Errorf("a resize rendered %d messages", n)
	}
	if i, _ := m.tr.at(m.tr.offset); m.tr.entries[i].id != id {
		t.Errorf("after a resize the view starts in message %d, before in %d", i, top)
	}
	all := wholeOf(m)
	if got := strings.Join(m.tr.window(), "\n"); got != all.window(all.above(m), m.tr.height) {
		t.Error("after a resize the view differs from the whole transcript's")
	}
	for _, l := range m.tr.window() {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("a line is %d wide after narrowing to 80: %q", w, ansi.Strip(l))
		}
	}
	if n := renders(func() { m, _ = press(m, tea.KeyEnd, tea.ModCtrl) }); n > 10 {
		t.Errorf("ctrl+end rendered %d messages", n)
	}
	if !m.tr.follow || all.above(m)+m.tr.height != len(all.lines) {
		t.Errorf("ctrl+end: following %v, at line %d of %d", m.tr.follow, all.above(m), len(all.lines))
	}
}

// Opening a conversation renders what the screen shows and a screen more
// either side: as many glamour renders for 5,000 messages as for 20.
func TestOpeningRendersTheScreen(t *testing.T) {
	cost := func(n int) (renders int64, laidOut int) {
		t.Helper()
		m := newSized(t, testOptions(newTestClock()), 120, 40)
		before := m.renderer.Stats().Renders
		m, _ = step(m, longHistory(n))
		_ = m.View()
		if !strings.Contains(screen(m), "a long conversation") {
			t.Errorf("%d messages: the title is not on screen", n)
		}
		if m.tr.total < 2*m.tr.height {
			t.Errorf("%d messages: %d lines laid out, want the screen and a margin (%d)", n, m.tr.total, 2*m.tr.height)
		}
		return m.renderer.Stats().Renders - before, m.tr.hi - m.tr.lo
	}
	small, smallRun := cost(20)
	big, bigRun := cost(5000)
	t.Logf("opening renders %d messages of 20 (%d laid out), %d of 5,000 (%d laid out)", small, smallRun, big, bigRun)
	if big != small || bigRun != smallRun {
		t.Errorf("opening 5,000 messages rendered %d times (%d laid out), 20 messages %d (%d)", big, bigRun, small, smallRun)
	}
	// 40 rows and a 40-row margin above hold a few of these messages.
	if big > 6 || big == 0 {
		t.Errorf("opening rendered %d messages for a 40-row screen", big)
	}
}

// A search's hit far up a long conversation opens at the hit, marked,
// rendering only the messages around it.
func TestOpeningAtAHitFarUp(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 120, 40)
	msg := longHistory(5000)
	msg.focus = "m11"
	before := m.renderer.Stats().Renders
	m, _ = step(m, msg)
	if n := m.renderer.Stats().Renders - before; n > 6 {
		t.Errorf("opening at a hit rendered %d messages", n)
	}
	first := strings.Split(screen(m), "\n")[1]
	if !strings.HasPrefix(first, foundMark+"gpt-4") || m.tr.follow {
		t.Errorf("the view does not start at the marked hit (following %v): %q", m.tr.follow, first)
	}
	m, _ = press(m, tea.KeyPgUp, 0)
	if s := screen(m); !strings.Contains(s, "A question that goes on") {
		t.Errorf("PgUp above the hit does not show the question before it:\n%s", s)
	}
}
