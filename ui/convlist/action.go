package convlist

import "github.com/lockchat/lockchat/ui/filterlist"

// ActionKind says what the dialog's owner should do after an Update.
type ActionKind int

// The actions the conversation list can ask for.
const (
	// ActionNone: nothing to do; keep the dialog open.
	ActionNone ActionKind = iota
	// ActionOpen: open the conversation Action.ID and close the dialog.
	ActionOpen
	// ActionClose: close the dialog without a change.
	ActionClose
	// ActionRename: give the conversation Action.ID the title Action.Title.
	// The dialog shows the new title already and stays open.
	ActionRename
	// ActionDelete: delete the conversation Action.ID, whose title was
	// Action.Title. The dialog no longer lists it and stays open.
	ActionDelete
)

// Action is the result of an Update.
type Action struct {
	Kind  ActionKind
	ID    string
	Title string
}

// fromList turns the list's own result into the conversation list's.
func fromList(act filterlist.Action) Action {
	switch act.Kind {
	case filterlist.ActionChoose:
		return Action{Kind: ActionOpen, ID: act.ID}
	case filterlist.ActionClose:
		return Action{Kind: ActionClose}
	}
	return Action{}
}
