package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/filterlist"
)

// countingReader is a store that records every search it is asked for.
type countingReader struct {
	Reader
	mu      sync.Mutex
	queries []string
}

func (r *countingReader) Search(q string, limit int) ([]session.Hit, error) {
	r.mu.Lock()
	r.queries = append(r.queries, q)
	r.mu.Unlock()
	return r.Reader.Search(q, limit)
}

func (r *countingReader) searches() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.queries...)
}

// searchChat is a chat over a store of its own, which holds a conversation
// about a kettle and one about a garden, three days old.
func searchChat(t *testing.T, w, h int) (*Model, *countingReader, *session.Store) {
	t.Helper()
	j, store := openStore(t)
	saveChat(t, store, "How hot does a kettle get?", "A kettle brings water to 100 °C at sea level, then it switches off.")
	saveChat(t, store, "Which plants like shade?", "Ferns and hostas grow well in the shade of a garden wall.")
	r := &countingReader{Reader: store}
	opts := testOptions(newTestClock())
	opts.Reader, opts.Journal = r, j
	return newSized(t, opts, w, h), r, store
}

// onlyMsg runs cmd and returns the one message it gives, failing if it
// gives none or more.
func onlyMsg(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	msgs := run(cmd)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1: %v", len(msgs), msgs)
	}
	return msgs[0]
}

