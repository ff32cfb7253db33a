package ui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the chat screen. Bindings can be changed
// from the config file's [keys] table (see ApplyKeys).
type KeyMap struct {
	Send          key.Binding
	Newline       key.Binding
	Stop          key.Binding
	PrevPrompt    key.Binding
	NextPrompt    key.Binding
	Models        key.Binding
	New           key.Binding
	Conversations key.Binding
	Search        key.Binding
	Roles         key.Binding
	Editor        key.Binding
	Export        key.Binding
	Copy          key.Binding
	// ToggleReasoning opens and closes the newest reply's reasoning. Its
	// default, ctrl+t, is the input's transpose key, which the input then
	// gives up (see newInput).
	ToggleReasoning key.Binding
	Quit            key.Binding
	PageUp          key.Binding
	PageDown        key.Binding
	Top             key.Binding
	Bottom          key.Binding
	Help            key.Binding

	// Select enters select mode from the input, and leaves it. The keys
	// below it act only in select mode (see keyscope.go).
	Select      key.Binding
	SelectPrev  key.Binding
	SelectNext  key.Binding
	CopyMessage key.Binding
	CopyCode    key.Binding
	Regenerate  key.Binding
	Edit        key.Binding
	BranchPrev  key.Binding
	BranchNext  key.Binding
	Fold        key.Binding
	Delete      key.Binding
}

// DefaultKeyMap returns lockchat's default bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Send:            key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send")),
		Newline:         key.NewBinding(key.WithKeys("shift+enter", "ctrl+j"), key.WithHelp("ctrl+j", "newline")),
		Stop:            key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop reply")),
		PrevPrompt:      key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "prompt history")),
		NextPrompt:      key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next prompt")),
		Models:          key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "models")),
		New:             key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "new chat")),
		Conversations:   key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "conversations")),
		Search:          key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search")),
		Roles:           key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "roles")),
		Editor:          key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "edit in $EDITOR")),
		Export:          key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "export")),
		Copy:            key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy reply")),
		ToggleReasoning: key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "reasoning")),
		Quit:            key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "stop/quit")),
		PageUp:          key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll up")),
		PageDown:        key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "scroll down")),
		Top:             key.NewBinding(key.WithKeys("ctrl+home"), key.WithHelp("ctrl+home", "top")),
		Bottom:          key.NewBinding(key.WithKeys("ctrl+end"), key.WithHelp("ctrl+end", "bottom")),
		Help:            key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "help")),
		Select:          key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "select")),
		SelectPrev:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous")),
		SelectNext:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next")),
		CopyMessage:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy")),
		CopyCode:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy code")),
		Regenerate:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "regenerate")),
		Edit:            key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		BranchPrev:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "branch")),
		BranchNext:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next branch")),
		Fold:            key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "fold")),
		Delete:          key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
	}
}

// ShortHelp is the footer's one line of help.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Send, k.Newline, k.Stop, k.Models, k.Help, k.Quit}
}

// FullHelp is the help shown by ctrl+g, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Send, k.Newline, k.Stop, k.Quit, k.PrevPrompt, k.NextPrompt, k.Select},
		{k.Models, k.Roles, k.New, k.Conversations, k.Search, k.Export, k.Copy},
		{k.PageUp, k.PageDown, k.Top, k.Bottom, k.ToggleReasoning, k.Editor, k.Help},
	}
}

// bindings names each binding as the config file spells it.
func (k *KeyMap) bindings() map[string]*key.Binding {
	return map[string]*key.Binding{
		"send": &k.Send, "newline": &k.Newline, "stop": &k.Stop, "models": &k.Models,
		"previous_prompt": &k.PrevPrompt, "next_prompt": &k.NextPrompt,
		"new": &k.New, "conversations": &k.Conversations, "search": &k.Search, "roles": &k.Roles, "editor": &k.Editor,
		"export": &k.Export, "copy": &k.Copy, "toggle_reasoning": &k.ToggleReasoning,
		"quit": &k.Quit, "page_up": &k.PageUp, "page_down": &k.PageDown,
		"top": &k.Top, "bottom": &k.Bottom, "help": &k.Help,
		"select": &k.Select, "select_previous": &k.SelectPrev, "select_next": &k.SelectNext,
		"copy_message": &k.CopyMessage, "copy_code": &k.CopyCode, "regenerate": &k.Regenerate,
		"edit": &k.Edit, "branch_previous": &k.BranchPrev, "branch_next": &k.BranchNext,
		"fold": &k.Fold, "delete": &k.Delete,
	}
}

