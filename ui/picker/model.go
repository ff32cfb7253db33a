package picker

import "github.com/lockchat/lockchat/ui/filterlist"

// Model is the model menu's state: a filterlist dialog of models, whose
// Update, View, SetSize, SetNote and SetStyles it has. Its Update returns
// a filterlist.Action whose ID, for ActionChoose, is the model chosen,
// exactly as it was given to New or SetServerModels. The zero value is not
// usable; call New.
type Model struct {
	filterlist.Model[item]
	base    []string // models given to New, in order
	server  []string // models from the server, in order
	current string
}

// New returns a menu listing models, with current marked and highlighted.
// If current is not among models it is added, so it can always be seen.
func New(models []string, current string, st filterlist.Styles) Model {
	m := Model{
		Model:   filterlist.New(config(current, st)),
		base:    models,
		current: current,
	}
	m.SetItems(merge(m.base, m.current, m.server))
	return m
}

// SetServerModels adds the models the server reported after the built-in
// and configured ones, dropping duplicates. Calling it again replaces the
// earlier server list. The highlighted model stays highlighted. The note
// is left as it is; SetNote("") clears it.
func (m *Model) SetServerModels(ids []string) {
	m.server = ids
	m.SetItems(merge(m.base, m.current, m.server))
}
