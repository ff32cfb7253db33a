package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EEditor: ctrl+x hands the terminal to $VISUAL on the input, and
// what the editor saves is the input when lockchat comes back.
func TestE2EEditor(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	editor := filepath.Join(t.TempDir(), "editor")
	script := "#!/bin/sh\n{ printf 'from the editor: '; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	command := strings.Replace(h.command("--demo"), "env -i", "env -i "+shellQuote("VISUAL="+editor), 1)
	sock := startTerm(t, command)
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)
	sendText(t, sock, "typed here")
	sendKeys(t, sock, "C-x")
	waitFor(t, sock, "the edited input", contains("› from the editor: typed here"), e2eWait)
	sendKeys(t, sock, "C-u", "C-c")
	waitFor(t, sock, "a clean exit", contains("EXIT=0"), e2eWait)
}

// TestE2EDraftKept: Ctrl+C with unsent text keeps it and says so; the
// second Ctrl+C quits, and -c brings the text back into the input.
func TestE2EDraftKept(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	sock := startTerm(t, h.command("--demo"))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)
	sendText(t, sock, "half a question")
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "the draft notice", contains("press ctrl+c again to quit; your draft is kept"), e2eWait)
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "a clean exit", contains("EXIT=0"), e2eWait)

	again := startTerm(t, h.command("--demo", "-c"))
	waitFor(t, again, "the draft back in the input", contains("› half a question", "draft is back"), e2eWait)
}
