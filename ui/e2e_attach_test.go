package ui_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestE2EAtPathCompletion: Tab at the end of an @path token completes the
// file's name, the input shows its chip, and the sent prompt shows it in
// the transcript.
func TestE2EAtPathCompletion(t *testing.T) {
	h := newE2EHome(t)
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes-e2e.txt"), []byte("twelve bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	sock := startTerm(t, h.command("--demo"))
	waitFor(t, sock, "the input placeholder", contains("Ask anything"), e2eWait)
	sendText(t, sock, "read @"+dir+"/notes-e")
	sendKeys(t, sock, "Tab")
	waitFor(t, sock, "the completed path and its chip",
		contains("notes-e2e.txt", "attached [notes-e2e.txt · 12 B]"), e2eWait)
	sendKeys(t, sock, "Enter")
	waitFor(t, sock, "the chip under the sent prompt", func(s string) bool {
		return idle(s) && contains("[notes-e2e.txt · 12 B]")(s) && !contains("attached [")(s)
	}, e2eWait)
	sendKeys(t, sock, "C-c")
	waitFor(t, sock, "a clean exit", contains("EXIT=0"), e2eWait)
}
