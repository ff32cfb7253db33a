package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// fakeEditor writes a shell script that edits the file it is given as an
// editor would, and names it in $VISUAL.
func fakeEditor(t *testing.T, script string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fake editor")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", shellQuoted(path))
	t.Setenv("EDITOR", "")
}

func shellQuoted(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// editorReady presses ctrl+x and runs the command that writes the input
// for the editor.
func editorReady(t *testing.T, m *Model) (*Model, editorReadyMsg) {
	t.Helper()
	m, cmd := press(m, 'x', tea.ModCtrl)
	msgs := runNamed(cmd, "prepareEditor")
	if len(msgs) != 1 {
		t.Fatalf("ctrl+x asked for %d editor preparations, want 1", len(msgs))
	}
	return m, msgs[0].(editorReadyMsg)
}

// runEditor does what tea.ExecProcess does with the editor: runs it, then
// hands its result to the callback, whose message goes to Update.
func runEditor(t *testing.T, m *Model, ready editorReadyMsg) *Model {
	t.Helper()
	m, cmd := step(m, ready)
	if cmd == nil {
		t.Fatal("the chat did not hand the terminal to the editor")
	}
	m, _ = step(m, ready.done(ready.cmd.Run()))
	return m
}

// TestEditorEditsTheInput: ctrl+x puts the input in a private file, the
// editor changes it, and what it saved becomes the input; the file is
// gone afterwards.
func TestEditorEditsTheInput(t *testing.T) {
	fakeEditor(t, `{ printf 'edited: '; cat "$1"; printf '\nsecond line\n'; } > "$1.new" && mv "$1.new" "$1"`)
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m = typeText(m, "first draft")
	m, ready := editorReady(t, m)
	if ready.err != nil {
		t.Fatal(ready.err)
	}
	path := ready.cmd.Args[len(ready.cmd.Args)-1]
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the prompt's file: %v, %v; want it private (0600)", info, err)
	}
	if data, _ := os.ReadFile(path); string(data) != "first draft" {
		t.Errorf("the editor was given %q, want the input", data)
	}
	m = runEditor(t, m, ready)
	if got := m.input.Value(); got != "edited: first draft\nsecond line" {
		t.Errorf("input after the editor: %q", got)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the prompt's file is still there: %v", err)
	}
}

// TestEditorFailures: an editor that fails, one that is not there and no
// editor at all each give a notice, and the input stays as it was.
func TestEditorFailures(t *testing.T) {
	cases := []struct {
		name, visual, editor string
		want                 string
	}{
		{"fails", "", "", "The editor failed (exit status 3); the input is unchanged."},
		{"missing", "/nonexistent/editor", "", `The editor "/nonexistent/editor" was not found; the input is unchanged.`},
		{"none", "", "", "Set $VISUAL or $EDITOR to edit the prompt in your editor."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "fails" {
				fakeEditor(t, `echo changed > "$1"; exit 3`)
			} else {
				t.Setenv("VISUAL", c.visual)
				t.Setenv("EDITOR", c.editor)
			}
			m := newSized(t, testOptions(newTestClock()), 100, 24)
			m = typeText(m, "keep me")
			m, ready := editorReady(t, m)
			if ready.err == nil {
				m = runEditor(t, m, ready)
			} else {
				m, _ = step(m, ready)
			}
			if got := m.input.Value(); got != "keep me" {
				t.Errorf("input %q, want it unchanged", got)
			}
			if got := statusLine(m); !strings.Contains(got, c.want) {
				t.Errorf("status row %q, want %q", got, c.want)
			}
		})
	}
}

// TestEditorTakesLongPastesInFull: a long paste shown as a placeholder
// reaches the editor in full.
func TestEditorTakesLongPastesInFull(t *testing.T) {
	fakeEditor(t, `true`)
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	long := strings.Repeat("a line of a long paste\n", 200)
	m, _ = step(m, tea.PasteMsg{Content: long})
	if strings.Contains(m.input.Value(), "a line of a long paste") {
		t.Fatal("the long paste was not collapsed")
	}
	_, ready := editorReady(t, m)
	data, err := os.ReadFile(ready.cmd.Args[len(ready.cmd.Args)-1])
	if err != nil || string(data) != long {
		t.Errorf("the editor was given %d bytes (%v), want the paste's %d", len(data), err, len(long))
	}
	ready.done(nil) // removes the file
}
