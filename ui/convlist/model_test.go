package convlist

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui/filterlist"
	"github.com/lockchat/lockchat/ui/filterlist/filterlisttest"
)

var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	up    = tea.KeyPressMsg{Code: tea.KeyUp}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
	bs    = tea.KeyPressMsg{Code: tea.KeyBackspace}
	ctrlN = tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
)

// now is the fixed clock of every test.
var now = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)

func typed(s string) []tea.Msg { return filterlisttest.Typed(s) }

// send feeds msgs to a copy of m and returns the copy and the last action,
// so that tests can start several sequences from one dialog.
func send(t *testing.T, m Model, msgs ...tea.Msg) (Model, Action) {
	t.Helper()
	act := filterlisttest.Send(t, &m, msgs...)
	return m, act
}

func convs() []session.Conversation {
	return []session.Conversation{
		{ID: "c3", Title: "Rust lifetimes", Updated: now.Add(-5 * time.Minute), MessageCount: 4, Models: []string{"gpt-4"}},
		{ID: "c2", Title: "Trip to Lisbon", Updated: now.Add(-3 * 24 * time.Hour), MessageCount: 1, Models: []string{"gpt-3.5-turbo", "llama3"}},
		{ID: "c1", Title: "Old notes", Updated: time.Date(2023, 3, 9, 8, 0, 0, 0, time.UTC), MessageCount: 12},
	}
}

func newTest(c []session.Conversation) Model {
	m := New(c, filterlist.PlainStyles())
	m.SetNow(func() time.Time { return now })
	m.SetSize(100, 40)
	return m
}

func view(m Model) string { return ansi.Strip(m.View()) }

