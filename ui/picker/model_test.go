package picker

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/ui/filterlist"
	"github.com/lockchat/lockchat/ui/filterlist/filterlisttest"
)

var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
	space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
)

func typed(s string) []tea.Msg { return filterlisttest.Typed(s) }

// send feeds msgs to a copy of m and returns the copy and the last action,
// so that tests can start several sequences from one dialog.
func send(t *testing.T, m Model, msgs ...tea.Msg) (Model, filterlist.Action) {
	t.Helper()
	act := filterlisttest.Send(t, &m, msgs...)
	return m, act
}

func newTest(current string) Model {
	m := New([]string{"gpt-4", "gpt-3.5-turbo", "llama3"}, current, filterlist.PlainStyles())
	m.SetSize(100, 40)
	return m
}

func view(m Model) string { return ansi.Strip(m.View()) }

// rowOf returns the stripped View line that shows label.
func rowOf(t *testing.T, m Model, label string) string {
	t.Helper()
	for _, l := range strings.Split(view(m), "\n") {
		if strings.Contains(l, label) {
			return l
		}
	}
	t.Fatalf("no row shows %q in\n%s", label, view(m))
	return ""
}

func TestCurrentMarkedAndSelected(t *testing.T) {
	m := newTest("gpt-3.5-turbo")
	if r := rowOf(t, m, "gpt-3.5-turbo"); !strings.Contains(r, "● gpt-3.5-turbo") || !strings.Contains(r, "›") {
		t.Errorf("current row %q: want it marked and highlighted", r)
	}
	if r := rowOf(t, m, "gpt-4"); strings.Contains(r, "●") || strings.Contains(r, "›") {
		t.Errorf("other row %q: want it plain", r)
	}
	if _, act := send(t, m, enter); act != (filterlist.Action{Kind: filterlist.ActionChoose, ID: "gpt-3.5-turbo"}) {
		t.Errorf("enter = %+v, want the current model", act)
	}
}

func TestCurrentNotListedIsAdded(t *testing.T) {
	m := newTest("my-custom")
	if _, act := send(t, m, enter); act.ID != "my-custom" {
		t.Errorf("enter = %+v, want my-custom", act)
	}
}

func TestViewFrame(t *testing.T) {
	v := view(newTest("gpt-4"))
	for _, want := range []string{"Models", "type to filter · ↑/↓ move · enter choose · esc close", "3/3", "╭", "╯"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestTypingFiltersAtOnce(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, typed("turbo")...)
	v := view(m)
	if !strings.Contains(v, "> turbo") || !strings.Contains(v, "1/3") {
		t.Errorf("filter line missing:\n%s", v)
	}
	if strings.Contains(v, "llama3") || strings.Contains(v, "gpt-4 ") {
		t.Errorf("non-matching models shown:\n%s", v)
	}
	if _, act := send(t, m, enter); act != (filterlist.Action{Kind: filterlist.ActionChoose, ID: "gpt-3.5-turbo"}) {
		t.Errorf("enter after filter = %+v", act)
	}
}

func TestFilterWordsAndCase(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, typed("TURBO")...)
	m, _ = send(t, m, space)
	m, act := send(t, m, append(typed("3.5"), enter)...)
	if act.ID != "gpt-3.5-turbo" {
		t.Errorf("filter %q chose %+v", m.Filter(), act)
	}
}

func TestFilterThenMove(t *testing.T) {
	m := newTest("llama3")
	_, act := send(t, m, append(typed("gpt"), down, enter)...)
	if act.ID != "gpt-3.5-turbo" {
		t.Errorf("got %+v, want the second match", act)
	}
}

