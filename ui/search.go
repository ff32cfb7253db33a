package ui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/convlist"
	"github.com/lockchat/lockchat/ui/filterlist"
)

// searchDelay is how long typing must pause before the store is searched:
// a burst of keys costs one search, and no key press waits on the store.
const searchDelay = 100 * time.Millisecond

// searchLimit is how many hits a search lists, best first.
const searchLimit = 50

// searchDialog finds messages in every saved conversation (the store's
// full-text search) and asks the chat to open the one chosen at the match.
// The query is the list's filter; each change schedules a search that
// carries a sequence number, and only the newest search's hits are shown.
type searchDialog struct {
	filterlist.Model[hitItem]
	reader  Reader
	query   string // the words searched for, one space apart
	seq     int    // increases with every change of query
	pending bool   // a search for seq is scheduled or running
}

// searchDueMsg says typing paused: search for query seq now.
type searchDueMsg struct {
	from *searchDialog // identifies the dialog; never read by a command
	seq  int
}

// searchedMsg carries the hits of search seq.
type searchedMsg struct {
	from *searchDialog
	seq  int
	hits []session.Hit
	err  error
}

// openHit opens a conversation at a message that matched.
type openHit struct{ convID, msgID string }

// hitItem is one matching message, its text made safe for the terminal
// once, when the hits arrive.
type hitItem struct {
	convID, msgID string
	title         string
	role          string
	created       time.Time
	snippet       string // with session.SnippetStart/End around the matches
}

// FilterValue implements filterlist.Item; the store did the matching.
func (h hitItem) FilterValue() string { return "" }

// ID implements filterlist.Item.
func (h hitItem) ID() string { return h.msgID }

func newHitItem(h session.Hit) hitItem {
	title := sanitizeLine(h.Title)
	if strings.TrimSpace(title) == "" {
		title = "Untitled"
	}
	return hitItem{convID: h.ConversationID, msgID: h.MessageID, title: title, role: h.Role,
		created: h.Created, snippet: sanitizeLine(h.Snippet)}
}

// openSearch shows the search dialog; it searches nothing until words are
// typed.
func (m *Model) openSearch() tea.Cmd {
	if m.opts.Reader == nil {
		m.footer.push("No conversation store is open, so there is nothing to search.", true)
		return nil
	}
	m.openDialog(newSearchDialog(m.opts.Reader, m.opts.Now, m.styles.Dialog))
	return nil
}

func newSearchDialog(r Reader, now func() time.Time, st filterlist.Styles) *searchDialog {
	d := &searchDialog{reader: r}
	keys := filterlist.DefaultKeyMap()
	keys.Choose.SetHelp(keys.Choose.Help().Key, "open")
	d.Model = filterlist.New(filterlist.Config[hitItem]{
		Title: "Search", Typing: "type to search", Remote: true,
		Empty: d.emptyText, MaxWidth: 76, MaxHeight: 22, RowHeight: 2,
		Render: renderHit(now), Keys: keys, Styles: st,
	})
	return d
}

// Update passes keys to the list and schedules a search when the query
// changed; it runs the search when typing paused and shows its hits, if
// no newer search has been asked for since.
func (d *searchDialog) Update(msg tea.Msg) (action, tea.Cmd) {
	switch msg := msg.(type) {
	case searchDueMsg:
		if msg.from != d || msg.seq != d.seq {
			return nil, nil
		}
		return nil, search(d, d.reader, d.seq, d.query)
	case searchedMsg:
		if msg.from == d && msg.seq == d.seq {
			d.showHits(msg)
		}
		return nil, nil
	}
	act, cmd := d.Model.Update(msg)
	return listAction(act, d.open), tea.Batch(cmd, d.queryChanged())
}

// queryChanged starts over when the words typed changed: an empty query
// shows the hint at once, any other waits for typing to pause.
func (d *searchDialog) queryChanged() tea.Cmd {
	q := strings.Join(strings.Fields(d.Filter()), " ")
	if q == d.query {
		return nil
	}
	d.seq++
	d.query, d.pending = q, q != ""
	if q == "" {
		d.SetNote("")
		d.SetItems(nil)
		return nil
	}
	from, seq := d, d.seq
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchDueMsg{from: from, seq: seq} })
}

