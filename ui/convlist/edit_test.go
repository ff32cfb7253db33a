package convlist

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

var (
	ctrlR = tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	ctrlD = tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	ctrlU = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
)

// TestRenameInline: ctrl+r edits the highlighted title in its row, Enter
// saves it (the row shows it at once) and asks the owner to store it.
func TestRenameInline(t *testing.T) {
	m := newTest(convs())
	m, act := send(t, m, down, ctrlR)
	if act.Kind != ActionNone {
		t.Fatalf("ctrl+r = %+v", act)
	}
	v := view(m)
	for _, want := range []string{"› Trip to Lisbon▏", "enter save · esc cancel"} {
		if !strings.Contains(v, want) {
			t.Errorf("renaming view lacks %q:\n%s", want, v)
		}
	}
	m, _ = send(t, m, append([]tea.Msg{ctrlU}, typed("Porto weekend")...)...)
	if v := view(m); !strings.Contains(v, "› Porto weekend▏") || !strings.Contains(v, "> ▏") {
		t.Errorf("typing did not edit the title (or reached the filter):\n%s", v)
	}
	m, act = send(t, m, bs, tea.PasteMsg{Content: "d\x1b[2J"}, enter)
	if want := (Action{Kind: ActionRename, ID: "c2", Title: "Porto weekend␛[2J"}); act != want {
		t.Errorf("Enter = %+v, want %+v", act, want)
	}
	v = view(m)
	if !strings.Contains(v, "› Porto weekend␛[2J") || strings.Contains(v, "Lisbon") || strings.Contains(v, "2J▏") {
		t.Errorf("the row does not show the new title:\n%s", v)
	}
	if strings.Contains(v, "enter save") || !strings.Contains(v, "ctrl+r rename") {
		t.Errorf("the hint did not come back after the rename:\n%s", v)
	}
	if _, act := send(t, m, append(typed("porto"), enter)...); act != (Action{Kind: ActionOpen, ID: "c2"}) {
		t.Errorf("the filter does not find the new title: %+v", act)
	}
}

// TestRenameCancelAndEmpty: Esc keeps the old title without closing the
// dialog; an empty title is refused with a note; an unchanged one asks
// for nothing.
func TestRenameCancelAndEmpty(t *testing.T) {
	m := newTest(convs())
	m, act := send(t, m, ctrlR, tea.KeyPressMsg{Code: 'x', Text: "x"}, esc)
	if act.Kind != ActionNone || !strings.Contains(view(m), "› Rust lifetimes") || strings.Contains(view(m), "lifetimesx") {
		t.Errorf("esc while renaming: %+v\n%s", act, view(m))
	}
	if _, act := send(t, m, esc); act.Kind != ActionClose {
		t.Errorf("esc after the rename ended = %+v, want close", act)
	}
	m, act = send(t, m, ctrlR, ctrlU, tea.KeyPressMsg{Code: ' ', Text: " "}, enter)
	if act.Kind != ActionNone || !strings.Contains(view(m), "A title needs at least one word.") {
		t.Errorf("an empty title: %+v\n%s", act, view(m))
	}
	m, act = send(t, m, append(typed("New"), enter)...)
	if act != (Action{Kind: ActionRename, ID: "c3", Title: "New"}) || strings.Contains(view(m), "needs at least") {
		t.Errorf("after the note, a title: %+v\n%s", act, view(m))
	}
	if _, act := send(t, m, ctrlR, enter); act.Kind != ActionNone {
		t.Errorf("an unchanged title = %+v, want nothing to store", act)
	}
}

// TestDeleteAsksFirst: ctrl+d asks "Delete “title”? y/n" in the dialog;
// n and Esc keep the conversation, other keys wait for the answer, y
// removes the row and asks the owner to delete it.
func TestDeleteAsksFirst(t *testing.T) {
	m := newTest(convs())
	m, _ = send(t, m, down, ctrlD)
	v := view(m)
	for _, want := range []string{"Delete “Trip to Lisbon”? y/n", "y delete · n keep"} {
		if !strings.Contains(v, want) {
			t.Errorf("confirming view lacks %q:\n%s", want, v)
		}
	}
	for _, keep := range []tea.Msg{tea.KeyPressMsg{Code: 'n', Text: "n"}, esc} {
		k, act := send(t, m, keep)
		if act.Kind != ActionNone || strings.Contains(view(k), "Delete “") || !strings.Contains(view(k), "Trip to Lisbon") {
			t.Errorf("%v: %+v\n%s", keep, act, view(k))
		}
	}
	m, act := send(t, m, enter, tea.KeyPressMsg{Code: 'x', Text: "x"})
	if act.Kind != ActionNone || !strings.Contains(view(m), "Delete “Trip to Lisbon”? y/n") || strings.Contains(view(m), "> x") {
		t.Errorf("keys other than y and n: %+v\n%s", act, view(m))
	}
	m, act = send(t, m, tea.KeyPressMsg{Code: 'y', Text: "y"})
	if act != (Action{Kind: ActionDelete, ID: "c2", Title: "Trip to Lisbon"}) {
		t.Errorf("y = %+v", act)
	}
	v = view(m)
	if strings.Contains(v, "Lisbon") || !strings.Contains(v, "› Old notes") || !strings.Contains(v, "2/2") {
		t.Errorf("after the delete the row should be gone and the next highlighted:\n%s", v)
	}
}

// TestNotEditable: with editing off, ctrl+r and ctrl+d do nothing and the
// hint does not offer them.
func TestNotEditable(t *testing.T) {
	m := newTest(convs())
	m.SetEditable(false)
	m, act := send(t, m, ctrlR, ctrlD)
	v := view(m)
	if act.Kind != ActionNone || strings.Contains(v, "rename") || strings.Contains(v, "delete") || strings.Contains(v, "Delete “") {
		t.Errorf("editing off: %+v\n%s", act, v)
	}
	if !strings.Contains(v, "enter open · esc close") {
		t.Errorf("hint:\n%s", v)
	}
	if _, act := send(t, newTest(nil), ctrlR, ctrlD, enter); act.Kind != ActionNone {
		t.Errorf("ctrl+r and ctrl+d on an empty list: %+v", act)
	}
}
