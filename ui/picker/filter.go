package picker

import "github.com/lockchat/lockchat/client/sanitize"

// item is one model in the menu. The id is returned as the choice exactly
// as given; label is what is shown and matched, made safe for the terminal.
type item struct {
	id    string
	label string
}

func newItem(id string) item {
	return item{id: id, label: sanitize.Line(id)}
}

// FilterValue implements filterlist.Item.
func (it item) FilterValue() string { return it.label }

// ID implements filterlist.Item.
func (it item) ID() string { return it.id }

// merge lists base, then current, then server, keeping the first
// occurrence of each id and dropping empty ones.
func merge(base []string, current string, server []string) []item {
	seen := make(map[string]bool, len(base)+len(server)+1)
	all := make([]item, 0, len(base)+len(server)+1)
	add := func(id string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		all = append(all, newItem(id))
	}
	for _, id := range base {
		add(id)
	}
	add(current)
	for _, id := range server {
		add(id)
	}
	return all
}
