package ui

import (
	"bytes"
	"github.com/lockchat/lockchat/session"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/clienttest"
)

// Goldens live in testdata/<TestName>.golden; refresh them with
//
//	go test ./ui/ -run Golden -update

// goldenReply is a finished reply with a code block and a table.
const goldenReply = "## Totals\n\nHere is how to **sum** a slice:\n\n" +
	"```go\nfunc sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\treturn total\n}\n```\n\n" +
	"| input | sum |\n|-------|----:|\n| 1 2 3 | 6 |\n| 10 20 | 30 |\n\nThat is all."

// requireGolden compares the view, ANSI stripped, with the test's golden.
func requireGolden(t *testing.T, m *Model) {
	t.Helper()
	view := ansi.Strip(m.View().Content)
	// Trailing spaces are padding; dropping them keeps goldens readable.
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	teatest.RequireEqualOutput(t, []byte(strings.Join(lines, "\n")+"\n"))
}

// startProgram runs the chat in a teatest program with colours fixed.
func startProgram(t *testing.T, m *Model, w, h int) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

// waitOutput waits until the program has written want (ANSI stripped) and
// ready reports true.
func waitOutput(t *testing.T, tm *teatest.TestModel, want string, ready func() bool) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(want)) && (ready == nil || ready())
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// finalModel quits the program and returns its last model.
func finalModel(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
}

// programOptions are the options of a chat run against srv's client by a
// real program, with Bubble Tea's own timers.
func programOptions(c *client.Client, j *recJournal) Options {
	opts := testOptions(newTestClock())
	opts.Client, opts.Journal, opts.After = c, j, nil
	return opts
}

func enter(tm *teatest.TestModel) { tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) }

func TestGoldenEmptyChat(t *testing.T) {
	_, c := testServer(t)
	tm := startProgram(t, New(programOptions(c, nil)), 80, 24)
	waitOutput(t, tm, "Type a message and press enter.", nil)
	requireGolden(t, finalModel(t, tm))
}

func TestGoldenMidStream(t *testing.T) {
	text := "## Plan\n\nFirst we **measure**, then we cut.\n\n- one\n- two\n\nThe stream stops right"
	resp := clienttest.Stream{Tokens: clienttest.Split(text, 4), NoFinish: true, NoDone: true}.Response()
	resp.Stall = true
	_, c := testServer(t, clienttest.WithReply(resp))
	j := newRecJournal()
	tm := startProgram(t, New(programOptions(c, j)), 80, 24)
	waitOutput(t, tm, "Type a message", nil)
	tm.Type("make a plan")
	enter(tm)
	// Every token has been through a frame once the store has all of it.
	waitOutput(t, tm, "measure", func() bool { return j.saved() == text })
	m := finalModel(t, tm)
	if !m.stream.active {
		t.Fatal("the stalled reply is not streaming")
	}
	requireGolden(t, m)
}

func TestGoldenFinishedReply(t *testing.T) {
	_, c := testServer(t, clienttest.WithReply(clienttest.ReplyText(goldenReply, 4, 0)))
	j := newRecJournal()
	tm := startProgram(t, New(programOptions(c, j)), 80, 40)
	waitOutput(t, tm, "Type a message", nil)
	tm.Type("how do I sum?")
	enter(tm)
	waitOutput(t, tm, "Totals", j.isFinished)
	m := finalModel(t, tm)
	if st := m.tr.last().status; st != session.StatusComplete {
		t.Fatalf("reply status %q", st)
	}
	requireGolden(t, m)
}

func TestGoldenModelMenu(t *testing.T) {
	_, c := testServer(t, clienttest.WithModels("gpt-4", "zz-served-model"))
	opts := programOptions(c, nil)
	opts.Models = []string{"local-llama"}
	tm := startProgram(t, New(opts), 80, 24)
	waitOutput(t, tm, "Type a message", nil)
	tm.Send(tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl})
	waitOutput(t, tm, "zz-served-model", nil)
	m := finalModel(t, tm)
	if !menuOpen(m) {
		t.Fatal("menu not open")
	}
	requireGolden(t, m)
}

