package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
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

// ShortSelectHelp is the footer's key help in select mode.
func (k KeyMap) ShortSelectHelp() []key.Binding {
	back := k.Select
	back.SetHelp(back.Help().Key, "back")
	return []key.Binding{back, k.SelectPrev, k.CopyMessage, k.CopyCode, k.Regenerate, k.Edit,
		k.BranchPrev, k.Fold}
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
