package filterlist

import (
	"strings"
	"testing"
)

func TestDefaultHighlighted(t *testing.T) {
	tests := []struct{ def, want string }{
		{"banana", "banana"},
		{"", "apple"},
		{"kiwi", "apple"}, // not listed: the first row
	}
	for _, tt := range tests {
		if got := chosen(t, newTest(tt.def)); got != tt.want {
			t.Errorf("default %q: chose %q, want %q", tt.def, got, tt.want)
		}
	}
	m := newTest("cherry")
	if got := chosen(t, m, typed("a")...); got != "apple" {
		t.Errorf("with a filter chose %q, want the first match", got)
	}
}

func TestSetItemsKeepsHighlight(t *testing.T) {
	m := newTest("")
	m, _ = send(t, m, down)
	m.SetItems(fruits("kiwi", "apple", "banana", "cherry"))
	if got := chosen(t, m); got != "banana" {
		t.Errorf("highlight = %q, want banana kept", got)
	}
	m.SetItems(fruits("kiwi", "lime"))
	if got := chosen(t, m); got != "kiwi" {
		t.Errorf("highlight = %q, want the first row", got)
	}
}

func TestSetItemsKeepsFilter(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, typed("li")...)
	m.SetItems(fruits("kiwi", "lime", "lychee"))
	if got := chosen(t, m); got != "lime" || m.Filter() != "li" {
		t.Errorf("chose %q with filter %q, want lime with li", got, m.Filter())
	}
}

func TestItems(t *testing.T) {
	m := newTest("apple")
	m, _ = send(t, m, typed("cherry")...)
	var ids []string
	for _, it := range m.Items() {
		ids = append(ids, it.ID())
	}
	if got := strings.Join(ids, " "); got != "apple banana cherry" {
		t.Errorf("Items() = %q, want every item whatever the filter", got)
	}
}

func TestEmptyList(t *testing.T) {
	m := New(testConfig("apple"))
	if v := view(m); !strings.Contains(v, `empty: filter "", 0 in all`) || !strings.Contains(v, "0/0") {
		t.Errorf("empty view:\n%s", v)
	}
	if _, act := send(t, m, down, pgdn, end, enter); act != (Action{}) {
		t.Errorf("enter on an empty list = %+v, want none", act)
	}
}