func TestServerModelsMerged(t *testing.T) {
	m := newTest("gpt-3.5-turbo")
	m, _ = send(t, m, down) // highlight llama3
	m.SetServerModels([]string{"gpt-4", "mistral", "llama3", "mistral", "", "qwen"})
	if got, want := ids(m), "gpt-4 gpt-3.5-turbo llama3 mistral qwen"; got != want {
		t.Errorf("items = %q, want %q", got, want)
	}
	if _, act := send(t, m, enter); act.ID != "llama3" {
		t.Errorf("highlight moved to %+v, want it kept on llama3", act)
	}
	m.SetServerModels([]string{"phi"})
	if got, want := ids(m), "gpt-4 gpt-3.5-turbo llama3 phi"; got != want {
		t.Errorf("after second fetch items = %q, want %q", got, want)
	}
}

func TestServerModelsKeepFilter(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, typed("mis")...)
	m.SetServerModels([]string{"mistral", "mixtral"})
	if _, act := send(t, m, enter); act.ID != "mistral" {
		t.Errorf("got %+v, want mistral", act)
	}
}

func ids(m Model) string {
	var s []string
	for _, it := range m.Items() {
		s = append(s, it.id)
	}
	return strings.Join(s, " ")
}

func TestHostileServerNames(t *testing.T) {
	const osc = "evil\x1b]52;c;QUJD\x07"
	const bidi = "\u202eabc"
	m := newTest("gpt-4")
	m.SetServerModels([]string{osc, bidi})
	raw := m.View()
	for _, bad := range []string{"\x07", "\u202e", "]52;c;QUJD\x07"} {
		if strings.Contains(raw, bad) {
			t.Errorf("view contains %q", bad)
		}
	}
	// The only escapes left are the styles' own SGR sequences.
	if s := ansi.Strip(raw); strings.ContainsRune(s, '\x1b') {
		t.Errorf("stripped view still has ESC:\n%q", s)
	}
	if !strings.Contains(view(m), "evil␛]52;c;QUJD␇") {
		t.Errorf("sanitised name not shown:\n%s", view(m))
	}
	_, act := send(t, m, append(typed("evil"), enter)...)
	if act.ID != osc {
		t.Errorf("choice = %q, want the original id", act.ID)
	}
	_, act = send(t, m, append(typed("abc"), enter)...)
	if act.ID != bidi {
		t.Errorf("choice = %q, want the original id", act.ID)
	}
}

func TestNoMatch(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, typed("llx")...)
	if !strings.Contains(view(m), "No models match the filter.") {
		t.Errorf("want a no-match line:\n%s", view(m))
	}
	if _, act := send(t, m, enter); act.Kind != filterlist.ActionNone {
		t.Errorf("enter with no match = %+v, want none", act)
	}
	m = New(nil, "", filterlist.PlainStyles())
	if !strings.Contains(view(m), "No models.") {
		t.Errorf("want an empty line:\n%s", view(m))
	}
	m, _ = send(t, m, typed("x")...)
	if !strings.Contains(view(m), "No models match the filter.") {
		t.Errorf("want a no-match line with no models:\n%s", view(m))
	}
}

// TestEscCloses: Esc closes the menu at once, even with a filter typed,
// and chooses nothing.
func TestEscCloses(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, typed("lla")...)
	if _, act := send(t, m, esc); act != (filterlist.Action{Kind: filterlist.ActionClose}) {
		t.Errorf("esc with a filter = %+v, want close", act)
	}
}

func TestCurrentOnALaterPage(t *testing.T) {
	var models []string
	for i := range 50 {
		models = append(models, fmt.Sprintf("model-%02d", i))
	}
	m := New(models, "model-42", filterlist.PlainStyles())
	m.SetSize(80, 12)
	if r := rowOf(t, m, "model-42"); !strings.Contains(r, "› ● model-42") {
		t.Errorf("current model on a later page not shown highlighted: %q", r)
	}
}

func TestSize(t *testing.T) {
	m := newTest("gpt-4")
	lines := strings.Split(view(m), "\n")
	if len(lines) != maxHeight || ansi.StringWidth(lines[0]) != maxWidth {
		t.Errorf("dialog is %dx%d, want %dx%d", ansi.StringWidth(lines[0]), len(lines), maxWidth, maxHeight)
	}
}
