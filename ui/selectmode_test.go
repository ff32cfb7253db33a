package ui

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/ui/markdown"
)

// chatWith returns a chat that has had the given prompts each answered
// with its reply, all finished.
func chatWith(t testing.TB, w, h int, turns ...string) *Model {
	t.Helper()
	m := newSized(t, testOptions(newTestClock()), w, h)
	for i := 0; i+1 < len(turns); i += 2 {
		m, _ = sendPrompt(t, m, turns[i])
		m = deliver(m, turns[i+1])
		m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	}
	return m
}

// selectedText is the selected message's source, or "" when none is.
func selectedText(m *Model) string {
	if e, _ := m.selected(); e != nil {
		return e.text.String()
	}
	return ""
}

// barredLines are the screen's lines that carry the selection's bar.
func barredLines(m *Model) []string {
	var out []string
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.HasPrefix(l, selectedMark) {
			out = append(out, l)
		}
	}
	return out
}

// TestSelectMoveAndBack: tab selects the newest message and marks its
// lines in the margin; k and up go back, j and down forward, stopping at
// the ends; the key help shows the select-mode keys; tab and esc go back
// to the input, where typing works again.
func TestSelectMoveAndBack(t *testing.T) {
	m := chatWith(t, 80, 30, "first prompt", "first reply", "second prompt", "second reply")
	m, _ = press(m, tea.KeyTab, 0)
	if got := selectedText(m); got != "second reply" {
		t.Fatalf("tab selected %q, want the newest message", got)
	}
	if bars := barredLines(m); len(bars) != 2 || !strings.Contains(bars[1], "second reply") {
		t.Errorf("the selected reply's label and body should carry the bar; barred lines: %q\n%s", bars, screen(m))
	}
	if help := strings.Split(screen(m), "\n"); !strings.Contains(help[len(help)-1], "c code") {
		t.Errorf("key help in select mode: %q", help[len(help)-1])
	}
	for _, k := range []struct {
		code rune
		want string
	}{{'k', "second prompt"}, {tea.KeyUp, "first reply"}, {'k', "first prompt"}, {'k', "first prompt"},
		{'j', "first reply"}, {tea.KeyDown, "second prompt"}, {'j', "second reply"}, {'j', "second reply"}} {
		m, _ = press(m, k.code, 0)
		if got := selectedText(m); got != k.want {
			t.Fatalf("after %q selected %q, want %q", k.code, got, k.want)
		}
	}
	m, _ = press(m, tea.KeyTab, 0)
	if m.sel.active || len(barredLines(m)) != 0 {
		t.Fatal("tab in select mode did not go back to the input")
	}
	m = typeText(m, "jk")
	if m.input.Value() != "jk" {
		t.Errorf("after select mode the input holds %q, want what was typed", m.input.Value())
	}
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, tea.KeyEscape, 0)
	if m.sel.active {
		t.Error("esc did not leave select mode")
	}
}

// TestSelectWhileStreaming: select mode works while a reply streams, and
// esc there leaves select mode without stopping the reply.
func TestSelectWhileStreaming(t *testing.T) {
	m := chatWith(t, 80, 30, "q", "a")
	m, _ = sendPrompt(t, m, "another")
	m = deliver(m, "partial")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'k', 0)
	if got := selectedText(m); got != "another" {
		t.Fatalf("selected %q, want the prompt above the streaming reply", got)
	}
	m = deliver(m, " more")
	m, _ = press(m, tea.KeyEscape, 0)
	if !m.stream.active {
		t.Fatal("esc in select mode stopped the reply")
	}
	if m.sel.active {
		t.Error("esc did not leave select mode")
	}
}

