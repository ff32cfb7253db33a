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

// rawOf runs cmd, which must be a tea.Raw command, and returns its message.
func rawOf(t *testing.T, cmd tea.Cmd) tea.RawMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	raw, ok := cmd().(tea.RawMsg)
	if !ok {
		t.Fatalf("the command is not a tea.Raw")
	}
	return raw
}

// TestWindowTitleIsRestored: the chat has the terminal save its title
// first, sets its own only once that is written, and before quitting has
// the terminal restore the saved one; it quits once that is written. The
// View never carries a title, so Bubble Tea never blanks it.
func TestWindowTitleIsRestored(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	var save tea.Cmd
	for _, c := range flatten(m.Init()) {
		if strings.Contains(cmdName(c), ".Raw.") {
			save = c
		}
	}
	if raw := rawOf(t, save); raw.Msg != (saveTitle{}) || ansi.Strip(fmtRaw(raw)) != "" || fmtRaw(raw) != "\x1b[22;0t" {
		t.Fatalf("Init does not save the title: %q", fmtRaw(raw))
	}
	if _, cmd := step(m, tea.KeyPressMsg{Code: 'x', Text: "x"}); cmd != nil {
		t.Errorf("a title was set before the terminal saved its own")
	}
	m, cmd := step(m, rawOf(t, save))
	if got := fmtRaw(rawOf(t, cmd)); got != ansi.SetWindowTitle("lockchat") {
		t.Errorf("after the save the title set is %q", got)
	}
	m, _ = press(m, tea.KeyBackspace, 0)
	m, cmd = sendPrompt(t, m, "evil \x1b]0;pwned\x07 \u202etitle")
	var title string
	for _, c := range flatten(cmd) {
		if strings.Contains(cmdName(c), ".Raw.") {
			title = fmtRaw(rawOf(t, c))
		}
	}
	if !strings.HasPrefix(title, "\x1b]2;evil") || !strings.HasSuffix(title, " — lockchat\x07") {
		t.Errorf("the conversation's title was not set: %q", title)
	}
	checkTerminalSafe(t, "window title", strings.TrimSuffix(strings.TrimPrefix(title, "\x1b]2;"), "\x07"))
	if v := m.View(); v.WindowTitle != "" {
		t.Errorf("the View carries a title, which Bubble Tea blanks on exit: %q", v.WindowTitle)
	}
	m, _ = press(m, tea.KeyEscape, 0)
	m, cmd = press(m, 'c', tea.ModCtrl)
	if hasQuit(cmd) {
		t.Fatal("quit before the title was restored")
	}
	restore := rawOf(t, cmd)
	if restore.Msg != (restoreTitle{}) || fmtRaw(restore) != "\x1b[23;0t" {
		t.Fatalf("quitting does not restore the title: %q", fmtRaw(restore))
	}
	if _, cmd = step(m, restore); cmd == nil {
		t.Fatal("no quit after the title was restored")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
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
