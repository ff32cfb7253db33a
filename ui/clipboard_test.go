package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// clipboardType is the type of the message tea.SetClipboard's command
// returns: a string, the text to set.
var clipboardType = reflect.TypeOf(tea.SetClipboard("")())

// clipboardText runs cmd and returns the text it sets on the clipboard;
// ok is false when it sets none.
func clipboardText(t *testing.T, cmd tea.Cmd) (text string, ok bool) {
	t.Helper()
	var found []string
	for _, msg := range run(cmd) {
		if reflect.TypeOf(msg) == clipboardType {
			found = append(found, reflect.ValueOf(msg).String())
		}
	}
	if len(found) > 1 {
		t.Fatalf("one key set the clipboard %d times", len(found))
	}
	if len(found) == 0 {
		return "", false
	}
	return found[0], true
}

// TestCopyReply: ctrl+y copies the newest reply as shown (controls made
// visible, so a paste cannot carry an escape sequence) and says so; with
// no reply yet it says that instead.
func TestCopyReply(t *testing.T) {
	clk := newTestClock()
	m := newSized(t, testOptions(clk), 100, 30)
	m, cmd := press(m, 'y', tea.ModCtrl)
	if _, ok := clipboardText(t, cmd); ok {
		t.Error("ctrl+y with no reply set the clipboard")
	}
	if !strings.Contains(screen(m), "No reply to copy yet.") {
		t.Errorf("no notice without a reply:\n%s", screen(m))
	}

	m, _ = sendPrompt(t, m, "first")
	m = deliver(m, "old answer")
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	m, _ = sendPrompt(t, m, "second")
	m = deliver(m, "new \x1b]52;c;ZXZpbA==\x07answer, **bold**")
	m, cmd = press(m, 'y', tea.ModCtrl)
	got, ok := clipboardText(t, cmd)
	if !ok {
		t.Fatal("ctrl+y set no clipboard")
	}
	if strings.ContainsAny(got, "\x1b\x07") || !strings.HasPrefix(got, "new ") || !strings.HasSuffix(got, "answer, **bold**") {
		t.Errorf("copied %q, want the newest reply's markdown with its controls made visible", got)
	}
	want := fmt.Sprintf("Sent the reply so far (%d characters) to the clipboard", len([]rune(got))) // still streaming
	if !strings.Contains(screen(m), want) {
		t.Errorf("footer does not say %q:\n%s", want, screen(m))
	}
}

// TestPlural: counts are grouped by thousands, and only 1 is singular.
func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 characters", 1: "1 character", 999: "999 characters",
		1000: "1,000 characters", 1234567: "1,234,567 characters"} {
		if got := plural(n, "character"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}