// TestSelectScrollsIntoView: moving to a message above the view scrolls
// it into sight, and back to the newest scrolls down again.
func TestSelectScrollsIntoView(t *testing.T) {
	var turns []string
	for i := range 20 {
		turns = append(turns, fmt.Sprintf("prompt %d", i), fmt.Sprintf("reply %d", i))
	}
	m := chatWith(t, 80, 20, turns...)
	m, _ = press(m, tea.KeyTab, 0)
	for range 39 {
		m, _ = press(m, 'k', 0)
	}
	if !strings.Contains(screen(m), selectedMark+" You") && !strings.Contains(screen(m), selectedMark+"You") {
		t.Fatalf("the first prompt, selected, is not in view:\n%s", screen(m))
	}
	for range 39 {
		m, _ = press(m, 'j', 0)
	}
	if bars := barredLines(m); len(bars) == 0 || !strings.Contains(strings.Join(bars, "\n"), "reply 19") {
		t.Errorf("the newest reply, selected again, is not in view:\n%s", screen(m))
	}
}

// TestSelectFold: space opens and closes the selected reply's reasoning.
func TestSelectFold(t *testing.T) {
	m := chatWith(t, 80, 30)
	m, _ = sendPrompt(t, m, "think")
	m, _ = step(m, chunkMsg{id: m.stream.id, reasoning: "deep thought here"})
	m = deliver(m, "answer")
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	m, _ = press(m, tea.KeyTab, 0)
	if strings.Contains(screen(m), "deep thought here") {
		t.Fatal("the reasoning shows before it was opened")
	}
	m, _ = press(m, tea.KeySpace, 0)
	if !strings.Contains(screen(m), "deep thought here") {
		t.Fatalf("space did not open the reasoning:\n%s", screen(m))
	}
	m, _ = press(m, tea.KeySpace, 0)
	if strings.Contains(screen(m), "deep thought here") {
		t.Error("space again did not close the reasoning")
	}
}

// TestSelectKeyScopes: select-mode keys may be keys the input uses, but
// two actions of one scope may not share a key.
func TestSelectKeyScopes(t *testing.T) {
	for _, c := range []struct {
		keys  map[string][]string
		clash string // "" when accepted
	}{
		{nil, ""},
		{map[string][]string{"select_next": {"enter"}}, ""},         // send acts only at the input
		{map[string][]string{"copy_message": {"ctrl+j"}}, ""},       // newline too
		{map[string][]string{"copy_message": {"ctrl+l"}}, "models"}, // the menu opens from select mode
		{map[string][]string{"fold": {"d"}}, "delete"},
		{map[string][]string{"send": {"tab"}}, "select"},
		{map[string][]string{"select": {"y"}}, "copy_message"},
	} {
		_, err := DefaultKeyMap().ApplyKeys(c.keys)
		switch {
		case c.clash == "" && err != nil:
			t.Errorf("%v refused: %v", c.keys, err)
		case c.clash != "" && (err == nil || !strings.Contains(err.Error(), c.clash)):
			t.Errorf("%v: got %v, want a clash with %s", c.keys, err, c.clash)
		}
	}
}

// recClipboard records what reaches the system clipboard.
type recClipboard struct {
	mu    sync.Mutex
	texts []string
	err   error
}

func (c *recClipboard) write(s string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.texts = append(c.texts, s)
	return c.err
}

// copied runs cmd, applies what the system clipboard reported, and
// returns the OSC 52 text (ok false when none was sent).
func copied(t *testing.T, m *Model, cmd tea.Cmd) (string, bool) {
	t.Helper()
	var osc []string
	for _, msg := range run(cmd) {
		switch msg := msg.(type) {
		case copiedMsg:
			step(m, msg)
		default:
			if fmt.Sprintf("%T", msg) == clipboardType.String() {
				osc = append(osc, fmt.Sprint(msg))
			}
		}
	}
	if len(osc) == 0 {
		return "", false
	}
	return osc[0], true
}

