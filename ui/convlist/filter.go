package convlist

import (
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
)

// maxFilterRunes bounds the filter so that a huge paste cannot make every
// later keystroke slow: matching costs items × filter length.
const maxFilterRunes = 128

// untitled stands in for an empty title so that every row has something
// to show and to select.
const untitled = "Untitled"

// item is one conversation, with its text made safe for the terminal once,
// when the list is set, rather than on every frame.
type item struct {
	id      string
	title   string
	models  string
	count   int
	updated time.Time
	fold    string // lower-cased title and models, for filtering
}

func newItem(c session.Conversation) item {
	title := sanitize.Line(c.Title)
	if strings.TrimSpace(title) == "" {
		title = untitled
	}
	models := sanitize.Line(strings.Join(c.Models, ", "))
	return item{
		id:      c.ID,
		title:   title,
		models:  models,
		count:   c.MessageCount,
		updated: c.Updated,
		fold:    strings.ToLower(title + "\n" + models),
	}
}

// FilterValue implements list.Item.
func (it item) FilterValue() string { return it.title }

// matches reports whether every term occurs in the title or the models.
func (it item) matches(terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(it.fold, t) {
			return false
		}
	}
	return true
}

// filterTerms splits a filter into lower-cased words.
func filterTerms(filter string) []string {
	return strings.Fields(strings.ToLower(filter))
}

// appendFilter adds text to a filter, made safe for display and capped.
func appendFilter(filter, text string) string {
	filter += sanitize.Line(text)
	if utf8.RuneCountInString(filter) <= maxFilterRunes {
		return filter
	}
	return string([]rune(filter)[:maxFilterRunes])
}

// dropLastRune removes the last character typed.
func dropLastRune(filter string) string {
	_, size := utf8.DecodeLastRuneInString(filter)
	return filter[:len(filter)-size]
}

// typedText returns the printable text of a key press, or "" for keys that
// type nothing or carry a modifier that makes them commands.
func typedText(msg tea.KeyPressMsg) string {
	if msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) || msg.Mod.Contains(tea.ModSuper) {
		return ""
	}
	if msg.String() == "space" {
		return " "
	}
	return msg.Text
}