// typeQuery types s into the open search dialog one key at a time and
// returns the message the last key's timer sends once typing pauses.
func typeQuery(t *testing.T, m *Model, s string) (*Model, searchDueMsg) {
	t.Helper()
	var cmd tea.Cmd
	for _, r := range s {
		m, cmd = step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	due, ok := onlyMsg(t, cmd).(searchDueMsg)
	if !ok {
		t.Fatalf("typing %q: the command did not return a searchDueMsg", s)
	}
	return m, due
}

// runSearch delivers a due search, runs the command it returns and
// delivers the hits.
func runSearch(t *testing.T, m *Model, due searchDueMsg) *Model {
	t.Helper()
	m, cmd := step(m, due)
	hits, ok := onlyMsg(t, cmd).(searchedMsg)
	if !ok {
		t.Fatalf("the search command did not return a searchedMsg")
	}
	m, _ = step(m, hits)
	return m
}

// TestSearchNeverWaitsOnTheStore: ctrl+f opens the dialog; a key press
// only schedules a timer, the store is asked once typing pauses, in a
// command, and a result or a timer older than the last key is dropped.
func TestSearchNeverWaitsOnTheStore(t *testing.T) {
	m, r, _ := searchChat(t, 100, 30)
	m, cmd := press(m, 'f', tea.ModCtrl)
	if _, ok := m.dialog.(*searchDialog); !ok || cmd != nil {
		t.Fatalf("ctrl+f: dialog %T, command %v", m.dialog, cmd != nil)
	}
	if s := screen(m); !strings.Contains(s, "Type words to find them in every saved conversation.") ||
		!strings.Contains(s, "type to search · ↑/↓ move · enter open · esc close") {
		t.Errorf("the empty search shows no hint:\n%s", s)
	}
	var dues []searchDueMsg
	for _, c := range "ket" {
		var due searchDueMsg
		m, due = typeQuery(t, m, string(c))
		dues = append(dues, due)
	}
	if got := r.searches(); len(got) != 0 {
		t.Fatalf("typing asked the store %v", got)
	}
	if !strings.Contains(screen(m), "Searching…") {
		t.Errorf("no sign of the pending search:\n%s", screen(m))
	}
	for _, stale := range dues[:2] {
		if _, cmd := step(m, stale); cmd != nil {
			t.Errorf("the timer of an older key (seq %d) still searches", stale.seq)
		}
	}
	m, cmd = step(m, dues[2])
	if got := r.searches(); len(got) != 0 || cmd == nil {
		t.Fatalf("the due search ran in Update (%v) or returned no command", got)
	}
	ket := onlyMsg(t, cmd).(searchedMsg)
	if got := r.searches(); strings.Join(got, ",") != "ket" {
		t.Errorf("the store was asked %v, want one search for ket", got)
	}
	m, _ = step(m, ket)
	if s := screen(m); !strings.Contains(s, "No message matches “ket”.") {
		t.Errorf("no results are not said so:\n%s", s)
	}

	// A result that arrives after the query changed again is dropped.
	m, due := typeQuery(t, m, "tle")
	m, cmd = step(m, due)
	late := onlyMsg(t, cmd).(searchedMsg)
	if len(late.hits) != 2 {
		t.Fatalf("kettle: %d hits, want the prompt and the reply", len(late.hits))
	}
	m, _ = typeQuery(t, m, "s")
	m, _ = step(m, late)
	if s := screen(m); strings.Contains(s, "How hot") || !strings.Contains(s, "Searching…") {
		t.Errorf("a stale result reached the screen:\n%s", s)
	}
	m, cmd = press(m, tea.KeyBackspace, 0)
	if _, ok := onlyMsg(t, cmd).(searchDueMsg); !ok {
		t.Fatalf("backspace did not schedule a search")
	}
	m, due = typeQuery(t, m, " water")
	m = runSearch(t, m, due)
	if s := screen(m); !strings.Contains(s, "How hot does a kettle get?") || strings.Contains(s, "plants") {
		t.Errorf("the hits of “kettle water” are not listed:\n%s", s)
	}
	if got := r.searches(); strings.Join(got, ",") != "ket,kettle,kettle water" {
		t.Errorf("the store was asked %v, want ket, kettle, kettle water", got)
	}
}

// TestSearchRows: a hit shows its conversation's title, its age and who
// wrote it, and the words around the match with the match styled, not
// between marks.
func TestSearchRows(t *testing.T) {
	m, _, _ := searchChat(t, 100, 30)
	m, _ = press(m, 'f', tea.ModCtrl)
	m, due := typeQuery(t, m, "kettle")
	m = runSearch(t, m, due)
	s := screen(m)
	for _, want := range []string{"› How hot does a kettle get? · 3d ago · you", "  How hot does a kettle get? · 3d ago · reply",
		"A kettle brings water to 100 °C"} {
		if !strings.Contains(s, want) {
			t.Errorf("the hits lack %q:\n%s", want, s)
		}
	}
	if strings.ContainsAny(s, session.SnippetStart+session.SnippetEnd) {
		t.Errorf("the match marks show as text:\n%s", s)
	}
	styled := m.styles.Dialog.Match.Render("kettle")
	if !strings.Contains(m.View().Content, styled) {
		t.Errorf("the match is not in the Match style %q", styled)
	}
}

// TestSearchEmptyQueryAndEsc: erasing the words shows the hint again with
// no search; Esc closes; without a store ctrl+f says so.
func TestSearchEmptyQueryAndEsc(t *testing.T) {
	m, r, _ := searchChat(t, 100, 30)
	m, _ = press(m, 'f', tea.ModCtrl)
	m, _ = typeQuery(t, m, "x")
	m, cmd := press(m, tea.KeyBackspace, 0)
	if cmd != nil || !strings.Contains(screen(m), "Type words to find them") {
		t.Errorf("an emptied query: command %v\n%s", cmd != nil, screen(m))
	}
	m, _ = step(m, tea.KeyPressMsg{Code: ' ', Text: " "})
	if _, cmd := press(m, tea.KeyBackspace, 0); cmd != nil {
		t.Errorf("a query of spaces schedules a search")
	}
	m, _ = press(m, tea.KeyEscape, 0)
	if m.dialog != nil || len(r.searches()) != 0 {
		t.Errorf("esc: dialog %T, searches %v", m.dialog, r.searches())
	}
	bare := newSized(t, testOptions(newTestClock()), 100, 30)
	bare, _ = press(bare, 'f', tea.ModCtrl)
	if bare.dialog != nil || !strings.Contains(screen(bare), "No conversation store is open, so there is nothing to search.") {
		t.Errorf("ctrl+f without a store:\n%s", screen(bare))
	}
}

// longChat stores a conversation of n turns whose turn k (0-based) alone
// mentions needle, and returns it with the ID of that turn's reply.
func longChat(t *testing.T, s *session.Store, n, k int, needle string) (convID, target string) {
	t.Helper()
	convID = session.NewID()
	if err := s.CreateConversation(session.Conversation{ID: convID, Created: testEpoch}); err != nil {
		t.Fatal(err)
	}
	parent := ""
	for i := range n {
		reply := fmt.Sprintf("Reply %d.\n\nA paragraph of filler text.\n\nAnother one.", i)
		if i == k {
			reply = "Reply with the " + needle + " in it."
		}
		for _, msg := range []session.Message{
			{Role: session.RoleUser, Content: fmt.Sprintf("Long question %d", i)},
			{Role: session.RoleAssistant, Content: reply, Model: "gpt-4", Status: session.StatusComplete},
		} {
			msg.ID, msg.ConversationID, msg.ParentID, msg.Created = session.NewID(), convID, parent, testEpoch
			if err := s.AddMessage(msg); err != nil {
				t.Fatal(err)
			}
			parent = msg.ID
		}
		if i == k {
			target = parent
		}
	}
	return convID, target
}

// TestSearchEnterOpensAtTheMatch: Enter opens the hit's conversation in a
// command, scrolled so that the message starts the view, its label marked
// ▶; nothing is sent.
func TestSearchEnterOpensAtTheMatch(t *testing.T) {
	m, _, store := searchChat(t, 100, 30)
	convID, target := longChat(t, store, 30, 12, "periwinkle")
	m = chatted(t, m, "an unrelated chat", "unrelated reply")
	m, _ = press(m, 'f', tea.ModCtrl)
	m, due := typeQuery(t, m, "periwinkle")
	m = runSearch(t, m, due)
	m, cmd := press(m, tea.KeyEnter, 0)
	if m.dialog != nil || m.conv.ID == convID || cmd == nil {
		t.Fatalf("Enter: dialog %T, conversation switched in Update %v, command %v", m.dialog, m.conv.ID == convID, cmd != nil)
	}
	loaded, ok := onlyMsg(t, cmd).(loadedMsg)
	if !ok || loaded.err != nil {
		t.Fatalf("the command returned %T (%v)", loaded, loaded.err)
	}
	m, _ = step(m, loaded)
	if m.conv.ID != convID || m.stream.active || m.input.Value() != "" {
		t.Fatalf("opened %s (want %s), streaming %v, input %q", m.conv.ID, convID, m.stream.active, m.input.Value())
	}
	i := entryIndex(m, target)
	if start, ok := m.tr.startOf(i); !ok || m.tr.offset != start || m.tr.follow {
		t.Errorf("the view starts at line %d (following %v), the match at %d (laid out %v)", m.tr.offset, m.tr.follow, start, ok)
	}
	s := screen(m)
	first := strings.Split(s, "\n")[1]
	if !strings.HasPrefix(first, foundMark+"gpt-4") || !strings.Contains(s, "periwinkle") {
		t.Errorf("the match does not start the view with its mark:\n%s", s)
	}
	if strings.Count(s, foundMark) != 1 {
		t.Errorf("%d messages are marked, want 1:\n%s", strings.Count(s, foundMark), s)
	}
	// A resize renders every message again; the mark stays.
	m, _ = step(m, tea.WindowSizeMsg{Width: 90, Height: 30})
	if !strings.Contains(screen(m), foundMark+"gpt-4") {
		t.Errorf("the mark is gone after a resize:\n%s", screen(m))
	}
}

// TestSearchInTheOpenConversation: a hit in the conversation on screen
// moves the mark and the view without reading the store again, so a reply
// streaming there goes on.
func TestSearchInTheOpenConversation(t *testing.T) {
	m, _, _ := searchChat(t, 100, 30)
	m = chatted(t, m, "tell me about marmalade", "Marmalade is made from bitter oranges.")
	target := m.tr.last().id
	for i := range 10 {
		m = chatted(t, m, fmt.Sprintf("more %d", i), "Filler.\n\nFiller.\n\nFiller.")
	}
	m, _ = sendPrompt(t, m, "a reply that streams")
	m, _ = press(m, 'f', tea.ModCtrl)
	m, due := typeQuery(t, m, "marmalade")
	m = runSearch(t, m, due)
	m, _ = press(m, tea.KeyDown, 0) // the first hit is the prompt; the reply is second
	m, cmd := press(m, tea.KeyEnter, 0)
	if cmd != nil || !m.stream.active || m.dialog != nil {
		t.Fatalf("command %v, streaming %v, dialog %T", cmd != nil, m.stream.active, m.dialog)
	}
	if start, ok := m.tr.startOf(entryIndex(m, target)); m.found != target || !ok || m.tr.offset != start {
		t.Errorf("found %q (want %q), offset %d", m.found, target, m.tr.offset)
	}
	if s := screen(m); !strings.Contains(s, foundMark+"gpt-4") {
		t.Errorf("the reply is not marked:\n%s", s)
	}
}

// TestSearchMarkWithoutColour: under NO_COLOR the search dialog and the
// marked label carry no colour, and the mark and the match still show.
func TestSearchMarkWithoutColour(t *testing.T) {
	j, store := openStore(t)
	saveChat(t, store, "kettle talk", "the kettle again")
	opts := testOptions(newTestClock())
	opts.Reader, opts.Journal, opts.NoColor = store, j, true
	m := newSized(t, opts, 100, 30)
	m, _ = press(m, 'f', tea.ModCtrl)
	m, due := typeQuery(t, m, "kettle")
	m = runSearch(t, m, due)
	v := m.View().Content
	if c := colours(v); len(c) > 0 {
		t.Errorf("colour in the NO_COLOR search dialog: %v", c)
	}
	if match := m.styles.Dialog.Match.Render("kettle"); !strings.Contains(v, match) || !strings.Contains(match, ";4") {
		t.Errorf("the match is not underlined without colour (%q):\n%q", match, v)
	}
	m, cmd := press(m, tea.KeyEnter, 0)
	m, _ = step(m, onlyMsg(t, cmd))
	v = m.View().Content
	if c := colours(v); len(c) > 0 || !strings.Contains(ansi.Strip(v), foundMark+"You") {
		t.Errorf("the marked label: colours %v\n%s", c, ansi.Strip(v))
	}
}

// TestSearchHostileText: titles and snippets are sanitised before they
// reach the screen.
func TestSearchHostileText(t *testing.T) {
	j, store := openStore(t)
	saveChat(t, store, "a title", "the kettle \x1b]52;c;QUJD\x07 \x1b[2J\u202eevil\u009b31m \x9b31m text")
	opts := testOptions(newTestClock())
	opts.Reader, opts.Journal = store, j
	m := newSized(t, opts, 100, 30)
	m, _ = press(m, 'f', tea.ModCtrl)
	m, due := typeQuery(t, m, "kettle")
	m = runSearch(t, m, due)
	raw := m.View().Content
	for _, bad := range []string{"\x07", "\u202e", "\x1b]52", "\x1b[2J", "\u009b"} {
		if strings.Contains(raw, bad) {
			t.Errorf("the view holds %q", bad)
		}
	}
	if !utf8.ValidString(raw) {
		t.Errorf("the view holds bytes that are not UTF-8, such as a raw 8-bit control")
	}
	if s := screen(m); !strings.Contains(s, "␛]52;c;QUJD␇") || !strings.Contains(s, "␛[2J") {
		t.Errorf("the hostile text is not shown as pictures:\n%s", s)
	}
}

// TestSnippetShowsTheMatch: a match far into a snippet is brought into
// view by cutting the text before it.
func TestSnippetShowsTheMatch(t *testing.T) {
	st := filterlist.PlainStyles()
	s := session.SnippetEllipsis + strings.Repeat("lorem ipsum ", 12) + session.SnippetStart + "kettle" + session.SnippetEnd + " boils"
	line := ansi.Strip(snippetLine(s, 40, st))
	if !strings.Contains(line, "kettle") || !strings.HasPrefix(line, "…") || ansi.StringWidth(line) > 40 {
		t.Errorf("snippet line %q (%d wide)", line, ansi.StringWidth(line))
	}
	short := session.SnippetStart + "kettle" + session.SnippetEnd + " boils"
	if got := ansi.Strip(snippetLine(short, 40, st)); got != "kettle boils" {
		t.Errorf("short snippet = %q", got)
	}
}

// TestCtrlFIsNotCursorForward: ctrl+f opens the search instead of moving
// the input's cursor; right still moves it; with search bound elsewhere
// ctrl+f moves it again.
func TestCtrlFIsNotCursorForward(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Reader = listReader{}
	m := newSized(t, opts, 80, 24)
	m = typeText(m, "abc")
	m, _ = press(m, tea.KeyLeft, 0)
	m, _ = press(m, tea.KeyLeft, 0)
	m, _ = press(m, 'f', tea.ModCtrl)
	m, _ = press(m, tea.KeyEscape, 0)
	m = typeText(m, "X")
	m, _ = press(m, tea.KeyRight, 0)
	m = typeText(m, "Y")
	if got := m.input.Value(); got != "aXbYc" {
		t.Errorf("input = %q, want aXbYc", got)
	}
	keys, err := DefaultKeyMap().ApplyKeys(map[string][]string{"search": {"f5"}})
	if err != nil {
		t.Fatal(err)
	}
	opts.Keys = keys
	m = newSized(t, opts, 80, 24)
	m = typeText(m, "abc")
	m, _ = press(m, tea.KeyLeft, 0)
	m, _ = press(m, 'f', tea.ModCtrl)
	m = typeText(m, "Z")
	if got := m.input.Value(); got != "abcZ" || m.dialog != nil {
		t.Errorf("with search on f5, ctrl+f: input %q, dialog %T", got, m.dialog)
	}
	m, _ = press(m, tea.KeyF5, 0)
	if _, ok := m.dialog.(*searchDialog); !ok {
		t.Errorf("f5 did not open the search")
	}
}

// TestGoldenSearchDialog is the search dialog at 80 columns, with hits.
func TestGoldenSearchDialog(t *testing.T) {
	m, _, _ := searchChat(t, 80, 24)
	m, _ = press(m, 'f', tea.ModCtrl)
	m, due := typeQuery(t, m, "kettle")
	m = runSearch(t, m, due)
	requireGolden(t, m)
}

// entryIndex is the index of the transcript entry with id, or -1.
func entryIndex(m *Model, id string) int {
	for i, e := range m.tr.entries {
		if e.id == id {
			return i
		}
	}
	return -1
}

// TestSearchNarrow: at any width every line of the screen fits, the
// dialog's included.
func TestSearchNarrow(t *testing.T) {
	for _, w := range []int{20, 32, 50, 80} {
		m, _, _ := searchChat(t, w, 16)
		m, _ = press(m, 'f', tea.ModCtrl)
		m, due := typeQuery(t, m, "kettle")
		m = runSearch(t, m, due)
		s := screen(m)
		if w >= 32 && !strings.Contains(s, "kettle") {
			t.Errorf("%d columns: no hit on screen:\n%s", w, s)
		}
		for i, l := range strings.Split(m.View().Content, "\n") {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("%d columns: line %d is %d wide: %q", w, i, lw, ansi.Strip(l))
			}
		}
	}
}