// TestCopyMessageAndCode: y copies the selected message's source, through
// OSC 52 and the system clipboard alike; c copies its code blocks without
// their fences, one per press and round again, the footer naming each.
func TestCopyMessageAndCode(t *testing.T) {
	reply := "Two blocks:\n\n```go\nfmt.Println(1)\nfmt.Println(2)\n```\n\ntext\n\n~~~\nplain \x1b[31m\n~~~\n"
	clip := &recClipboard{}
	opts := testOptions(newTestClock())
	opts.Clipboard = clip.write
	m := newSized(t, opts, 80, 30)
	m, _ = sendPrompt(t, m, "code please")
	m = deliver(m, reply)
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	m, _ = press(m, tea.KeyTab, 0)

	m, cmd := press(m, 'y', 0)
	got, ok := copied(t, m, cmd)
	if !ok || !strings.HasPrefix(got, "Two blocks:\n\n```go") || strings.Contains(got, "\x1b") {
		t.Fatalf("y copied %q, want the reply's source, sanitised", got)
	}
	if len(clip.texts) != 1 || clip.texts[0] != got {
		t.Errorf("the system clipboard got %q, want what OSC 52 got", clip.texts)
	}
	for _, want := range []struct{ code, note string }{
		{"fmt.Println(1)\nfmt.Println(2)", "code block 1 of 2 (go, 2 lines)"},
		{sanitize.Text("plain \x1b[31m"), "code block 2 of 2 (no language, 1 line)"},
		{"fmt.Println(1)\nfmt.Println(2)", "code block 1 of 2 (go, 2 lines)"},
	} {
		m, cmd = press(m, 'c', 0)
		got, _ := copied(t, m, cmd)
		if got != want.code {
			t.Errorf("c copied %q, want %q", got, want.code)
		}
		if strings.Contains(got, "\x1b") || strings.Contains(got, "```") {
			t.Errorf("c copied %q: a fence or a control character", got)
		}
		if !strings.Contains(screen(m), want.note) {
			t.Errorf("footer does not name %q:\n%s", want.note, screen(m))
		}
	}
	m, _ = press(m, 'k', 0)
	m, cmd = press(m, 'c', 0)
	if _, ok := copied(t, m, cmd); ok || !strings.Contains(screen(m), "no code block") {
		t.Errorf("c on a prompt without code copied something, or said nothing:\n%s", screen(m))
	}
}

// TestCopyTooLarge: a text too large for OSC 52 is not sent through the
// terminal; the footer says whether the system clipboard took it.
func TestCopyTooLarge(t *testing.T) {
	big := strings.Repeat("word ", osc52Max/5+10)
	for _, c := range []struct {
		err  error
		want string
	}{
		{nil, "to the system clipboard (too large for OSC 52)."},
		{errors.New("no clipboard here"), "Nothing was copied: the reply ("},
	} {
		clip := &recClipboard{err: c.err}
		opts := testOptions(newTestClock())
		opts.Clipboard = clip.write
		m := newSized(t, opts, 200, 30)
		m, _ = sendPrompt(t, m, "long")
		m = deliver(m, big)
		m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
		m, cmd := press(m, 'y', tea.ModCtrl)
		if _, ok := copied(t, m, cmd); ok {
			t.Error("a text too large for OSC 52 was sent through the terminal")
		}
		if len(clip.texts) != 1 || clip.texts[0] != strings.TrimSpace(big) && clip.texts[0] != big {
			t.Errorf("the system clipboard was not given the text")
		}
		if !strings.Contains(strings.Join(strings.Fields(screen(m)), " "), c.want) {
			t.Errorf("footer does not say %q:\n%s", c.want, screen(m))
		}
	}
}

// TestSelectNothing: tab with no message says so and stays at the input.
func TestSelectNothing(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 20)
	m, _ = press(m, tea.KeyTab, 0)
	if m.sel.active || !strings.Contains(screen(m), "no message to select") {
		t.Errorf("tab with no message:\n%s", screen(m))
	}
}

// TestCodeBlocks: fences of backticks or tildes, info strings, a closing
// fence that must match, indentation and a block left open.
func TestCodeBlocks(t *testing.T) {
	src := "a\n```python title\nx = 1\n  ~~~\n```\n  ````\n  y\n   ```\n  z\n  ````\n~~~\nopen\n"
	got := codeBlocks(src)
	want := []codeBlock{{"python", "x = 1\n  ~~~", 2, false}, {"", "y\n ```\nz", 3, false}, {"", "open\n", 2, true}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("codeBlocks = %+v, want %+v", got, want)
	}
}

