package session

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// storeToRead makes a closed store holding one finished conversation and
// returns its path and the conversation.
func storeToRead(t *testing.T, dir string) (path, conv string) {
	t.Helper()
	path = filepath.Join(dir, FileName)
	s, _, err := Open(path)
	must(t, err)
	conv, reply := newChat(t, s, "readable words")
	must(t, s.AppendDelta(reply, "an answer"))
	must(t, s.FinishMessage(reply, Ending{Status: StatusComplete}))
	must(t, s.Close())
	return path, conv
}

// blockWALIndex makes the WAL's shared-memory index impossible to open or
// create, as in a directory lockchat may not write (root may write
// anywhere, but not through a dangling symbolic link, which SQLite does
// not follow).
func blockWALIndex(t *testing.T, path string) {
	t.Helper()
	os.Remove(path + "-shm")
	must(t, os.Symlink(filepath.Join(filepath.Dir(path), "missing", "shm"), path+"-shm"))
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// checkReads lists, searches and exports the conversation of a store
// opened read-only, and checks that writes are refused.
func checkReads(t *testing.T, s *Store, conv string) {
	t.Helper()
	var out bytes.Buffer
	must(t, s.PrintList(&out, false))
	if !strings.Contains(out.String(), conv[:minPrefix]) || !strings.Contains(out.String(), "readable words") {
		t.Errorf("ls: %q", out.String())
	}
	out.Reset()
	must(t, s.PrintSearch(&out, "answer", false))
	if !strings.Contains(out.String(), "answer") {
		t.Errorf("search: %q", out.String())
	}
	out.Reset()
	must(t, s.Export(&out, "last", FormatMarkdown))
	if !strings.Contains(out.String(), "readable words") || !strings.Contains(out.String(), "an answer") {
		t.Errorf("export: %q", out.String())
	}
	if err := s.Rename(conv, "x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("rename: %v", err)
	}
}

func TestOpenReadOnlyWithoutAWALIndex(t *testing.T) {
	dir := t.TempDir()
	path, conv := storeToRead(t, dir)
	blockWALIndex(t, path)
	if s, _, err := Open(path); err == nil {
		s.Close()
		t.Fatal("Open worked although the WAL index cannot be made: the test injects nothing")
	}
	before := dirNames(t, dir)
	s, notices, err := OpenReadOnly(path)
	must(t, err)
	defer s.Close()
	if len(notices) != 0 {
		t.Errorf("notices = %v", notices)
	}
	checkReads(t, s, conv)
	if after := dirNames(t, dir); !slices.Equal(before, after) {
		t.Errorf("reading changed the directory from %v to %v", before, after)
	}
}

// TestOpenReadOnlySaysWhatTheWALHolds reads a store whose WAL holds a
// conversation not yet merged, without a WAL index: the notice says so.
func TestOpenReadOnlySaysWhatTheWALHolds(t *testing.T) {
	src, conv := storeToRead(t, t.TempDir())
	s, _, err := Open(src)
	must(t, err)
	defer s.Close()
	newChat(t, s, "only in the WAL")
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	for _, suffix := range []string{"", "-wal"} {
		copyFile(t, src+suffix, path+suffix)
	}
	blockWALIndex(t, path)
	r, notices, err := OpenReadOnly(path)
	must(t, err)
	defer r.Close()
	if len(notices) != 1 || !strings.Contains(notices[0].Text, "lockchat.db-wal") {
		t.Errorf("notices = %v", notices)
	}
	if convs, err := r.List(0, 0); err != nil || len(convs) != 1 || convs[0].ID != conv {
		t.Errorf("listed %v, %v; want the merged conversation", convs, err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	must(t, err)
	defer in.Close()
	out, err := os.Create(to)
	must(t, err)
	_, err = io.Copy(out, in)
	must(t, err)
	must(t, out.Close())
}

func TestOpenReadOnlyInAReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; TestOpenReadOnlyWithoutAWALIndex injects the failure")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	must(t, os.Mkdir(dir, 0o700))
	_, conv := storeToRead(t, dir)
	must(t, os.Chmod(dir, 0o500))
	defer os.Chmod(dir, 0o700)
	s, _, err := OpenReadOnly(filepath.Join(dir, FileName))
	must(t, err)
	defer s.Close()
	checkReads(t, s, conv)
}

// TestOpenReadOnlyBesideALiveWriter reads a reply another instance is
// streaming and leaves it streaming.
func TestOpenReadOnlyBesideALiveWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	w, _, err := Open(path)
	must(t, err)
	defer w.Close()
	conv, reply := newChat(t, w, "q")
	must(t, w.AppendDelta(reply, "so far"))
	r, _, err := OpenReadOnly(path)
	must(t, err)
	defer r.Close()
	_, msgs, err := r.Load(conv)
	must(t, err)
	if m := msgs[1]; m.Content != "so far" || m.Status != StatusStreaming {
		t.Fatalf("read %q %s", m.Content, m.Status)
	}
	must(t, w.AppendDelta(reply, " and on"))
}

func TestOpenReadOnlyStartsAMissingStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	s, _, err := OpenReadOnly(path)
	must(t, err)
	defer s.Close()
	if convs, err := s.List(0, 0); err != nil || len(convs) != 0 {
		t.Fatalf("a new store lists %v, %v", convs, err)
	}
}
