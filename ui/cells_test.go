package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// flushSim is the screen flush of Bubble Tea v2.1.1 (cursed_renderer.go,
// flush) done on ultraviolet's renderer by hand, so the work of a frame can
// be counted: the View's string is drawn into a cell buffer and
// uv.TerminalRenderer turns the difference from the last frame into bytes.
//
// Bubble Tea clears its cell buffer before each draw, and
// uv.RenderBuffer.Clear marks every row touched, so its renderer compares
// every row of every frame that changed at all (transformLine scans an
// unchanged row cell by cell to its end). The flush can also draw into the
// buffer in place, without the clear: then only the rows whose cells
// changed are touched, which is what a flush that skipped unchanged rows
// would leave the renderer to diff.
type flushSim struct {
	out     bytes.Buffer
	scr     *uv.TerminalRenderer
	buf     uv.ScreenBuffer
	clear   bool     // clear the buffer before drawing, as Bubble Tea does
	last    []string // the previous frame's rows
	drawn   []string // the rows in the buffer, when drawn in place
	started bool
}

// flushCost is what one frame gave the renderer to do.
type flushCost struct {
	changed int // rows whose text differs from the same row of the last frame
	fresh   int // rows whose text is on no row of the last frame
	touched int // rows the renderer diffs
	cells   int // cells of those rows, all of which the renderer compares
	bytes   int // bytes written to the terminal
}

func newFlushSim(w, h int, clear bool) *flushSim {
	s := &flushSim{buf: uv.NewScreenBuffer(w, h), clear: clear}
	s.scr = uv.NewTerminalRenderer(&s.out, []string{"TERM=xterm-256color"})
	s.scr.SetScrollOptim(true)
	s.scr.Resize(w, h)
	// The alt screen, as the chat's View asks for (enterAltScreen).
	s.scr.SetFullscreen(true)
	s.scr.SetRelativeCursor(false)
	s.scr.Erase()
	return s
}

// frame flushes one View, as Bubble Tea does when it differs from the last.
func (s *flushSim) frame(v tea.View) flushCost {
	rows := strings.Split(v.Content, "\n")
	var c flushCost
	if s.started && slicesEqual(rows, s.last) {
		return c // Bubble Tea returns before drawing when the View is equal
	}
	c.changed, c.fresh = rowChanges(s.last, rows)
	s.started = true
	s.last = rows
	if s.clear {
		s.buf.Clear()
		uv.NewStyledString(v.Content).Draw(s.buf, s.buf.Bounds())
	} else {
		s.drawChanged(rows)
	}
	// Render's own test for a touched row (terminal_renderer.go, Render);
	// transformLine then scans the whole row whatever span was touched.
	for _, t := range s.buf.Touched {
		if t != nil && (t.FirstCell != -1 || t.LastCell != -1) {
			c.touched++
		}
	}
	c.cells = c.touched * s.buf.Width()
	s.out.Reset()
	s.scr.Render(s.buf.RenderBuffer)
	if v.Cursor != nil {
		s.scr.MoveTo(v.Cursor.X, v.Cursor.Y)
	}
	_ = s.scr.Flush()
	c.bytes = s.out.Len()
	return c
}