// TestGoldenSelectMode: select mode at 80 columns, the reply selected:
// the bar in its margin and the select-mode keys in the key help, all but
// fold, none cut.
func TestGoldenSelectMode(t *testing.T) {
	m := chatWith(t, 80, 30, "How do I sum a slice?", goldenReply)
	m, _ = press(m, tea.KeyTab, 0)
	requireGolden(t, m)
}

// TestGoldenSelectModeWide: select mode at 120 columns: every
// select-mode key in the key help.
func TestGoldenSelectModeWide(t *testing.T) {
	m := chatWith(t, 120, 12, "Name a colour.", "Red.")
	m, _ = press(m, tea.KeyTab, 0)
	requireGolden(t, m)
}

// markedRows are the screen's rows that carry the copied block's mark.
func markedRows(m *Model) []string {
	var out []string
	for _, l := range strings.Split(screen(m), "\n") {
		if rest, ok := strings.CutPrefix(l, selectedMark+copiedMark); ok {
			out = append(out, strings.TrimSpace(rest))
		}
	}
	return out
}

// twoBlocks is a reply with two code blocks, a line of prose like the
// second's code before them.
const twoBlocks = "gamma\n\n```go\nalpha := 1\nbeta := 2\n```\n\nand\n\n```\ngamma\n\n  delta\n```\n"

// TestCopiedBlockMarked: c marks the rows of the block it copied, and
// only those; the next c moves the mark to the next block; moving the
// selection takes it away.
func TestCopiedBlockMarked(t *testing.T) {
	m := chatWith(t, 80, 30, "code please", twoBlocks)
	m, _ = press(m, tea.KeyTab, 0)
	if got := markedRows(m); len(got) != 0 {
		t.Fatalf("rows marked before any copy: %q", got)
	}
	m, _ = press(m, 'c', 0)
	if got := strings.Join(markedRows(m), "|"); got != "alpha := 1|beta := 2" {
		t.Errorf("after c the marked rows are %q, want the first block's:\n%s", got, screen(m))
	}
	m, _ = press(m, 'c', 0)
	if got := strings.Join(markedRows(m), "|"); got != "gamma||delta" {
		t.Errorf("after c c the marked rows are %q, want the second block's:\n%s", got, screen(m))
	}
	m, _ = press(m, 'k', 0)
	m, _ = press(m, 'j', 0)
	if got := markedRows(m); len(got) != 0 {
		t.Errorf("the mark stayed after the selection moved: %q", got)
	}
	m, _ = press(m, 'c', 0)
	m, _ = press(m, tea.KeyTab, 0)
	if got := markedRows(m); len(got) != 0 {
		t.Errorf("the mark stayed after select mode ended: %q", got)
	}
}

// TestCopiedBlockWithACutLineMarked: a code line too long for the screen
// is cut with a mark and goes on in the next row; its rows are marked all
// the same.
func TestCopiedBlockWithACutLineMarked(t *testing.T) {
	long := `fmt.Println("a line that goes well past the eighty column edge of the screen, to be cut")`
	m := chatWith(t, 80, 30, "code please", "Here:\n\n```go\nx := 1\n"+long+"\ny := 2\n```\n\nand more\n")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'c', 0)
	rows := markedRows(m)
	if len(rows) != 4 || rows[0] != "x := 1" || rows[3] != "y := 2" || !strings.HasSuffix(rows[1], markdown.CutMark) {
		t.Errorf("marked rows %q, want the block's four, the long line cut:\n%s", rows, screen(m))
	}
}

