package ui

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// rawOf returns the one tea.RawMsg of msgs (what a tea.Raw command gives).
func rawOf(t *testing.T, msgs []tea.Msg) tea.RawMsg {
	t.Helper()
	raws := only[tea.RawMsg](msgs)
	if len(raws) != 1 {
		t.Fatalf("%d raw writes, want 1", len(raws))
	}
	return raws[0]
}

// TestWindowTitleIsRestored: the chat has the terminal save its title
// first, sets its own only once that is written, and before quitting has
// the terminal restore the saved one; it quits once that is written. The
// View never carries a title, so Bubble Tea never blanks it.
func TestWindowTitleIsRestored(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	save := rawOf(t, run(m.Init()))
	if save.Msg != (saveTitle{}) || ansi.Strip(fmtRaw(save)) != "" || fmtRaw(save) != "\x1b[22;0t" {
		t.Fatalf("Init does not save the title: %q", fmtRaw(save))
	}
	if _, cmd := step(m, tea.KeyPressMsg{Code: 'x', Text: "x"}); len(only[tea.RawMsg](run(cmd))) != 0 {
		t.Errorf("a title was set before the terminal saved its own")
	}
	m, cmd := step(m, save)
	if got := fmtRaw(rawOf(t, run(cmd))); got != ansi.SetWindowTitle("lockchat") {
		t.Errorf("after the save the title set is %q", got)
	}
	m, _ = press(m, tea.KeyBackspace, 0)
	m, msgs := sendPrompt(t, m, "evil \x1b]0;pwned\x07 \u202etitle")
	title := fmtRaw(rawOf(t, msgs))
	if !strings.HasPrefix(title, "\x1b]2;evil") || !strings.HasSuffix(title, " — lockchat\x07") {
		t.Errorf("the conversation's title was not set: %q", title)
	}
	checkTerminalSafe(t, "window title", strings.TrimSuffix(strings.TrimPrefix(title, "\x1b]2;"), "\x07"))
	if v := m.View(); v.WindowTitle != "" {
		t.Errorf("the View carries a title, which Bubble Tea blanks on exit: %q", v.WindowTitle)
	}
	m, _ = press(m, tea.KeyEscape, 0)
	m, cmd = press(m, 'c', tea.ModCtrl)
	msgs = run(cmd)
	if quits(msgs) {
		t.Fatal("quit before the title was restored")
	}
	restore := rawOf(t, msgs)
	if restore.Msg != (restoreTitle{}) || fmtRaw(restore) != "\x1b[23;0t" {
		t.Fatalf("quitting does not restore the title: %q", fmtRaw(restore))
	}
	if _, cmd = step(m, restore); !quits(run(cmd)) {
		t.Errorf("the restored title was not followed by a quit")
	}
}

// fmtRaw is what the program writes for a RawMsg.
func fmtRaw(r tea.RawMsg) string { return fmt.Sprint(r.Msg) }

// TestWindowTitleInAProgram: run for real, the terminal gets the save
// before any title, the restore after the last, and never a blank title.
func TestWindowTitleInAProgram(t *testing.T) {
	_, c := testServer(t)
	tm := startProgram(t, New(programOptions(c, nil)), 80, 24)
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen[:0], b...)
		return bytes.Contains(b, []byte(ansi.SetWindowTitle("lockchat")))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	rest, err := io.ReadAll(tm.FinalOutput(t, teatest.WithFinalTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	out := string(seen) + string(rest)
	save, set, restore := strings.Index(out, "\x1b[22;0t"), strings.Index(out, "\x1b]2;"), strings.LastIndex(out, "\x1b[23;0t")
	if save < 0 || set < save || restore < strings.LastIndex(out, "\x1b]2;") {
		t.Errorf("title sequences out of order: save at %d, first title at %d, restore at %d", save, set, restore)
	}
	if strings.Contains(out, ansi.SetWindowTitle("")) {
		t.Errorf("the program blanked the window title")
	}
}
