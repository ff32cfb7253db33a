package session

import (
	"strings"
	"testing"
)

// addFinished adds a conversation with one user message and returns its ID.
func addText(t *testing.T, s *Store, title, text string) (convID, msgID string) {
	t.Helper()
	convID, msgID = NewID(), NewID()
	must(t, s.CreateConversation(Conversation{ID: convID, Title: title}))
	must(t, s.AddMessage(Message{ID: msgID, ConversationID: convID, Role: RoleUser, Content: text}))
	return convID, msgID
}

func TestSearchRanksDenserMatchesFirst(t *testing.T) {
	s := openTest(t)
	filler := strings.Repeat("lorem ipsum dolor sit amet ", 40)
	_, weak := addText(t, s, "weak", filler+"the kettle is somewhere here "+filler)
	_, strong := addText(t, s, "strong", "kettle kettle: the kettle boils")
	addText(t, s, "none", "no match in this one")
	hits, err := s.Search("kettle", 10)
	must(t, err)
	if len(hits) != 2 || hits[0].MessageID != strong || hits[1].MessageID != weak {
		t.Fatalf("hits = %+v", hits)
	}
	if hits[0].Title != "strong" || hits[0].Role != RoleUser {
		t.Errorf("hit fields: %+v", hits[0])
	}
	if !strings.Contains(hits[1].Snippet, SnippetStart+"kettle"+SnippetEnd) {
		t.Errorf("snippet lacks marked match: %q", hits[1].Snippet)
	}
	if !strings.HasPrefix(hits[1].Snippet, SnippetEllipsis) || !strings.HasSuffix(hits[1].Snippet, SnippetEllipsis) {
		t.Errorf("a snippet cut from a long text should show ellipses: %q", hits[1].Snippet)
	}
	if n := len(strings.Fields(hits[1].Snippet)); n > snippetTokens+2 {
		t.Errorf("snippet has %d words", n)
	}
}

func TestSearchQueries(t *testing.T) {
	s := openTest(t)
	_, cafe := addText(t, s, "", "Meet at the Café Noir, NOT before noon; col:umn \"quoted\"")
	for q, want := range map[string]int{
		"cafe":            1, // diacritics ignored
		"CAFÉ noir":       1, // all words, any case
		"café missing":    0,
		"caf*":            1, // prefix
		"NOT":             1, // operators are words
		"col:umn":         1,
		`"quoted`:         1, // unbalanced quote is no syntax error
		"noon; AND OR -x": 0,
	} {
		hits, err := s.Search(q, 5)
		if err != nil {
			t.Errorf("Search(%q): %v", q, err)
			continue
		}
		if len(hits) != want || (want == 1 && hits[0].MessageID != cafe) {
			t.Errorf("Search(%q) = %d hits, want %d", q, len(hits), want)
		}
	}
	if _, err := s.Search("  * ", 5); err == nil {
		t.Error("an empty query should be an error")
	}
}

func TestSearchFollowsStreamingAndDeletes(t *testing.T) {
	s := openTest(t)
	convID, reply := newChat(t, s, "question")
	must(t, s.AppendDelta(reply, "zebra "))
	if hits, _ := s.Search("zebra", 5); len(hits) != 0 {
		t.Errorf("a streaming reply was indexed early: %+v", hits)
	}
	must(t, s.AppendDelta(reply, "crossing"))
	must(t, s.FinishMessage(reply, Ending{Status: StatusComplete}))
	hits, err := s.Search("zebra crossing", 5)
	must(t, err)
	if len(hits) != 1 || hits[0].MessageID != reply || hits[0].ConversationID != convID {
		t.Fatalf("finished reply not found: %+v", hits)
	}
	must(t, s.Delete(convID))
	if hits, _ := s.Search("zebra", 5); len(hits) != 0 {
		t.Errorf("deleted message still found: %+v", hits)
	}
	var n int
	must(t, s.db.QueryRow(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`).Err())
	must(t, s.db.QueryRow(`SELECT count(*) FROM messages_fts`).Scan(&n))
	if n != 0 {
		t.Errorf("index holds %d rows after delete", n)
	}
}
