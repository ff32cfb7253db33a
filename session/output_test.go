package session

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

func writeString(text string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	return string(b)
}

func TestWriteOutputReplacesARegularFileAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	must(t, os.WriteFile(path, []byte("old"), 0o640))
	before, err := os.Stat(path)
	must(t, err)
	must(t, WriteOutput(path, writeString("new")))
	after, err := os.Stat(path)
	must(t, err)
	if readString(t, path) != "new" || os.SameFile(before, after) || after.Mode().Perm() != 0o640 {
		t.Errorf("content %q, same file %v, mode %v", readString(t, path), os.SameFile(before, after), after.Mode())
	}
	fresh := filepath.Join(dir, "new.md")
	must(t, WriteOutput(fresh, writeString("created")))
	if info, err := os.Stat(fresh); err != nil || info.Mode().Perm() != 0o600 || readString(t, fresh) != "created" {
		t.Errorf("a new file: %v %v", info, err)
	}
}

// TestWriteOutputFollowsSymlinks writes through a link to a file and a
// link to nothing yet: what they point to is written, the links stay.
func TestWriteOutputFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.md")
	must(t, os.WriteFile(target, []byte("old"), 0o644))
	link := filepath.Join(dir, "link.md")
	must(t, os.Symlink("target.md", link))
	dangling := filepath.Join(dir, "dangling.md")
	must(t, os.Symlink(filepath.Join(dir, "later.md"), dangling))
	for _, p := range []string{link, dangling} {
		must(t, WriteOutput(p, writeString("through "+p)))
		if info, err := os.Lstat(p); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v %v", p, info, err)
		}
		if got := readString(t, p); got != "through "+p {
			t.Errorf("%s reads %q", p, got)
		}
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o644 {
		t.Errorf("the target's mode changed to %v", info.Mode())
	}
	if got := readString(t, filepath.Join(dir, "later.md")); got != "through "+dangling {
		t.Errorf("the file the dangling link names reads %q", got)
	}
}

// TestWriteOutputWritesAFIFOInPlace writes to a FIFO a reader holds
// open: the reader gets the text, and the FIFO stays a FIFO.
func TestWriteOutputWritesAFIFOInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	must(t, syscall.Mkfifo(path, 0o600))
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(path) // Opening blocks until the writer opens.
		got <- string(b)
	}()
	must(t, WriteOutput(path, writeString("through the pipe")))
	if info, err := os.Lstat(path); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", info, err) // Its reader waits on.
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("the reader got %q", s)
	}
}

// TestWriteOutputWritesADeviceInPlace makes device nodes for the null and
// full devices in a temporary directory (only root may) and writes to
// them: they stay devices, and the full one's error is reported.
func TestWriteOutputWritesADeviceInPlace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can make device nodes; TestWriteOutputWritesAFIFOInPlace covers writing in place")
	}
	dir := t.TempDir()
	null, full := filepath.Join(dir, "null"), filepath.Join(dir, "full")
	must(t, syscall.Mknod(null, syscall.S_IFCHR|0o600, 1<<8|3))
	must(t, syscall.Mknod(full, syscall.S_IFCHR|0o600, 1<<8|7))
	err := WriteOutput(null, writeString("gone"))
	if errors.Is(err, fs.ErrPermission) {
		t.Skipf("the temporary directory does not allow devices: %v", err)
	}
	must(t, err)
	if err := WriteOutput(full, writeString("no room")); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("writing the full device: %v", err)
	}
	for _, p := range []string{null, full} {
		if info, err := os.Lstat(p); err != nil || info.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%s was replaced: %v %v", p, info, err)
		}
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"full", "null"}) {
		t.Errorf("the directory holds %v", names)
	}
}

func TestWriteOutputRefusesADirectory(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "dir")
	must(t, os.Mkdir(dir, 0o700))
	link := filepath.Join(parent, "link")
	must(t, os.Symlink("dir", link))
	for _, p := range []string{dir, dir + "/", link, "/"} {
		called := false
		err := WriteOutput(p, func(io.Writer) error { called = true; return nil })
		if !errors.Is(err, syscall.EISDIR) || called || !errors.Is(CheckOutput(p), syscall.EISDIR) {
			t.Errorf("%s: %v (written: %v)", p, err, called)
		}
	}
	if names := dirNames(t, parent); !slices.Equal(names, []string{"dir", "link"}) {
		t.Errorf("the parent holds %v", names)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("the directory holds %v", names)
	}
}