// KeyActions lists the action names the [keys] table accepts.
func KeyActions() []string {
	var names []string
	for n := range (&KeyMap{}).bindings() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// KeyError is a mistake in the config file's [keys] table: Action names
// the entry (the config file gives its line), Msg says what is wrong in
// one sentence.
type KeyError struct {
	Action string
	Msg    string
}

func (e *KeyError) Error() string { return e.Msg }

// ApplyKeys rebinds actions from the config file, e.g. {"send": ["ctrl+s"]}.
// It refuses, with a *KeyError, an unknown action, a key name no terminal
// reports, a key bound to two actions (the second could never fire on
// it), and an empty quit (nothing would leave lockchat).
func (k KeyMap) ApplyKeys(keys map[string][]string) (KeyMap, error) {
	b := k.bindings()
	for _, action := range sortedKeys(keys) {
		ks := keys[action]
		bind, ok := b[action]
		if !ok {
			return k, &KeyError{action, fmt.Sprintf("[keys] has an unknown action %q; the actions are %s",
				action, strings.Join(KeyActions(), ", "))}
		}
		for _, name := range ks {
			if why := checkKeyName(name); why != "" {
				return k, &KeyError{action, fmt.Sprintf("[keys] %s: %s", action, why)}
			}
		}
		if len(ks) == 0 {
			if action == "quit" {
				return k, &KeyError{action, "[keys] quit = [] would leave no way to quit lockchat; give it at least one key"}
			}
			bind.SetEnabled(false)
			continue
		}
		bind.SetKeys(ks...)
		bind.SetHelp(ks[0], bind.Help().Desc)
	}
	k.yieldLaterDefaults(keys)
	return k, k.checkClashes(keys)
}

// laterDefaults are the actions whose default keys came after the [keys]
// table: a key the table gives another action is taken from them, so that
// a config written before they existed still works.
var laterDefaults = []string{"roles", "editor"}

// yieldLaterDefaults takes the keys set takes from the default bindings of
// laterDefaults; an action left with no key is turned off.
func (k *KeyMap) yieldLaterDefaults(set map[string][]string) {
	b := k.bindings()
	for _, later := range laterDefaults {
		if _, mine := set[later]; mine {
			continue
		}
		bind := b[later]
		var kept []string
		for _, name := range bind.Keys() {
			if !takenBy(set, name) {
				kept = append(kept, name)
			}
		}
		switch {
		case len(kept) == 0:
			bind.SetEnabled(false)
		case len(kept) < len(bind.Keys()):
			bind.SetKeys(kept...)
			bind.SetHelp(kept[0], bind.Help().Desc)
		}
	}
}

// takenBy reports whether the [keys] table binds name to any action.
func takenBy(set map[string][]string, name string) bool {
	for _, ks := range set {
		for _, k := range ks {
			if k == name {
				return true
			}
		}
	}
	return false
}

func sortedKeys(m map[string][]string) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// keyHint is "key words" with the key as it is bound, such as "esc stops",
// or "" when the binding is disabled: a hint never names a dead key.
func keyHint(b key.Binding, words string) string {
	if !b.Enabled() {
		return ""
	}
	return b.Help().Key + " " + words
}

// stopHint says which key stops a streaming reply: the stop binding, or
// else quit, which stops a reply before it quits.
func (k KeyMap) stopHint(words string) string {
	if h := keyHint(k.Stop, words); h != "" {
		return h
	}
	return keyHint(k.Quit, words)
}

// stillStreaming is the notice for a prompt sent while a reply streams.
// While a prompt is edited the stop key cancels the edit, so the notice
// names the quit key, which stops a reply first.
func (k KeyMap) stillStreaming(editing bool) string {
	h := k.stopHint("to stop it first")
	if editing {
		h = keyHint(k.Quit, "to stop it first")
	}
	if h != "" {
		return "A reply is still streaming: press " + h + "."
	}
	return "A reply is still streaming."
}