func TestRows(t *testing.T) {
	v := view(newTest(convs()))
	for _, want := range []string{
		"Conversations",
		"› Rust lifetimes",
		"5m ago · 4 messages · gpt-4",
		"  Trip to Lisbon",
		"3d ago · 1 message · gpt-3.5-turbo, llama3",
		"Mar 9 2023 · 12 messages",
		"3/3",
		"type to filter · ↑/↓ move · enter open · ctrl+r rename · ctrl+d delete",
		"esc close",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if i, j := strings.Index(v, "Rust"), strings.Index(v, "Old notes"); i > j {
		t.Errorf("order changed:\n%s", v)
	}
}

func TestWhen(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{now.Add(10 * time.Second), "just now"},
		{now.Add(-30 * time.Second), "just now"},
		{now.Add(-59 * time.Minute), "59m ago"},
		{now.Add(-23 * time.Hour), "23h ago"},
		{now.Add(-6 * 24 * time.Hour), "6d ago"},
		{time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), "Jan 2"},
		{time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), "Dec 31 2024"},
	}
	for _, tt := range tests {
		if got := Age(tt.t, now); got != tt.want {
			t.Errorf("Age(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestEnterOpens(t *testing.T) {
	m := newTest(convs())
	tests := []struct {
		keys []tea.Msg
		want string
	}{
		{nil, "c3"},
		{[]tea.Msg{down}, "c2"},
		{[]tea.Msg{down, ctrlN, down}, "c1"},
		{[]tea.Msg{down, up, up}, "c3"},
		{[]tea.Msg{tea.KeyPressMsg{Code: tea.KeyPgDown}}, "c1"},
		{typed("lisbon"), "c2"},
		{typed("llama"), "c2"}, // models match too
		{typed("GPT 4"), "c3"}, // any case, words in any order
		{typed("t"), "c3"},     // several matches: the newest first
		{append(typed("t"), down), "c2"},
	}
	for _, tt := range tests {
		_, act := send(t, m, append(tt.keys, enter)...)
		if act != (Action{Kind: ActionOpen, ID: tt.want}) {
			t.Errorf("keys %v: got %+v, want %s", tt.keys, act, tt.want)
		}
	}
}

func TestFilterView(t *testing.T) {
	m := newTest(convs())
	m, _ = send(t, m, typed("trip")...)
	v := view(m)
	if !strings.Contains(v, "> trip") || !strings.Contains(v, "1/3") || !strings.Contains(v, "› Trip to Lisbon") {
		t.Errorf("filtered view:\n%s", v)
	}
	if strings.Contains(v, "Rust") || strings.Contains(v, "Old notes") {
		t.Errorf("non-matching rows shown:\n%s", v)
	}
	m, _ = send(t, m, typed("zz")...)
	if v := view(m); !strings.Contains(v, "No conversations match the filter.") {
		t.Errorf("no-match view:\n%s", v)
	}
	if _, act := send(t, m, enter); act.Kind != ActionNone {
		t.Errorf("enter with no match = %+v", act)
	}
	m, _ = send(t, m, bs, bs)
	if _, act := send(t, m, enter); act.ID != "c2" {
		t.Errorf("after backspace = %+v", act)
	}
}

func TestEmpty(t *testing.T) {
	m := newTest(nil)
	if v := view(m); !strings.Contains(v, "No saved conversations yet.") {
		t.Errorf("empty view:\n%s", v)
	}
	if _, act := send(t, m, enter); act.Kind != ActionNone {
		t.Errorf("enter on empty list = %+v", act)
	}
	if _, act := send(t, m, esc); act.Kind != ActionClose {
		t.Errorf("esc on empty list = %+v", act)
	}
	m, _ = send(t, m, typed("x")...)
	if v := view(m); !strings.Contains(v, "No saved conversations yet.") {
		t.Errorf("empty view with a filter:\n%s", v)
	}
	if _, act := send(t, m, esc); act.Kind != ActionClose {
		t.Errorf("esc with a filter = %+v, want close", act)
	}
}

func TestSetItemsKeepsHighlight(t *testing.T) {
	m := newTest(nil)
	m.SetItems(convs())
	m, _ = send(t, m, down)
	c := append([]session.Conversation{{ID: "c4", Title: "Newer"}}, convs()...)
	m.SetItems(c)
	if _, act := send(t, m, enter); act.ID != "c2" {
		t.Errorf("highlight = %+v, want c2 kept", act)
	}
	m.SetItems(c[:1])
	if _, act := send(t, m, enter); act.ID != "c4" {
		t.Errorf("highlight = %+v, want the first row", act)
	}
}

func TestHostileTitles(t *testing.T) {
	c := []session.Conversation{
		{ID: "x1", Title: "evil\x1b]52;c;QUJD\x07", Models: []string{"\u202emodel"}},
		{ID: "x2", Title: "\u202eabc\nline two"},
		{ID: "x3", Title: "   "},
	}
	m := newTest(c)
	raw := m.View()
	for _, bad := range []string{"\x07", "\u202e", "]52;c;QUJD\x07"} {
		if strings.Contains(raw, bad) {
			t.Errorf("view contains %q", bad)
		}
	}
	v := ansi.Strip(raw)
	if strings.ContainsRune(v, '\x1b') {
		t.Errorf("stripped view has ESC:\n%q", v)
	}
	for _, want := range []string{"evil␛]52;c;QUJD␇", "abc line two", "Untitled"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if _, act := send(t, m, append(typed("evil"), enter)...); act.ID != "x1" {
		t.Errorf("got %+v", act)
	}
}

func TestLongTitleTruncated(t *testing.T) {
	long := strings.Repeat("word ", 40) + "TAIL"
	m := newTest([]session.Conversation{{ID: "a", Title: long, Models: []string{strings.Repeat("m", 200)}}})
	for _, l := range strings.Split(view(m), "\n") {
		if w := ansi.StringWidth(l); w > maxWidth {
			t.Errorf("line is %d wide: %q", w, l)
		}
	}
	if v := view(m); strings.Contains(v, "TAIL") || !strings.Contains(v, "…") {
		t.Errorf("title not truncated:\n%s", v)
	}
}

func TestPasteAndSizes(t *testing.T) {
	var c []session.Conversation
	for i := range 40 {
		c = append(c, session.Conversation{ID: fmt.Sprint(i), Title: fmt.Sprintf("chat %02d", i), Updated: now})
	}
	m := newTest(c)
	m, _ = send(t, m, tea.PasteMsg{Content: "chat 3"})
	if _, act := send(t, m, enter); act.ID != "3" {
		t.Errorf("paste filter chose %+v", act)
	}
	for _, sz := range [][2]int{{200, 60}, {80, 24}, {30, 10}} {
		m.SetSize(sz[0], sz[1])
		lines := strings.Split(view(m), "\n")
		if len(lines) > min(sz[1], maxHeight) {
			t.Errorf("%v: %d lines", sz, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > min(sz[0], maxWidth) {
				t.Errorf("%v: %d wide: %q", sz, w, l)
			}
		}
	}
}
