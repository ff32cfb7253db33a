package session

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// WriteFileAtomic writes a file so that path holds either its old content
// or all of the new, never a part: write fills a temporary file in the same
// directory, which is synced and then renamed over path. An existing file
// keeps its permissions; a new one is private to the user (0600), since
// transcripts are.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if info, statErr := os.Stat(path); statErr == nil {
		if err := f.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable on file systems that need it; failure
// only weakens durability against power loss, so it is ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}

// maxLinks bounds how many symbolic links WriteOutput follows.
const maxLinks = 40

// WriteOutput writes what write produces to path, as export -o does,
// without ever replacing something that is not a regular file:
//   - a regular file, or a path where nothing is yet, is written
//     atomically (WriteFileAtomic);
//   - a device, a FIFO or anything else that is not a regular file is
//     written in place, as a shell's redirection would;
//   - a symbolic link is followed: what it points to is written or
//     created, and the link stays;
//   - a directory is refused before anything is created, with an error
//     that matches syscall.EISDIR.
func WriteOutput(path string, write func(io.Writer) error) error {
	target, info, err := outputTarget(path)
	switch {
	case err != nil:
		return err
	case info == nil || info.Mode().IsRegular():
		return WriteFileAtomic(target, write)
	}
	return writeInPlace(path, write)
}

// CheckOutput returns the error WriteOutput would give for path before
// writing anything (a directory, say), so that a command can refuse it
// before doing any work.
func CheckOutput(path string) error {
	_, _, err := outputTarget(path)
	return err
}

// outputTarget resolves path to the file WriteOutput writes: the file its
// symbolic links lead to, with its FileInfo, or nil info when nothing is
// there yet.
func outputTarget(path string) (string, fs.FileInfo, error) {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return "", nil, &fs.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
	case err == nil && !info.Mode().IsRegular():
		return path, info, nil
	case err == nil:
		target, err := filepath.EvalSymlinks(path)
		return target, info, err
	case errors.Is(err, fs.ErrNotExist):
		target, err := danglingTarget(path)
		return target, nil, err
	}
	return "", nil, err
}

// danglingTarget follows the symbolic links at path, which lead nowhere
// yet, to the path where a new file makes them lead somewhere.
func danglingTarget(path string) (string, error) {
	for range maxLinks {
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		} else if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", &fs.PathError{Op: "write", Path: path, Err: syscall.ELOOP}
}

// writeInPlace writes to what is at path, a device or a FIFO, through
// one buffered writer, and reports the first error, closing included.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
