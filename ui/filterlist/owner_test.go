package filterlist

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// TestRemoteShowsItemsAsGiven: a Remote dialog leaves the matching to its
// owner: every item shows whatever the filter, the count is gone, and new
// items are highlighted from the first.
func TestRemoteShowsItemsAsGiven(t *testing.T) {
	cfg := testConfig("")
	cfg.Remote, cfg.Typing = true, "type to search"
	m := New(cfg)
	m.SetSize(100, 40)
	m.SetItems(fruits("apple", "banana", "cherry"))
	m, _ = send(t, m, append(typed("zz"), down)...)
	v := view(m)
	for _, want := range []string{"apple", "› banana", "cherry", "> zz▏", "type to search · ↑/↓ move"} {
		if !strings.Contains(v, want) {
			t.Errorf("remote view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "/3") {
		t.Errorf("a remote dialog shows a count:\n%s", v)
	}
	m.SetItems(fruits("cherry", "banana"))
	if got := chosen(t, m); got != "cherry" {
		t.Errorf("after new items Enter chose %q, want the first, cherry", got)
	}
}

// TestReplaceAndRemove: a renamed item keeps its row and the highlight; a
// removed one hands the highlight to the row that takes its place, or to
// the last row; unknown IDs change nothing.
func TestReplaceAndRemove(t *testing.T) {
	m := newTest("")
	m, _ = send(t, m, down)
	orig := m
	if !m.Replace(fruit{id: "banana", label: "blueberry"}) {
		t.Fatal("Replace found no banana")
	}
	if row := rowOf(t, m, "blueberry"); !strings.Contains(row, "› blueberry") {
		t.Errorf("the replaced item lost the highlight: %q", row)
	}
	if strings.Contains(view(orig), "blueberry") {
		t.Errorf("Replace changed a copy of the dialog")
	}
	if got := chosen(t, m, typed("blue")...); got != "banana" {
		t.Errorf("the filter does not match the new label: chose %q", got)
	}
	if !m.Remove("banana") || chosen(t, m) != "cherry" {
		t.Errorf("after removing the highlighted row Enter chose %q, want cherry", chosen(t, m))
	}
	if !m.Remove("cherry") || chosen(t, m) != "apple" {
		t.Errorf("after removing the last row Enter chose %q, want apple", chosen(t, m))
	}
	if m.Remove("nothing") || m.Replace(fruit{id: "nothing"}) || len(m.Items()) != 1 {
		t.Errorf("an unknown ID changed the items: %v", m.Items())
	}
}

// TestExtraKeysAndHint: the owner's keys join the hint, on a second line
// when one is too narrow; SetHint replaces the hint until it is cleared.
func TestExtraKeysAndHint(t *testing.T) {
	cfg := testConfig("")
	cfg.Extra = []key.Binding{
		key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "rename")),
		key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "delete"), key.WithDisabled()),
	}
	m := New(cfg)
	m.SetItems(fruits("apple"))
	m.SetSize(100, 40)
	v := view(m)
	if want := "enter choose · ctrl+r rename"; !strings.Contains(v, want) || strings.Contains(v, "delete") {
		t.Errorf("want %q and no disabled key in the hint:\n%s", want, v)
	}
	// The hint is wider than the dialog's 56 columns: it takes two lines,
	// and the dialog keeps its height.
	lines := strings.Split(v, "\n")
	if !strings.Contains(lines[len(lines)-2], "esc close") || !strings.Contains(lines[len(lines)-3], "type to filter") {
		t.Errorf("the long hint is not on two lines:\n%s", v)
	}
	if len(lines) != 20 {
		t.Errorf("the two-line hint changed the height to %d", len(lines))
	}
	m.SetHint("y delete · n keep")
	if v := view(m); !strings.Contains(v, "y delete · n keep") || strings.Contains(v, "esc close") {
		t.Errorf("SetHint did not replace the hint:\n%s", v)
	}
	m.SetHint("")
	if v := view(m); !strings.Contains(v, "esc close") {
		t.Errorf("SetHint(\"\") did not restore the hint:\n%s", v)
	}
}
