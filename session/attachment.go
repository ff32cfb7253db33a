package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// MaxAttachment is the largest file that can be attached.
const MaxAttachment = 20_000_000

// Attachment is a file sent with a prompt. Text files are written into
// the prompt itself (see Attachment.Block); images are sent beside its
// text. The store keeps each content once, however many messages carry it.
type Attachment struct {
	// Name is the file's base name.
	Name string `json:"name"`
	// MediaType is sniffed from the bytes, never taken from the name:
	// text/plain, image/png, image/jpeg, image/webp or image/gif.
	MediaType string `json:"media_type"`
	// Size is the length of Data in bytes.
	Size   int    `json:"bytes"`
	SHA256 string `json:"sha256"`
	Data   []byte `json:"-"`
}

// IsImage reports whether the attachment is sent as an image.
func (a Attachment) IsImage() bool { return strings.HasPrefix(a.MediaType, "image/") }

// Block is how a text attachment is written into a prompt: a fenced block
// headed by the file's name, with a fence longer than any backtick run in
// the file so that the file cannot end it.
func (a Attachment) Block() string {
	text := strings.TrimRight(string(a.Data), "\n")
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return a.Name + "\n" + fence + "\n" + text + "\n" + fence
}

// ReadAttachment reads the file at path ("-" for standard input, read
// from stdin) as an attachment. Its error is one sentence naming the file:
// a directory, a file over MaxAttachment, or binary data that is not a
// PNG, JPEG, WebP or GIF image.
func ReadAttachment(path string, stdin io.Reader) (Attachment, error) {
	name := filepath.Base(path)
	var data []byte
	var err error
	if path == "-" {
		name = "stdin"
		data, err = io.ReadAll(io.LimitReader(stdin, MaxAttachment+1))
	} else {
		var info os.FileInfo
		file := ExpandHome(path)
		if info, err = os.Stat(file); err == nil && info.IsDir() {
			return Attachment{}, fmt.Errorf("cannot attach %s: it is a directory", path)
		} else if err == nil && info.Size() > MaxAttachment {
			return Attachment{}, fmt.Errorf("cannot attach %s: it is %s, over the %s limit", path, sizeText(int(info.Size())), sizeText(MaxAttachment))
		}
		if err == nil {
			data, err = readLimited(file)
		}
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("cannot attach %s: %v", path, trimPathOp(err))
	}
	if len(data) > MaxAttachment {
		return Attachment{}, fmt.Errorf("cannot attach %s: it is over the %s limit", path, sizeText(MaxAttachment))
	}
	a, err := NewAttachment(name, data)
	if err != nil {
		return Attachment{}, fmt.Errorf("cannot attach %s: %v", path, err)
	}
	return a, nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxAttachment+1))
}

// NewAttachment makes an attachment of data, knowing its type by its
// bytes.
func NewAttachment(name string, data []byte) (Attachment, error) {
	mt := sniff(data)
	if mt == "" {
		return Attachment{}, fmt.Errorf("it is binary data, not text or a PNG, JPEG, WebP or GIF image")
	}
	sum := sha256.Sum256(data)
	return Attachment{Name: name, MediaType: mt, Size: len(data), SHA256: hex.EncodeToString(sum[:]), Data: data}, nil
}

// sniff returns the media type of data, or "" for binary that is not one
// of the images servers take.
func sniff(data []byte) string {
	switch mt := http.DetectContentType(data); {
	case mt == "image/png", mt == "image/jpeg", mt == "image/gif", mt == "image/webp":
		return mt
	}
	if utf8.Valid(data) && !bytes.ContainsRune(data, 0) {
		return "text/plain"
	}
	return ""
}

// sizeText writes a size the way the chips show it: 812 B, 3.2 KB, 4.1 MB.
func sizeText(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
}

// Chip is the one-line label of an attachment, as the input and the
// transcript show it: [main.go · 3.2 KB].
func (a Attachment) Chip() string { return "[" + a.Name + " · " + sizeText(a.Size) + "]" }

// ExpandHome replaces a leading ~ or ~/ with the user's home directory, as
// a shell would: a path typed in the input (@~/notes.md) reaches no shell.
// Other paths, and ~user forms, are returned unchanged.
func ExpandHome(path string) string {
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, path[1:])
}

// trimPathOp is err's text without the "open PATH: " a *PathError starts
// with, since the sentence around it names the path as the user wrote it.
func trimPathOp(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
