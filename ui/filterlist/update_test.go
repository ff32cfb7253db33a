package filterlist

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestArrowsMove(t *testing.T) {
	m := newTest("apple")
	tests := []struct {
		name string
		keys []tea.Msg
		want string
	}{
		{"none", nil, "apple"},
		{"down", []tea.Msg{down}, "banana"},
		{"down down", []tea.Msg{down, down}, "cherry"},
		{"stops at the end", []tea.Msg{down, down, down, down}, "cherry"},
		{"ctrl+n ctrl+n ctrl+p", []tea.Msg{ctrlN, ctrlN, ctrlP}, "banana"},
		{"up at the top", []tea.Msg{up}, "apple"},
		{"pgdown", []tea.Msg{pgdn}, "cherry"},
		{"pgdown pgup", []tea.Msg{pgdn, pgup}, "apple"},
		{"end home", []tea.Msg{end, home}, "apple"},
		{"end", []tea.Msg{end}, "cherry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chosen(t, m, tt.keys...); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTypingFiltersAtOnce(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, typed("an")...)
	if v := view(m); !strings.Contains(v, "> an▏") || !strings.Contains(v, "1/3") || strings.Contains(v, "cherry") {
		t.Errorf("filtered view:\n%s", v)
	}
	if got := chosen(t, m); got != "banana" {
		t.Errorf("enter after filter chose %q", got)
	}
}

func TestFilterWordsAndCase(t *testing.T) {
	m := New(testConfig(""))
	m.SetItems(fruits("red apple", "green apple", "green pear"))
	m, _ = send(t, m, typed("APPLE")...)
	m, _ = send(t, m, space)
	m, _ = send(t, m, typed("gre")...)
	if got := chosen(t, m); got != "green apple" {
		t.Errorf("filter %q chose %q", m.Filter(), got)
	}
}

func TestFilterThenMove(t *testing.T) {
	m := New(testConfig(""))
	m.SetItems(fruits("plum", "apple", "pineapple"))
	if got := chosen(t, m, append(typed("apple"), down)...); got != "pineapple" {
		t.Errorf("got %q, want the second match", got)
	}
}

func TestSlashIsText(t *testing.T) {
	m := New(testConfig("c"))
	m.SetItems(fruits("a/b", "c"))
	if got := chosen(t, m, typed("/")...); got != "a/b" {
		t.Errorf("got %q, want a/b", got)
	}
}

func TestBackspace(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, typed("chx")...)
	if v := view(m); !strings.Contains(v, `empty: filter "chx", 3 in all`) || !strings.Contains(v, "0/3") {
		t.Errorf("want the empty line:\n%s", v)
	}
	if _, act := send(t, m, enter); act != (Action{}) {
		t.Errorf("enter with no match = %+v, want none", act)
	}
	m, _ = send(t, m, bs)
	if got := chosen(t, m); got != "cherry" {
		t.Errorf("after backspace chose %q", got)
	}
	m, _ = send(t, m, bs, bs, bs) // one more than typed: harmless
	if m.Filter() != "" {
		t.Errorf("filter = %q", m.Filter())
	}
}

func TestBackspaceDropsWholeRune(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, typed("né")...)
	m, _ = send(t, m, bs)
	if m.Filter() != "n" {
		t.Errorf("filter = %q, want %q", m.Filter(), "n")
	}
}

func TestEsc(t *testing.T) {
	m := newTest("banana")
	if _, act := send(t, m, esc); act.Kind != ActionClose {
		t.Errorf("esc with empty filter = %+v, want close", act)
	}
	m, _ = send(t, m, typed("ch")...)
	if _, act := send(t, m, esc); act.Kind != ActionClose {
		t.Errorf("esc with a filter = %+v, want close", act)
	}
}

func TestCtrlUClearsFilter(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, append(typed("ban"), ctrlU)...)
	if m.Filter() != "" || !strings.Contains(view(m), "3/3") {
		t.Errorf("filter %q after ctrl+u:\n%s", m.Filter(), view(m))
	}
	if _, act := send(t, m, ctrlU); act.Kind != ActionNone {
		t.Errorf("ctrl+u with empty filter = %+v, want none", act)
	}
}

func TestPaste(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, tea.PasteMsg{Content: "ch\x1b[2J\ner"})
	if strings.Contains(m.View(), "\x1b[2J") {
		t.Error("pasted escape sequence reached the view")
	}
	if !strings.Contains(view(m), "> ch␛[2J er▏") {
		t.Errorf("pasted filter not shown made safe:\n%s", view(m))
	}
	m, _ = send(t, m, tea.PasteMsg{Content: strings.Repeat("x", 10000)})
	if n := len([]rune(m.Filter())); n != maxFilterRunes {
		t.Errorf("filter grew to %d runes, want %d", n, maxFilterRunes)
	}
}

func TestCtrlKeysDoNotType(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}, tea.KeyPressMsg{Code: 'x', Text: "x", Mod: tea.ModAlt})
	if m.Filter() != "" {
		t.Errorf("filter = %q, want empty", m.Filter())
	}
}