// TestCodeRows: a block's rows are found by their text whatever the
// wrapping and the tabs, after the blocks before it, and only indented.
func TestCodeRows(t *testing.T) {
	body := []string{
		"  x := 1",          // prose that reads like the code
		"    x := 1",        // block 0
		"",                  //
		"  text",            //
		"    if a {",        // block 1
		"        return b,", // a line wrapped
		"  c",               //
		"    }",             //
	}
	blocks := codeBlocks("```\nx := 1\n```\ntext\n```go\nif a {\n\treturn b, c\n}\n```\n")
	for n, want := range [][2]int{{1, 2}, {4, 8}} {
		from, to, ok := codeRows(body, blocks, n, 4)
		if !ok || from != want[0] || to != want[1] {
			t.Errorf("block %d: rows %d to %d (%v), want %v", n, from, to, ok, want)
		}
	}
	if _, _, ok := codeRows(body, blocks, 2, 4); ok {
		t.Error("a block past the last was found")
	}
	if _, _, ok := codeRows(body[:7], blocks, 1, 4); ok {
		t.Error("a block whose last row is missing was found")
	}
}

// TestGoldenCopiedBlock: select mode at 80 columns after c: the code
// block copied has the mark beside the bar.
func TestGoldenCopiedBlock(t *testing.T) {
	m := chatWith(t, 80, 30, "How do I sum a slice?", goldenReply)
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'c', 0)
	requireGolden(t, m)
}

// TestCopiedBlockMarkedWhileStreaming: the block copied from a reply
// being written stays marked as more text arrives, and once its rows are
// in the stream's stable head they are not looked for again each frame.
func TestCopiedBlockMarkedWhileStreaming(t *testing.T) {
	m := chatWith(t, 80, 100)
	m, _ = sendPrompt(t, m, "code please")
	m = deliver(m, "Look:\n\n```go\nalpha := 1\nbeta := 2\n```\n\nThen some more words.\n\n")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'c', 0)
	if got := strings.Join(markedRows(m), "|"); got != "alpha := 1|beta := 2" {
		t.Fatalf("marked rows %q:\n%s", got, screen(m))
	}
	var found codeMarkRows
	for i := range 5 {
		m = deliver(m, fmt.Sprintf("Paragraph %d %s\n\n", i, strings.Repeat("goes on for a while ", 30)))
		if got := strings.Join(markedRows(m), "|"); got != "alpha := 1|beta := 2" {
			t.Fatalf("after more text the marked rows are %q:\n%s", got, screen(m))
		}
		if i == 1 { // the block is committed by now (markdown's minCommit)
			found = m.sel.rows
		}
	}
	if m.stream.entry.head < found.to || m.sel.rows != found {
		t.Errorf("the block's rows were looked for again: %+v, were %+v", m.sel.rows, found)
	}
}

// TestCopiedBlockShown: in a reply taller than the view, c scrolls to the
// block it copied, so that its mark is seen: each of three blocks in
// turn, and the first again.
func TestCopiedBlockShown(t *testing.T) {
	prose := strings.Repeat("A paragraph of prose between the blocks.\n\n", 12)
	reply := "```\nfirst := 1\n```\n\n" + prose + "```\nsecond := 2\n```\n\n" + prose + "```\nthird := 3\n```\n\n" + prose
	m := chatWith(t, 80, 14, "code please", reply)
	m, _ = press(m, tea.KeyTab, 0)
	for _, want := range []string{"first := 1", "second := 2", "third := 3", "first := 1"} {
		m, _ = press(m, 'c', 0)
		if got := strings.Join(markedRows(m), "|"); got != want {
			t.Errorf("after c the marked rows on screen are %q, want %q:\n%s", got, want, screen(m))
		}
	}
}

// TestOtherConversationEndsSelect: a new conversation (Ctrl+N) or another
// one opened while a message is selected ends select mode: the key help
// is the input's again and the input has the keys, so a letter typed
// goes into it.
func TestOtherConversationEndsSelect(t *testing.T) {
	for _, open := range []struct {
		name string
		msg  tea.Msg
	}{
		{"ctrl+n", tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}},
		{"opened", savedConversation()},
	} {
		m := chatWith(t, 100, 20, "q1", "a1")
		m, _ = press(m, tea.KeyTab, 0)
		m, _ = step(m, open.msg)
		if m.sel.active || strings.Contains(keyHelpLine(m), "j/k move") || !m.input.Focused() {
			t.Errorf("%s: select mode goes on (key help %q, input focused %v)", open.name, keyHelpLine(m), m.input.Focused())
		}
		m = typeText(m, "j")
		if m.input.Value() != "j" {
			t.Errorf("%s: j typed %q into the input", open.name, m.input.Value())
		}
	}
}