// finishedChat is a chat with one prompt and one finished reply.
func finishedChat(t *testing.T, opts Options, w, h int, prompt, reply string, err error) *Model {
	t.Helper()
	m := newSized(t, opts, w, h)
	m, _ = sendPrompt(t, m, prompt)
	m = deliver(m, reply)
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true, err: err})
	return m
}

func TestGoldenInlineError(t *testing.T) {
	err := &client.Error{Kind: client.KindHTTPStatus, Status: 503,
		Message: "The server is unavailable (503 Service Unavailable); try again later."}
	m := finishedChat(t, testOptions(newTestClock()), 80, 16, "tell me a story", "Once upon a time, in a land", err)
	requireGolden(t, m)
}

func TestGoldenFullHelp(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = press(m, 'g', tea.ModCtrl)
	if !m.help.ShowAll {
		t.Fatal("ctrl+g did not open the full help")
	}
	requireGolden(t, m)
	// ctrl+g again closes it and gives the lines back to the transcript.
	h := m.tr.height
	m, _ = press(m, 'g', tea.ModCtrl)
	if m.help.ShowAll || m.tr.height <= h {
		t.Errorf("second ctrl+g: help %v, transcript height %d (was %d)", m.help.ShowAll, m.tr.height, h)
	}
}

func TestGoldenNarrow(t *testing.T) {
	m := finishedChat(t, testOptions(newTestClock()), 40, 40, mixedText, goldenReply, nil)
	for i, l := range strings.Split(m.View().Content, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %d is %d cells wide: %q", i, w, ansi.Strip(l))
		}
	}
	requireGolden(t, m)
}

func TestGoldenLightBackground(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Theme = "light"
	m := finishedChat(t, opts, 80, 40, "how do I sum?", goldenReply, nil)
	if m.isDark || m.renderer.Theme().String() != "light" {
		t.Fatalf("light theme not used: dark %v, markdown %s", m.isDark, m.renderer.Theme())
	}
	requireGolden(t, m)
	// The colours differ from the dark theme's while the text is the same.
	dark := finishedChat(t, testOptions(newTestClock()), 80, 40, "how do I sum?", goldenReply, nil)
	if dark.View().Content == m.View().Content {
		t.Errorf("light and dark views are identical")
	}
	if screen(dark) != screen(m) {
		t.Errorf("light and dark views differ in text")
	}
}

// TestGoldenReasoningLive: a model thinking, its last lines live under
// the label.
func TestGoldenReasoningLive(t *testing.T) {
	m, _, clk := thinkingChat(t, 80, 24)
	m = feed(t, m, chunkMsg{reasoning: reasoningText(0, 30), chunks: 30})
	clk.Advance(7 * time.Second)
	m = feed(t, m, chunkMsg{reasoning: "Now the last point, which is long enough to wrap at eighty columns " +
		"and still say something.", chunks: 20})
	requireGolden(t, m)
}

// TestGoldenReasoningFolded: a finished reply with reasoning at 80
// columns: the folded block, the answer, the label with usage and speed.
func TestGoldenReasoningFolded(t *testing.T) {
	m, _, clk := thinkingChat(t, 80, 32)
	m = feed(t, m, chunkMsg{reasoning: reasoningText(0, 30), chunks: 30})
	clk.Advance(12 * time.Second)
	m = feed(t, m, chunkMsg{reasoning: "Done.", chunks: 1})
	clk.Advance(4 * time.Second)
	m = feed(t, m, chunkMsg{text: goldenReply, chunks: 60})
	m = feed(t, m, chunkMsg{ended: true, usage: &client.Usage{PromptTokens: 20, CompletionTokens: 512}})
	requireGolden(t, m)
}