// search asks the store in a command.
func search(from *searchDialog, r Reader, seq int, query string) tea.Cmd {
	return func() tea.Msg {
		hits, err := r.Search(query, searchLimit)
		return searchedMsg{from: from, seq: seq, hits: hits, err: err}
	}
}

// showHits lists the hits of the newest search, or says why there are none.
func (d *searchDialog) showHits(msg searchedMsg) {
	d.pending = false
	d.SetNote("")
	if msg.err != nil && !errors.Is(msg.err, session.ErrInvalid) { // ErrInvalid: only "*", nothing to find
		d.SetNote("The search failed: " + msg.err.Error())
	}
	items := make([]hitItem, 0, len(msg.hits))
	for _, h := range msg.hits {
		items = append(items, newHitItem(h))
	}
	d.SetItems(items)
}

// emptyText is the line shown when no hit is listed.
func (d *searchDialog) emptyText(string, int) string {
	switch {
	case d.query == "":
		return "Type words to find them in every saved conversation."
	case d.pending:
		return "Searching…"
	}
	return "No message matches “" + d.query + "”."
}

// open asks for the conversation of the hit chosen.
func (d *searchDialog) open(msgID string) action {
	for _, it := range d.Items() {
		if it.msgID == msgID {
			return openHit{convID: it.convID, msgID: msgID}
		}
	}
	return nil
}

// renderHit draws a hit on two rows: the conversation's title with the
// message's age and author, and the snippet with its matches marked.
func renderHit(now func() time.Time) filterlist.RenderFunc[hitItem] {
	return func(h hitItem, width int, selected bool, st filterlist.Styles) string {
		const indent = "  "
		room := max(1, width-len(indent))
		cursor, style := st.Cursor(selected)
		meta := " · " + convlist.Age(h.created, now()) + " · " + roleWord(h.role)
		title := ansi.Truncate(h.title, max(1, room-ansi.StringWidth(meta)), "…")
		top := style.Render(cursor+title) + st.Dim.Render(ansi.Truncate(meta, max(0, room-ansi.StringWidth(title)), "…"))
		return top + "\n" + indent + snippetLine(h.snippet, room, st)
	}
}

// roleWord says who wrote a message, in a word.
func roleWord(role string) string {
	switch role {
	case session.RoleUser:
		return "you"
	case session.RoleAssistant:
		return "reply"
	}
	return sanitizeLine(role)
}

// snippetPart is a run of a snippet's text, matched or not.
type snippetPart struct {
	text  string
	match bool
}

// splitSnippet cuts a snippet at its match marks.
func splitSnippet(s string) []snippetPart {
	var parts []snippetPart
	for i, chunk := range strings.Split(s, session.SnippetStart) {
		if i == 0 {
			parts = append(parts, snippetPart{text: chunk})
			continue
		}
		matched, rest, _ := strings.Cut(chunk, session.SnippetEnd)
		parts = append(parts, snippetPart{text: matched, match: true}, snippetPart{text: rest})
	}
	return parts
}

// snippetLine draws a snippet in room cells with its matches in the Match
// style instead of between marks. When the first match would sit far to
// the right, the text before it is cut, so that the match shows.
func snippetLine(s string, room int, st filterlist.Styles) string {
	parts := splitSnippet(s)
	lead := 0 // cells before the first match
	for _, p := range parts {
		if p.match {
			break
		}
		lead += ansi.StringWidth(p.text)
	}
	var b strings.Builder
	if skip := lead - room/4; lead > room/2 {
		b.WriteString(st.Dim.Render("…"))
		parts = dropCells(parts, skip+1)
	}
	for _, p := range parts {
		if p.match {
			b.WriteString(st.Match.Render(p.text))
		} else {
			b.WriteString(st.Dim.Render(p.text))
		}
	}
	return ansi.Truncate(b.String(), room, "…")
}

// dropCells removes n cells from the start of parts.
func dropCells(parts []snippetPart, n int) []snippetPart {
	for len(parts) > 0 && n > 0 {
		w := ansi.StringWidth(parts[0].text)
		if w > n {
			parts[0].text = ansi.TruncateLeft(parts[0].text, n, "")
			break
		}
		n -= w
		parts = parts[1:]
	}
	return parts
}