// drawChanged draws only the rows whose text differs from the last frame's
// (a StyledString's Draw blanks its whole area first, so drawing the frame
// at once would touch every row).
func (s *flushSim) drawChanged(rows []string) {
	w := s.buf.Width()
	for y := range s.buf.Height() {
		r := ""
		if y < len(rows) {
			r = rows[y]
		}
		if s.drawn != nil && y < len(s.drawn) && s.drawn[y] == r {
			continue
		}
		uv.NewStyledString(r).Draw(s.buf, uv.Rect(0, y, w, 1))
	}
	s.drawn = rows
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// rowChanges counts the rows of next that differ from the same row of prev,
// and those whose text was on no row of prev (what is left to draw once a
// scroll has moved the rest).
func rowChanges(prev, next []string) (changed, fresh int) {
	seen := make(map[string]bool, len(prev))
	for _, r := range prev {
		seen[r] = true
	}
	for i, r := range next {
		if i >= len(prev) || prev[i] != r {
			changed++
		}
		if !seen[r] {
			fresh++
		}
	}
	return changed, fresh
}

// streamCosts streams a 16 KB reply at 120x40 after n earlier messages and
// returns each frame's cost through a flushSim that clears or not, and the
// screen its cell buffer holds at the end: of the frames that changed or,
// with held, where the reader scrolls up a page at the tenth frame, of
// every frame after that.
func streamCosts(tb testing.TB, n int, clear, held bool) (*Model, []flushCost, string) {
	tb.Helper()
	m := newSized(tb, testOptions(newTestClock()), 120, 40)
	if n > 0 {
		m, _ = step(m, longHistory(n))
	}
	sim := newFlushSim(120, 40, clear)
	sim.frame(m.View())
	var costs []flushCost
	frames := 0
	m, _ = streamFrames(tb, m, replyMarkdown(16*1024), func(m *Model, _ frameStats) {
		frames++
		if held && frames == 10 {
			press(m, tea.KeyPgUp, 0)
			sim.frame(m.View())
			return
		}
		c := sim.frame(m.View())
		if held && frames > 10 || !held && (c.touched > 0 || c.changed > 0) {
			costs = append(costs, c)
		}
	})
	return m, costs, sim.buf.Render()
}

// sumCosts adds the frames up.
func sumCosts(cs []flushCost) (t flushCost) {
	for _, c := range cs {
		t.changed += c.changed
		t.fresh += c.fresh
		t.touched += c.touched
		t.cells += c.cells
		t.bytes += c.bytes
	}
	return t
}

// While a reply streams, what reaches the terminal is proportional to the
// rows that changed, and flat between an empty transcript and one of 200
// long messages (11,001 lines, see TestHistoryLoaded). The cells diffed per frame are the whole screen in Bubble
// Tea's flush (it clears the buffer it diffs); drawn in place they would be
// proportional to the changed rows, which the test shows the View allows.
func TestCellsDiffedPerFrame(t *testing.T) {
	const w, h = 120, 40
	type result struct {
		msgs        int
		frames      int
		clear, keep flushCost
	}
	var res [2]result
	for i, n := range []int{0, 200} {
		m, cleared, want := streamCosts(t, n, true, false)
		_, kept, got := streamCosts(t, n, false, false)
		if len(cleared) < 50 || len(cleared) != len(kept) {
			t.Fatalf("%d and %d frames", len(cleared), len(kept))
		}
		if got != want {
			t.Fatalf("drawn in place, the screen differs:\n%s\nfrom\n%s", got, want)
		}
		res[i] = result{msgs: len(m.tr.entries), frames: len(cleared), clear: sumCosts(cleared), keep: sumCosts(kept)}
		for f := range cleared {
			c, k := cleared[f], kept[f]
			if c.touched != h || c.cells != w*h {
				t.Errorf("after %d messages, frame %d: Bubble Tea's flush diffed %d rows, %d cells; want the whole screen", n, f, c.touched, c.cells)
			}
			// In place, the renderer diffs only the changed rows' cells.
			if k.touched > k.changed || k.cells > k.changed*w {
				t.Errorf("after %d messages, frame %d: %d rows changed, %d touched, %d cells diffed", n, f, k.changed, k.touched, k.cells)
			}
			// The bytes follow the rows that are new after a scroll:
			// a row's worth of text and styling each, and the moves.
			if c.bytes > (c.fresh+2)*4*w || k.bytes > (k.fresh+2)*4*w {
				t.Errorf("after %d messages, frame %d: %d new rows, %d / %d bytes", n, f, c.fresh, c.bytes, k.bytes)
			}
		}
	}
	for _, r := range res {
		fr := float64(r.frames)
		t.Logf("%3d messages above, %d frames: per frame %.1f rows changed, %.1f new; Bubble Tea's flush: %.0f cells diffed, %.0f bytes; in place: %.0f cells diffed, %.0f bytes",
			r.msgs, r.frames, float64(r.clear.changed)/fr, float64(r.clear.fresh)/fr,
			float64(r.clear.cells)/fr, float64(r.clear.bytes)/fr, float64(r.keep.cells)/fr, float64(r.keep.bytes)/fr)
	}
	short, long := res[0], res[1]
	perFrame := func(r result, v int) float64 { return float64(v) / float64(r.frames) }
	if perFrame(long, long.clear.bytes) > perFrame(short, short.clear.bytes)*1.2+20 ||
		perFrame(long, long.keep.cells) > perFrame(short, short.keep.cells)*1.2+w {
		t.Errorf("a frame costs more after 5,000 lines: %.0f vs %.0f bytes, %.0f vs %.0f cells in place",
			perFrame(long, long.clear.bytes), perFrame(short, short.clear.bytes),
			perFrame(long, long.keep.cells), perFrame(short, short.keep.cells))
	}
}

// BenchmarkCellsPerFrame reports, for a 16 KB reply streamed at 120x40, the
// cells diffed and the bytes written per frame by Bubble Tea's flush, and
// the cells an in-place draw would leave to diff.
func BenchmarkCellsPerFrame(b *testing.B) {
	var cleared, kept []flushCost
	for b.Loop() {
		_, cleared, _ = streamCosts(b, 0, true, false)
		_, kept, _ = streamCosts(b, 0, false, false)
	}
	c, k, n := sumCosts(cleared), sumCosts(kept), float64(len(cleared))
	b.ReportMetric(float64(c.cells)/n, "cells/frame")
	b.ReportMetric(float64(c.bytes)/n, "bytes/frame")
	b.ReportMetric(float64(c.changed)/n, "changed-rows/frame")
	b.ReportMetric(float64(k.cells)/n, "in-place-cells/frame")
}

// Scrolled up while the reply streams below, the View does not change, so
// Bubble Tea returns before drawing and nothing is diffed or written.
func TestCellsDiffedWhileScrolledUp(t *testing.T) {
	for _, clear := range []bool{true, false} {
		_, held, _ := streamCosts(t, 0, clear, true)
		if len(held) < 50 {
			t.Fatalf("only %d frames held", len(held))
		}
		if c := sumCosts(held); c != (flushCost{}) {
			t.Errorf("%d frames scrolled up cost %+v, want nothing", len(held), c)
		}
	}
}
