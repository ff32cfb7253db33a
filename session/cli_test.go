package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPrintList(t *testing.T) {
	s, conv := goldenStore(t)
	s.loc = time.UTC
	var buf bytes.Buffer
	must(t, s.PrintList(&buf, false))
	want := "ID    UPDATED           MSGS  MODELS          TITLE\n" +
		conv[:minPrefix] + "  2025-03-14 10:26  6     gpt-x, llama-3  Why is \"the sky\" blue? \\ ---\n"
	if buf.String() != want {
		t.Errorf("ls =\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	must(t, s.PrintList(&buf, true))
	var got []Conversation
	must(t, json.Unmarshal(buf.Bytes(), &got))
	if len(got) != 1 || got[0].ID != conv || got[0].MessageCount != 6 || len(got[0].Models) != 2 {
		t.Errorf("ls --json = %s", buf.String())
	}
}

func TestPrintListEmpty(t *testing.T) {
	s := openTest(t)
	var buf bytes.Buffer
	must(t, s.PrintList(&buf, true))
	if strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty ls --json = %q", buf.String())
	}
}

func TestPrintSearch(t *testing.T) {
	s, conv := goldenStore(t)
	s.loc = time.UTC
	var buf bytes.Buffer
	must(t, s.PrintSearch(&buf, "rayleigh", false))
	want := conv + "  Why is \"the sky\" blue? \\ ---  assistant m2  2025-03-14 09:27\n    «Rayleigh» scattering. ```go fmt.Println(\"hi\") ```\n"
	if buf.String() != want {
		t.Errorf("search =\n%q\nwant\n%q", buf.String(), want)
	}
	buf.Reset()
	must(t, s.PrintSearch(&buf, "red", false))
	if strings.Contains(buf.String(), "\x1b") {
		t.Errorf("search printed a raw escape: %q", buf.String())
	}
	buf.Reset()
	must(t, s.PrintSearch(&buf, "sunsets", true))
	var hits []Hit
	must(t, json.Unmarshal(buf.Bytes(), &hits))
	if len(hits) != 1 || hits[0].MessageID != "m3" {
		t.Errorf("search --json = %s", buf.String())
	}
}

func TestPrintRenameAndRemove(t *testing.T) {
	s, conv := goldenStore(t)
	var buf bytes.Buffer
	must(t, s.PrintRename(&buf, conv[:4], "Sky"))
	must(t, s.PrintRemove(&buf, "last"))
	want := "Renamed " + conv + " to “Sky”.\nRemoved " + conv + " (“Sky”).\n"
	if buf.String() != want {
		t.Errorf("output = %q", buf.String())
	}
	if err := s.PrintRemove(&buf, conv); !errors.Is(err, ErrNotFound) {
		t.Errorf("second remove: %v", err)
	}
}

func TestUniquePrefixesResolve(t *testing.T) {
	s := openTest(t)
	var ids []string
	for range 50 { // made within a millisecond or two: long shared prefixes
		id := NewID()
		must(t, s.CreateConversation(Conversation{ID: id}))
		ids = append(ids, id)
	}
	short := uniquePrefixes(ids)
	for _, id := range ids {
		p := short[id]
		if len(p) < minPrefix || !strings.HasPrefix(id, p) {
			t.Errorf("%s shortened to %q", id, p)
		}
		got, err := s.Resolve(p)
		if err != nil || got != id {
			t.Errorf("prefix %q of %s resolves to %q, %v", p, id, got, err)
		}
		if len(p) > minPrefix {
			if _, err := s.Resolve(p[:len(p)-1]); err == nil {
				t.Errorf("prefix %q is not the shortest for %s", p, id)
			}
		}
	}
	var b strings.Builder
	must(t, s.PrintList(&b, false))
	if !strings.Contains(b.String(), short[ids[0]]+" ") || strings.Contains(b.String(), ids[0]) && len(short[ids[0]]) < len(ids[0]) {
		t.Errorf("ls does not show the short prefix:\n%s", b.String())
	}
}
