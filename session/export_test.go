package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

var t0 = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

// goldenStore holds one conversation exercising everything an export must
// handle: hostile title, terminal escapes, bidi overrides, every status.
func goldenStore(t *testing.T) (*Store, string) {
	s := openTest(t)
	s.now = func() time.Time { return t0.Add(time.Hour) }
	conv := "01jpgolden01"
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	must(t, s.CreateConversation(Conversation{ID: conv, Created: t0,
		Provider: "https://key:sk-secret@api.example.com/v1?api_key=sk-secret", SystemPrompt: "Be brief."}))
	add := func(id, parent, role, model, content string, min int) {
		must(t, s.AddMessage(Message{ID: id, ConversationID: conv, ParentID: parent, Role: role,
			Model: model, Content: content, Created: at(min)}))
	}
	finish := func(id string, deltas []string, st Status, errText string, u Usage) {
		for _, d := range deltas {
			must(t, s.AppendDelta(id, d))
		}
		must(t, s.FinishMessage(id, Ending{Status: st, ErrorText: errText, Usage: u}))
	}
	add("m1", "", RoleUser, "", "Why is \"the sky\" blue? \\ ---\nAsk: \x1b[31mred\x1b[0m", 0)
	add("m2", "m1", RoleAssistant, "gpt-x", "", 1)
	finish("m2", []string{"Rayleigh ", "scattering.\n\n", "```go\nfmt.Println(\"hi\")\n```\n"}, StatusComplete, "", Usage{PromptTokens: 12, CompletionTokens: 34})
	add("m3", "m2", RoleUser, "", "And \u202eevil\u202c sunsets?", 2)
	add("m4", "m3", RoleAssistant, "llama-3", "", 3)
	finish("m4", []string{"Longer path", " through air"}, StatusStopped, "", Usage{})
	add("m5", "m4", RoleAssistant, "llama-3", "", 4)
	finish("m5", []string{"Par"}, StatusError, "server said \x1b]52;c;QUJD\x07 no", Usage{})
	add("m6", "m5", RoleAssistant, "gpt-x", "", 5)
	finish("m6", []string{"cut"}, StatusTruncated, "", Usage{CompletionTokens: 1})
	return s, conv
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		must(t, os.MkdirAll("testdata", 0o755))
		must(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	must(t, err)
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update to accept):\n%s", name, got)
	}
}

func TestExportGolden(t *testing.T) {
	s, conv := goldenStore(t)
	for _, f := range []string{FormatMarkdown, FormatJSON} {
		var buf bytes.Buffer
		must(t, s.Export(&buf, conv[:6], f))
		golden(t, "export."+f, buf.Bytes())
	}
}

func TestExportMarkdownIsTerminalSafe(t *testing.T) {
	s, _ := goldenStore(t)
	var buf bytes.Buffer
	must(t, s.Export(&buf, "last", FormatMarkdown))
	md := buf.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "sk-secret"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown export contains %q", bad)
		}
	}
	if !strings.HasPrefix(md, "---\ntitle: \"Why is \\\"the sky\\\" blue? \\\\ ---\"\n") {
		t.Errorf("title not YAML-quoted: %q", strings.SplitN(md, "\n", 3)[1])
	}
	for _, want := range []string{"## Assistant · gpt-x · 2025-03-14 09:27:53 UTC", "*Stopped:*", "*Error:* server said ␛]52;c;QUJD␇ no", "*Cut off:*"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown export lacks %q", want)
		}
	}
}

func TestExportJSONIsLossless(t *testing.T) {
	s, conv := goldenStore(t)
	c, msgs, err := s.Load(conv)
	must(t, err)
	var buf bytes.Buffer
	must(t, ExportJSON(&buf, c, msgs))
	var back jsonExport
	must(t, json.Unmarshal(buf.Bytes(), &back))
	if back.Conversation.Title != c.Title || back.Conversation.SystemPrompt != "Be brief." || len(back.Messages) != len(msgs) {
		t.Fatalf("round trip lost conversation fields: %+v", back.Conversation)
	}
	for i, m := range msgs {
		b := back.Messages[i]
		if b.Content != m.Content || b.ErrorText != m.ErrorText || b.Status != m.Status ||
			!b.Created.Equal(m.Created) || b.ParentID != m.ParentID || b.CompletionTokens != m.CompletionTokens {
			t.Errorf("message %d changed in the round trip:\n%+v\n%+v", i, m, b)
		}
	}
	if !strings.Contains(back.Messages[0].Content, "\x1b[31m") {
		t.Error("JSON export altered the text as received")
	}
}

func TestExportUnknownFormat(t *testing.T) {
	s, conv := goldenStore(t)
	if err := s.Export(io.Discard, conv, "pdf"); !errors.Is(err, ErrInvalid) {
		t.Errorf("err = %v", err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	must(t, os.WriteFile(path, []byte("old"), 0o640))
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a failed write changed the file to %q", b)
	}
	must(t, WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}))
	b, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(b) != "new" || info.Mode().Perm() != 0o640 {
		t.Errorf("file = %q mode %v", b, info.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestExportMarkdownFollowsTheBranchAndShowsThinking(t *testing.T) {
	conv := Conversation{ID: "c", Title: "t", LeafID: "a2"}
	msgs := []Message{
		{ID: "u", Role: RoleUser, Content: "# My question\n```\n# not a heading\n```"},
		{ID: "a1", ParentID: "u", Role: RoleAssistant, Content: "first answer", Status: StatusComplete},
		{ID: "a2", ParentID: "u", Role: RoleAssistant, Content: "## Section\nsecond answer", Status: StatusComplete,
			Reasoning: "step one\n\nstep two", ReasoningMillis: 12300},
	}
	var b strings.Builder
	must(t, ExportMarkdown(&b, conv, msgs))
	out := b.String()
	for _, want := range []string{
		"> This conversation has 1 other branch; this file follows the one in use",
		"### My question\n```\n# not a heading\n```",
		"> **Thinking** (12s)\n>\n> step one\n>\n> step two\n",
		"#### Section\nsecond answer",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the export lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "first answer") {
		t.Errorf("the export holds a branch not in use:\n%s", out)
	}
	if strings.Index(out, "Thinking") > strings.Index(out, "second answer") {
		t.Error("the thinking comes after the answer")
	}
}
