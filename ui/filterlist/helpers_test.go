package filterlist

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/ui/filterlist/filterlisttest"
)

var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	up    = tea.KeyPressMsg{Code: tea.KeyUp}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
	bs    = tea.KeyPressMsg{Code: tea.KeyBackspace}
	space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	ctrlN = tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
	ctrlP = tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	ctrlU = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	pgup  = tea.KeyPressMsg{Code: tea.KeyPgUp}
	pgdn  = tea.KeyPressMsg{Code: tea.KeyPgDown}
	home  = tea.KeyPressMsg{Code: tea.KeyHome}
	end   = tea.KeyPressMsg{Code: tea.KeyEnd}
)

// fruit is the items of the tests: its label is both shown and matched.
type fruit struct{ id, label string }

func (f fruit) FilterValue() string { return f.label }
func (f fruit) ID() string          { return f.id }

// fruits returns items whose ids are their labels.
func fruits(labels ...string) []fruit {
	items := make([]fruit, 0, len(labels))
	for _, l := range labels {
		items = append(items, fruit{id: l, label: l})
	}
	return items
}

// testConfig draws one fruit a row and says plainly why the list is empty.
func testConfig(def string) Config[fruit] {
	return Config[fruit]{
		Title: "Fruit",
		Empty: func(filter string, total int) string {
			return fmt.Sprintf("empty: filter %q, %d in all", filter, total)
		},
		MaxWidth:  60,
		MaxHeight: 20,
		RowHeight: 1,
		Render: func(it fruit, width int, selected bool, st Styles) string {
			cursor, style := st.Cursor(selected)
			return style.Render(ansi.Truncate(cursor+it.label, width, "…"))
		},
		Default: def,
		Keys:    DefaultKeyMap(),
		Styles:  PlainStyles(),
	}
}

// newTest returns a large dialog listing apple, banana and cherry, with
// def as its default.
func newTest(def string) Model[fruit] {
	m := New(testConfig(def))
	m.SetItems(fruits("apple", "banana", "cherry"))
	m.SetSize(100, 40)
	return m
}

func typed(s string) []tea.Msg { return filterlisttest.Typed(s) }

// send feeds msgs to a copy of m and returns the copy and the last action,
// so that tests can start several sequences from one dialog.
func send(t *testing.T, m Model[fruit], msgs ...tea.Msg) (Model[fruit], Action) {
	t.Helper()
	act := filterlisttest.Send(t, &m, msgs...)
	return m, act
}

// chosen sends msgs and Enter and returns the id chosen, or "" if Enter
// chose nothing.
func chosen(t *testing.T, m Model[fruit], msgs ...tea.Msg) string {
	t.Helper()
	_, act := send(t, m, append(msgs, enter)...)
	if act.Kind != ActionChoose {
		return ""
	}
	return act.ID
}

func view(m Model[fruit]) string { return ansi.Strip(m.View()) }

// rowOf returns the stripped View line that shows label.
func rowOf(t *testing.T, m Model[fruit], label string) string {
	t.Helper()
	for _, l := range strings.Split(view(m), "\n") {
		if strings.Contains(l, label) {
			return l
		}
	}
	t.Fatalf("no row shows %q in\n%s", label, view(m))
	return ""
}
