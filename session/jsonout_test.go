package session

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// hostile holds every kind of code point JSON output must not carry raw:
// C0 and C1 controls, DEL, and the bidirectional marks, embeddings,
// overrides and isolates; and some it must leave alone.
const hostile = "\x01\x1b[31m\x7f\u0080\u0085\u009b\u009f" +
	"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" +
	" plain é 中 \u2028 needle"

// rawInvisible returns the first code point of out that must have been
// escaped (a newline between JSON values or lines is layout), or -1.
func rawInvisible(out string) rune {
	for _, r := range out {
		switch {
		case r < 0x20 && r != '\n', r >= 0x7f && r <= 0x9f,
			r == 0x061c, r == 0x200e, r == 0x200f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r
		}
	}
	return -1
}

func TestJSONOutputEscapesControlsAndBidi(t *testing.T) {
	s := openTest(t)
	conv, user := NewID(), NewID()
	must(t, s.CreateConversation(Conversation{ID: conv, SystemPrompt: hostile}))
	must(t, s.AddMessage(Message{ID: user, ConversationID: conv, Role: RoleUser, Content: hostile, Model: hostile}))
	must(t, s.Rename(conv, "title "+hostile))

	var list, search, export bytes.Buffer
	must(t, s.PrintList(&list, true))
	must(t, s.PrintSearch(&search, "needle", true))
	must(t, s.Export(&export, conv, FormatJSON))
	for name, out := range map[string]string{"ls": list.String(), "search": search.String(), "export": export.String()} {
		if r := rawInvisible(out); r >= 0 {
			t.Errorf("%s --json writes U+%04X raw:\n%s", name, r, out)
		}
		if !strings.Contains(out, `\u009b`) || !strings.Contains(out, `\u202e`) {
			t.Errorf("%s --json lacks the escapes:\n%s", name, out)
		}
	}

	var convs []Conversation
	must(t, json.Unmarshal(list.Bytes(), &convs))
	var hits []Hit
	must(t, json.Unmarshal(search.Bytes(), &hits))
	var back jsonExport
	must(t, json.Unmarshal(export.Bytes(), &back))
	c, msgs, err := s.Load(conv)
	must(t, err)
	if convs[0].Title != c.Title || convs[0].Models[0] != hostile {
		t.Errorf("ls --json decodes to %q %q", convs[0].Title, convs[0].Models)
	}
	if !strings.Contains(hits[0].Snippet, "\u202e") {
		t.Errorf("search --json decodes to %q", hits[0].Snippet)
	}
	if back.Messages[0].Content != msgs[0].Content || msgs[0].Content != hostile ||
		back.Conversation.SystemPrompt != hostile || back.Conversation.Title != c.Title {
		t.Errorf("export decodes to %q, stored %q", back.Messages[0].Content, msgs[0].Content)
	}
}

// TestEscapeInvisibleKeepsEveryOtherByte escapes each code point up to
// U+2100 inside a JSON string and decodes it back.
func TestEscapeInvisibleKeepsEveryOtherByte(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r < 0x2100; r++ {
		b.WriteRune(r)
	}
	var out bytes.Buffer
	must(t, writeJSON(&out, b.String()))
	if r := rawInvisible(out.String()); r >= 0 {
		t.Fatalf("U+%04X is written raw", r)
	}
	var back string
	must(t, json.Unmarshal(out.Bytes(), &back))
	if back != b.String() {
		t.Fatal("decoding does not give the text back")
	}
}
