package ui

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/markdown"
)

// testRenderCtx is a layout of width columns, dark theme.
func testRenderCtx(t *testing.T, width int) renderCtx {
	t.Helper()
	r, err := markdown.NewRenderer(max(20, width), markdown.ThemeDark)
	if err != nil {
		t.Fatal(err)
	}
	st := DefaultStyles(true, false)
	return renderCtx{width: width, md: r, styles: &st}
}

// TestEntryRendersItself: an entry needs nothing but a renderCtx. A reply
// streamed in pieces, frame by frame, ends with the lines of the same
// reply rendered at once, and its status lines change without a render.
func TestEntryRendersItself(t *testing.T) {
	rc := testRenderCtx(t, 80)
	reply := replyMarkdown(6000)

	whole := &entry{role: roleAssistant, model: "gpt-4", created: testEpoch, status: session.StatusComplete}
	whole.appendText(reply)
	whole.render(rc)

	streamed := &entry{role: roleAssistant, model: "gpt-4", created: testEpoch, status: session.StatusStreaming}
	streamed.streaming(rc.md)
	streamed.render(rc)
	for _, tok := range tokens(reply, 97) {
		streamed.appendText(tok)
		streamed.renderTail(rc)
	}
	if streamed.text.md == nil || streamed.text.md.Text() != reply {
		t.Fatal("the streaming entry does not hold the reply it was given")
	}

	renders := rc.md.Stats().Renders
	rc.retry = "↻ Busy. Retrying in 3s (attempt 2 of 3)."
	streamed.restatus(rc)
	if n := rc.md.Stats().Renders - renders; n != 0 {
		t.Errorf("a new status line rendered markdown %d times", n)
	}
	if got := ansi.Strip(strings.Join(streamed.lines, "\n")); !strings.Contains(got, "Retrying in 3s") {
		t.Errorf("the retry line is not shown")
	}
	rc.retry = ""

	streamed.status = session.StatusComplete
	streamed.finish(rc)
	if streamed.text.md != nil {
		t.Error("a finished entry kept its stream")
	}
	if strings.Join(streamed.lines, "\n") != strings.Join(whole.lines, "\n") {
		t.Errorf("the streamed reply's lines differ from the whole reply's")
	}
	if streamed.text.String() != reply || streamed.shown() != reply {
		t.Errorf("the finished entry lost its text")
	}
}

// TestEntryTextHeldOnce: a reply's text is held once. While every piece
// is safe to show, the received text is the markdown stream's own copy,
// before and after the reply ends; a piece that sanitising changes makes
// the received text be kept apart, and the screen shows it sanitised.
func TestEntryTextHeldOnce(t *testing.T) {
	rc := testRenderCtx(t, 60)
	same := func(a, b string) bool { return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b) }

	e := &entry{role: roleAssistant, created: testEpoch, status: session.StatusStreaming}
	e.streaming(rc.md)
	e.appendText("safe ")
	e.appendText("text, **twice** over")
	if !same(e.text.String(), e.text.md.Text()) || e.text.apart.Len() != 0 {
		t.Errorf("safe text is held twice while streaming")
	}
	md := e.text.md
	e.status = session.StatusComplete
	e.finish(rc)
	if got := e.text.String(); got != "safe text, **twice** over" || !same(got, md.Text()) || e.text.apart.Len() != 0 {
		t.Errorf("the finished text %q was copied or changed", got)
	}

	e = &entry{role: roleAssistant, created: testEpoch, status: session.StatusStreaming}
	e.streaming(rc.md)
	for _, piece := range []string{"safe ", "\x1b]52;c;ZXZpbA==\x07", " text\r\n"} {
		e.appendText(piece)
	}
	if e.text.md.Text() != e.shown() || strings.ContainsAny(e.shown(), "\x1b\x07\r") {
		t.Errorf("the stream renders %q", e.text.md.Text())
	}
	e.status = session.StatusComplete
	e.finish(rc)
	if got := e.text.String(); got != "safe \x1b]52;c;ZXZpbA==\x07 text\r\n" {
		t.Errorf("text as received = %q", got)
	}
	if got := e.shown(); got != "safe ␛]52;c;ZXZpbA==␇ text\n" {
		t.Errorf("text shown = %q", got)
	}
}

// TestFinishedEqualsWholeRender: a reply finished after streaming shows the
// lines of the same reply rendered at once, whatever its pieces and its
// end (blank lines, an open code block, a list, a table), whether the
// last piece had been through a frame or not.
func TestFinishedEqualsWholeRender(t *testing.T) {
	rc := testRenderCtx(t, 72)
	ends := []string{"", "\n", "\n\n\n", "\n\n```go\nfunc f() {\n", "\n\n- a\n- b\n", "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "  \n\n> quote"}
	for i, end := range ends {
		reply := replyMarkdown(1500+i*300) + end
		for _, piece := range []int{29, 400} {
			for _, lastFramed := range []bool{false, true} {
				whole := &entry{role: roleAssistant, created: testEpoch, status: session.StatusComplete}
				whole.appendText(reply)
				whole.render(rc)

				e := &entry{role: roleAssistant, created: testEpoch, status: session.StatusStreaming}
				e.streaming(rc.md)
				e.render(rc)
				toks := tokens(reply, piece)
				for j, tok := range toks {
					e.appendText(tok)
					if j%5 == 4 || (lastFramed && j == len(toks)-1) {
						e.renderTail(rc)
					}
				}
				e.status = session.StatusComplete
				e.finish(rc)
				if strings.Join(e.lines, "\n") != strings.Join(whole.lines, "\n") {
					t.Errorf("end %q, pieces of %d, last piece framed %v: the finished reply differs from the whole one",
						end, piece, lastFramed)
				}
			}
		}
	}
}