// TestCopyCodeStillStreaming: y on a reply being written says it copied
// the reply so far; c says when no code block has come yet; on a code block still being written it copies
// what has come and says the block is not whole; once it is closed the
// count stands alone.
func TestCopyCodeStillStreaming(t *testing.T) {
	m := chatWith(t, 80, 30)
	m, _ = sendPrompt(t, m, "code please")
	m = deliver(m, "Look:")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'y', 0)
	if got := statusLine(m); !strings.Contains(got, "the reply so far (5 characters)") {
		t.Errorf("y on a reply being written: %q", got)
	}
	m, _ = press(m, 'c', 0)
	if got := statusLine(m); !strings.Contains(got, "This reply has no code block yet.") {
		t.Errorf("c before any code came: %q", got)
	}
	m = deliver(m, "\n\n```go\nalpha := 1\nbeta := 2")
	m, cmd := press(m, 'c', 0)
	if got, _ := copied(t, m, cmd); got != "alpha := 1\nbeta := 2" {
		t.Errorf("c copied %q", got)
	}
	if got := statusLine(m); !strings.Contains(got, "(go, 2 lines so far)") {
		t.Errorf("the notice does not say the block is not whole: %q", got)
	}
	m = deliver(m, "\n```\n")
	m, _ = press(m, 'c', 0)
	if got := statusLine(m); !strings.Contains(got, "(go, 2 lines)") {
		t.Errorf("a closed block: %q", got)
	}
	m = finish(m, "")
	m, _ = press(m, 'y', 0)
	if got := statusLine(m); !strings.Contains(got, "the reply (") {
		t.Errorf("y on a finished reply: %q", got)
	}
}

// TestSelectTyping: a letter select mode has no use for is not typed into
// the input, nor is Enter a send, and the status row says how to get back
// to the input.
func TestSelectTyping(t *testing.T) {
	m := chatWith(t, 80, 20, "q1", "a1")
	m, _ = press(m, tea.KeyTab, 0)
	m = typeText(m, "x")
	if m.input.Value() != "" || !strings.Contains(statusLine(m), "nothing is typed or sent; tab goes back to the input") {
		t.Errorf("x in select mode: input %q, status %q", m.input.Value(), statusLine(m))
	}
	m, _ = step(m, noticeExpiredMsg{seq: m.footer.seq})
	m, _ = press(m, tea.KeyEnter, 0)
	if !strings.Contains(statusLine(m), "tab goes back to the input") {
		t.Errorf("enter in select mode: status %q", statusLine(m))
	}
}

// TestSelectFullHelp: ctrl+g in select mode lists the select-mode keys,
// those a narrow key help leaves out too, and not the input's (esc there
// goes back rather than stop a reply); Tab back shows the input's again.
// The screen keeps its height either way.
func TestSelectFullHelp(t *testing.T) {
	m := chatWith(t, 40, 30, "q1", "a1")
	m, _ = press(m, tea.KeyTab, 0)
	m, _ = press(m, 'g', tea.ModCtrl)
	s := screen(m)
	for _, want := range []string{"←/h   previous branch", "d     delete", "space fold", "r     regenerate"} {
		if !strings.Contains(s, want) {
			t.Errorf("the full help in select mode lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "stop reply") || len(strings.Split(s, "\n")) != 30 {
		t.Errorf("the full help in select mode:\n%s", s)
	}
	m, _ = press(m, tea.KeyTab, 0)
	if s := screen(m); !strings.Contains(s, "stop reply") || strings.Contains(s, "regenerate") || len(strings.Split(s, "\n")) != 30 {
		t.Errorf("the full help back at the input:\n%s", s)
	}
}
