package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lockchat/lockchat/client/clienttest"
)

// TestStoreCommandUsageErrors: a store command with missing or extra
// arguments, or an empty query, is one sentence on stderr and exit
// status 2, before the store is opened or created.
func TestStoreCommandUsageErrors(t *testing.T) {
	home := isolate(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"search"}, "search needs a QUERY (one that starts with a dash goes after --): lockchat search QUERY"},
		{[]string{"search", ""}, "the search query is empty: give the words to look for, as in lockchat search QUERY"},
		{[]string{"search", " ", "\t"}, "the search query is empty: give the words to look for, as in lockchat search QUERY"},
		{[]string{"search", "-minus"}, "search needs a QUERY (one that starts with a dash goes after --): lockchat search QUERY"},
		{[]string{"rename"}, "rename needs a conversation ID and a TITLE: lockchat rename ID TITLE"},
		{[]string{"rename", "abc"}, "rename needs a conversation ID and a TITLE: lockchat rename ID TITLE"},
		{[]string{"rm"}, "rm takes one conversation ID: lockchat rm ID"},
		{[]string{"rm", "a", "b"}, "rm takes one conversation ID: lockchat rm ID"},
		{[]string{"export", "a", "b"}, "export takes at most one conversation ID: lockchat export [ID|last]"},
		{[]string{"ls", "x"}, "ls takes no arguments: lockchat ls"},
		{[]string{"models", "x"}, "models takes no arguments: lockchat models"},
	}
	for _, c := range cases {
		r := runArgs("", c.args...)
		if r.code != 2 || r.stdout != "" || r.stderr != "lockchat: "+c.want+"\n" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", c.args, r.code, r.stdout, r.stderr, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(home, "data", "lockchat")); !os.IsNotExist(err) {
		t.Errorf("a usage error created the store's directory (%v)", err)
	}
}

// TestSearchForADash: after --, a query that starts with a dash is a
// query; a query of wildcards alone is a usage error; the help says how.
func TestSearchForADash(t *testing.T) {
	isolate(t)
	srv := clienttest.Start(t)
	if r := runArgs("", "--base-url", srv.URL, "-p", "what does the -minus flag do"); r.code != 0 {
		t.Fatalf("one-shot: exit %d, stderr %q", r.code, r.stderr)
	}
	id := firstConversation(t)
	r := runArgs("", "search", "--", "-minus")
	if r.code != 0 || !strings.Contains(r.stdout, id) || !strings.Contains(r.stdout, "minus") {
		t.Errorf("search -- -minus: exit %d, stdout %q, stderr %q; want the conversation %s", r.code, r.stdout, r.stderr, id)
	}
	r = runArgs("", "search", "*")
	if r.code != 2 || r.stderr != "lockchat: the search query has no words: give the words to look for, as in lockchat search QUERY\n" {
		t.Errorf("search '*': exit %d, stderr %q", r.code, r.stderr)
	}
	r = runArgs("", "search", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "lockchat search -- -minus") {
		t.Errorf("search --help does not show how to search for a dash: %q", r.stdout)
	}
}