// TestSearchOpensTheHitsBranch: a hit on a branch not shown shows that
// branch, from where it parts from the one shown, marked and kept as the
// branch in use; in the open conversation and in one loaded from the store.
func TestSearchOpensTheHitsBranch(t *testing.T) {
	m, _, store := searchChat(t, 100, 30)
	m = chatted(t, m, "name a striped animal", "The zebra is striped.")
	hit := m.tr.last().id
	m, _ = press(m, tea.KeyTab, 0)
	m, cmd := press(m, 'r', 0)
	m, _ = startAll(m, cmd)
	m = finish(m, "The tiger is striped too.")
	if got := shownTexts(m); strings.Contains(got, "zebra") {
		t.Fatalf("the regenerated branch shows the first reply: %q", got)
	}
	m, _ = press(m, 'f', tea.ModCtrl)
	m, due := typeQuery(t, m, "zebra")
	m = runSearch(t, m, due)
	m, _ = press(m, tea.KeyEnter, 0)
	if got := shownTexts(m); !strings.HasSuffix(got, "name a striped animal / The zebra is striped.") {
		t.Errorf("after opening the hit the transcript is %q, want the hit's branch", got)
	}
	if m.found != hit || !strings.Contains(screen(m), foundMark+"gpt-4") || !strings.Contains(screen(m), "‹ 1/2 ›") {
		t.Errorf("the hit is not marked on its branch:\n%s", screen(m))
	}
	if s := statusLine(m); strings.Contains(s, "another branch") {
		t.Errorf("the status row says %q", s)
	}

	// Loaded from the store with the other branch in use, it opens on the hit's.
	conv := m.conv
	conv.LeafID = m.tree.siblings(m.tr.last())[1].id
	_, msgs, err := store.Load(conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	m = newSized(t, testOptions(newTestClock()), 100, 30)
	m, _ = step(m, loadedMsg{conv: conv, msgs: msgs, focus: hit})
	if got := shownTexts(m); !strings.HasSuffix(got, "The zebra is striped.") {
		t.Errorf("loaded at the hit, the transcript is %q", got)
	}
}
