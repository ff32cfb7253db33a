package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// Keys act in scopes: most while the input has focus, some only in select
// mode, where a printable key such as y or j cannot be typed and so may
// mean an action. A key may be bound twice only if no scope holds both.

// selectOnly are the actions that act only in select mode.
var selectOnly = map[string]bool{
	"select_previous": true, "select_next": true, "copy_message": true, "copy_code": true,
	"regenerate": true, "edit": true, "branch_previous": true, "branch_next": true,
	"fold": true, "delete": true,
}

// inputOnly are the input's actions that select mode does not offer: they
// edit or send the input's text, or (stop) give way to leaving select mode.
var inputOnly = map[string]bool{
	"send": true, "newline": true, "stop": true, "previous_prompt": true,
	"next_prompt": true, "editor": true,
}

// inScope reports whether action acts in select mode (selecting) or at
// the input (!selecting).
func inScope(action string, selecting bool) bool {
	if selecting {
		return !inputOnly[action]
	}
	return !selectOnly[action]
}

// ShortSelectHelp is the footer's key help in select mode, in the order
// shown, with short words and the pairs of keys grouped ("j/k move"), so
// that it fits 80 columns. Each hint names its keys as they are bound.
func (k KeyMap) ShortSelectHelp() []key.Binding {
	return []key.Binding{
		relabel(k.Select, "back"), pair(k.SelectNext, k.SelectPrev, "move"),
		relabel(k.CopyMessage, "copy"), relabel(k.CopyCode, "code"), relabel(k.Regenerate, "regen"),
		relabel(k.Edit, "edit"), pair(k.BranchPrev, k.BranchNext, "branch"),
		relabel(k.Delete, "delete"), relabel(k.Fold, "fold"),
	}
}

// SelectFullHelp is the help shown by ctrl+g in select mode, in columns:
// the select-mode keys first, whole, since the short help leaves some out
// on a narrow terminal, then the keys that also act there.
func (k KeyMap) SelectFullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.SelectPrev, k.SelectNext, k.CopyMessage, k.CopyCode, k.Regenerate, k.Edit,
			relabel(k.BranchPrev, "previous branch"), k.BranchNext, k.Fold, k.Delete},
		{relabel(k.Select, "back to the input"), relabel(k.Stop, "back to the input"), k.Quit,
			k.Models, k.Conversations, k.Search, k.Copy, k.ToggleReasoning, k.Help},
	}
}

// selectHelpDrops orders ShortSelectHelp's hints (by index) as they give
// way on a narrow terminal, the least needed first: fold, delete, branch,
// edit, regenerate, then move, code and copy. The way back always stays.
var selectHelpDrops = []int{8, 7, 6, 5, 4, 1, 3, 2}

// fitSelectHelp is ShortSelectHelp without the hints that give way (see
// selectHelpDrops) until width holds what is left, as view measures it.
func (k KeyMap) fitSelectHelp(width int, view func([]key.Binding) string) []key.Binding {
	hints := k.ShortSelectHelp()
	for _, drop := range selectHelpDrops {
		if ansi.StringWidth(view(hints)) <= width {
			break
		}
		hints[drop].SetEnabled(false) // bubbles' help leaves a disabled binding out
	}
	return hints
}

// relabel is b with words as its help.
func relabel(b key.Binding, words string) key.Binding {
	b.SetHelp(b.Help().Key, words)
	return b
}

// pair is one hint for two bindings, "j/k move", each named by its
// shortest key; a pair with one of them off is a hint for the other.
func pair(a, b key.Binding, words string) key.Binding {
	switch {
	case !a.Enabled():
		return relabel(b, words)
	case !b.Enabled():
		return relabel(a, words)
	}
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...),
		key.WithHelp(shortestKey(a)+"/"+shortestKey(b), words))
}

// shortestKey is the binding's key with the shortest name: "k" of up, k.
func shortestKey(b key.Binding) string {
	keys := b.Keys()
	if len(keys) == 0 {
		return b.Help().Key
	}
	best := keys[0]
	for _, name := range keys[1:] {
		if ansi.StringWidth(name) < ansi.StringWidth(best) {
			best = name
		}
	}
	return best
}

// checkClashes refuses a key bound to two actions of one scope, naming
// the one the user set (or either, when both were set).
func (k *KeyMap) checkClashes(set map[string][]string) error {
	for _, selecting := range []bool{false, true} {
		if err := k.checkScope(set, selecting); err != nil {
			return err
		}
	}
	return nil
}

// checkScope is checkClashes for one scope.
func (k *KeyMap) checkScope(set map[string][]string, selecting bool) error {
	owner := map[string]string{}
	b := k.bindings()
	for _, action := range KeyActions() {
		bind := b[action]
		if !bind.Enabled() || !inScope(action, selecting) {
			continue
		}
		for _, name := range bind.Keys() {
			other, taken := owner[name]
			if !taken {
				owner[name] = action
				continue
			}
			blame := action
			if _, mine := set[action]; !mine {
				blame = other
			}
			return &KeyError{blame, fmt.Sprintf("[keys] %s is bound to both %s and %s, so one of them could never be used; rebind one (or turn it off with = [])",
				name, other, action)}
		}
	}
	return nil
}
