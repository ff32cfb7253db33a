package convlist

import (
	"strings"
	"time"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
)

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
}

func newItem(c session.Conversation) item {
	title := sanitize.Line(c.Title)
	if strings.TrimSpace(title) == "" {
		title = untitled
	}
	return item{
		id:      c.ID,
		title:   title,
		models:  sanitize.Line(strings.Join(c.Models, ", ")),
		count:   c.MessageCount,
		updated: c.Updated,
	}
}

// FilterValue implements filterlist.Item: the filter matches titles and
// model names.
func (it item) FilterValue() string { return it.title + "\n" + it.models }

// ID implements filterlist.Item.
func (it item) ID() string { return it.id }
