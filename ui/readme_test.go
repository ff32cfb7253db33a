package ui

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestReadmeKeyTable keeps README.md's key table in step with the KeyMap:
// every binding of FullHelp appears with its keys and description, and the
// table lists nothing else.
func TestReadmeKeyTable(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	begin, end := strings.Index(text, "<!-- keys:begin"), strings.Index(text, "<!-- keys:end -->")
	if begin < 0 || end < begin {
		t.Fatal("README.md has no keys:begin/keys:end markers")
	}
	row := regexp.MustCompile("(?m)^\\| (`.+`) \\| (.+) \\|$")
	got := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(text[begin:end], -1) {
		got[m[2]] = m[1]
	}
	want := map[string]string{}
	for _, col := range DefaultKeyMap().FullHelp() {
		for _, b := range col {
			keys := make([]string, 0, len(b.Keys()))
			for _, k := range b.Keys() {
				keys = append(keys, "`"+k+"`")
			}
			want[b.Help().Desc] = strings.Join(keys, ", ")
		}
	}
	for desc, keys := range want {
		if got[desc] != keys {
			t.Errorf("README key table: %q has %q, the KeyMap says %q", desc, got[desc], keys)
		}
	}
	for desc := range got {
		if _, ok := want[desc]; !ok {
			t.Errorf("README key table lists %q, which the KeyMap does not have", desc)
		}
	}
}

// TestReadmeKeyActions keeps README.md's list of [keys] actions in step
// with the names the config file accepts.
func TestReadmeKeyActions(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(data), "\nActions: ")
	list, _, _ = strings.Cut(list, ".\n")
	if !ok {
		t.Fatal("README.md has no \"Actions: \" list")
	}
	var got []string
	for _, m := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(list, -1) {
		got = append(got, m[1])
	}
	sort.Strings(got)
	if want := KeyActions(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("README lists the actions %v, the config accepts %v", got, want)
	}
}

// TestReadmeQuotesTheChat: the chat's texts that README.md quotes in code
// spans are the ones the chat writes, from the functions that write them.
func TestReadmeQuotesTheChat(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// A code span may wrap in the source; it renders with a space.
	text := strings.Join(strings.Fields(string(data)), " ")
	opts := testOptions(newTestClock())
	opts.Journal = newRecJournal()
	m := newSized(t, opts, 100, 24)
	thought := thinking{words: 1240, took: 12 * time.Second, done: true}
	for _, quote := range []string{
		notSentLine(12),
		m.draftKeptNotice(),
		"▸ " + thought.summary(),
		"[pasted text #1: " + plural(2000, "line") + "]",
	} {
		if !strings.Contains(text, "`"+quote+"`") {
			t.Errorf("README.md does not quote `%s`", quote)
		}
	}
}
