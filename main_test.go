package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/session"
)

// runCLI runs lockchat with args and returns its output and exit status.
// No config file is read.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var out, errs bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errs)
	return out.String(), errs.String(), code
}

// savedStore makes a data directory holding one conversation and returns
// it with the conversation's ID.
func savedStore(t *testing.T) (dir, conv string) {
	t.Helper()
	dir = t.TempDir()
	s, _, err := session.Open(filepath.Join(dir, session.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conv, user, reply := session.NewID(), session.NewID(), session.NewID()
	for _, err := range []error{
		s.CreateConversation(session.Conversation{ID: conv}),
		s.AddMessage(session.Message{ID: user, ConversationID: conv, Role: session.RoleUser, Content: "a saved question"}),
		s.AddMessage(session.Message{ID: reply, ConversationID: conv, Role: session.RoleAssistant}),
		s.AppendDelta(reply, "a saved answer"),
		s.FinishMessage(reply, session.StatusComplete, "", session.Usage{}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir, conv
}

// TestReadCommandsWorkWithoutAWALIndex runs ls, search and export on a
// store whose WAL index cannot be created, as in a read-only directory
// (a dangling link stands for the directory, which root could write).
func TestReadCommandsWorkWithoutAWALIndex(t *testing.T) {
	dir, conv := savedStore(t)
	db := filepath.Join(dir, session.FileName)
	os.Remove(db + "-shm")
	if err := os.Symlink(filepath.Join(dir, "missing", "shm"), db+"-shm"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"ls"}, {"ls", "--json"}, {"search", "saved"}, {"export", conv}, {"export", "--format", "json", "last"},
	} {
		out, errs, code := runCLI(t, append(args, "--data-dir", dir)...)
		if code != 0 || !strings.Contains(out, "a saved") {
			t.Errorf("lockchat %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, errs)
		}
	}
	if _, errs, code := runCLI(t, "rename", conv, "new", "--data-dir", dir); code != 1 {
		t.Errorf("rename, which must write: exit %d, stderr %q", code, errs)
	}
}

// TestExportToADirectoryIsAUsageError names a directory with -o: exit 2,
// and nothing is created, neither there nor a store.
func TestExportToADirectoryIsAUsageError(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(parent, "data")
	for _, o := range []string{out, out + "/", "/"} {
		_, errs, code := runCLI(t, "export", "-o", o, "--data-dir", data)
		if code != 2 || !strings.Contains(errs, "is a directory") {
			t.Errorf("export -o %s: exit %d, stderr %q", o, code, errs)
		}
	}
	for _, dir := range []string{parent, out} {
		entries, _ := os.ReadDir(dir)
		if len(entries) != map[string]int{parent: 1, out: 0}[dir] {
			t.Errorf("%s holds %v", dir, entries)
		}
	}
}

// TestExportToStdout writes the export to standard output with -o - and
// -o /dev/stdout, which is written as standard output, never replaced.
func TestExportToStdout(t *testing.T) {
	dir, _ := savedStore(t)
	for _, o := range []string{"-", "/dev/stdout"} {
		out, errs, code := runCLI(t, "export", "-o", o, "--data-dir", dir)
		if code != 0 || !strings.Contains(out, "a saved answer") {
			t.Errorf("export -o %s: exit %d, stdout %q, stderr %q", o, code, out, errs)
		}
	}
}
