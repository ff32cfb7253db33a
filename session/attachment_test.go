package session

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngBytes is the start of a PNG file: enough for its type to be known.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 32)...)

func TestReadAttachmentKnowsFilesByTheirBytes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, data, 0o600))
		return p
	}
	for path, want := range map[string]string{
		write("main.go", []byte("package main\n")):                 "text/plain",
		write("picture.txt", pngBytes):                             "image/png",
		write("photo", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")): "image/jpeg",
		write("anim.gif", []byte("GIF89a\x01\x00\x01\x00")):        "image/gif",
		write("w.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 ")):    "image/webp",
	} {
		a, err := ReadAttachment(path, nil)
		if err != nil || a.MediaType != want || a.Name != filepath.Base(path) || a.Size != len(a.Data) || len(a.SHA256) != 64 {
			t.Errorf("%s: %+v %v, want %s", path, a, err, want)
		}
	}
	big := filepath.Join(dir, "big.log")
	f, err := os.Create(big)
	must(t, err)
	must(t, f.Truncate(MaxAttachment+1))
	f.Close()
	for path, want := range map[string]string{
		dir: "is a directory",
		big: "over the 20.0 MB limit",
		write("prog", []byte("\x7fELF\x02\x01\x01\x00\x00\x00")): "binary data",
		filepath.Join(dir, "missing"):                            "no such file",
	} {
		_, err := ReadAttachment(path, nil)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "cannot attach "+path) {
			t.Errorf("%s: %v, want a sentence saying %q", path, err, want)
		}
	}
	a, err := ReadAttachment("-", strings.NewReader("piped text"))
	if err != nil || a.Name != "stdin" || string(a.Data) != "piped text" {
		t.Errorf("stdin: %+v %v", a, err)
	}
}

func TestAttachmentsAreStoredOnceAndSentAsTheWireWants(t *testing.T) {
	s := openTest(t)
	code, err := NewAttachment("main.go", []byte("package main\n```\n"))
	must(t, err)
	img, err := NewAttachment("shot.png", pngBytes)
	must(t, err)
	conv := NewID()
	must(t, s.CreateConversation(Conversation{ID: conv}))
	u1, a1, u2 := NewID(), NewID(), NewID()
	must(t, s.AddMessage(Message{ID: u1, ConversationID: conv, Role: RoleUser, Content: "review", Attachments: []Attachment{code, img}}))
	must(t, s.AddMessage(Message{ID: a1, ConversationID: conv, ParentID: u1, Role: RoleAssistant, Content: "ok", Status: StatusComplete}))
	must(t, s.AddMessage(Message{ID: u2, ConversationID: conv, ParentID: a1, Role: RoleUser, Content: "again", Attachments: []Attachment{img}}))
	var blobs int
	must(t, s.db.QueryRow(`SELECT count(*) FROM blobs`).Scan(&blobs))
	if blobs != 2 {
		t.Errorf("%d blobs for two distinct files", blobs)
	}
	c, msgs, err := s.Load(conv)
	must(t, err)
	if got := msgs[0].Attachments; len(got) != 2 || got[0].Name != "main.go" || string(got[1].Data) != string(pngBytes) {
		t.Fatalf("loaded attachments: %+v", got)
	}
	h := History("", NewTree(msgs).Path(c.LeafID))
	if !strings.HasPrefix(h[0].Content, "main.go\n````\npackage main\n```\n````\n\nreview") || len(h[0].Images) != 1 || len(h[2].Images) != 1 {
		t.Errorf("history: %q with %d images", h[0].Content, len(h[0].Images))
	}
	if stripped, n := WithoutImages(h); n != 2 || len(stripped[0].Images) != 0 || len(h[0].Images) != 1 {
		t.Errorf("WithoutImages left %d out and changed its input", n)
	}

	var b strings.Builder
	must(t, ExportJSON(&b, c, msgs))
	var out struct {
		Messages []struct {
			Attachments []map[string]any `json:"attachments"`
		} `json:"messages"`
	}
	must(t, json.Unmarshal([]byte(b.String()), &out))
	got := out.Messages[0].Attachments
	if len(got) != 2 || got[1]["name"] != "shot.png" || got[1]["media_type"] != "image/png" ||
		got[1]["bytes"] != float64(len(pngBytes)) || got[1]["sha256"] != img.SHA256 || got[1]["data"] != nil {
		t.Errorf("JSON attachments: %v", got)
	}
	b.Reset()
	must(t, ExportMarkdown(&b, c, msgs))
	if !strings.Contains(b.String(), "- Attached: `shot.png` (image/png, 48 B)") {
		t.Errorf("Markdown does not list the file:\n%s", b.String())
	}

	must(t, s.Delete(conv))
	must(t, s.db.QueryRow(`SELECT count(*) FROM blobs`).Scan(&blobs))
	if blobs != 0 {
		t.Errorf("%d blobs left after the conversation was deleted", blobs)
	}
}
