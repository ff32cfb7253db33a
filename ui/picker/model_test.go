package picker

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
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
)

// typed returns the key presses for typing s.
func typed(s string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range s {
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return msgs
}

// send feeds msgs to m and returns the final model and the last action.
func send(t *testing.T, m Model, msgs ...tea.Msg) (Model, Action) {
	t.Helper()
	var act Action
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, act, cmd = m.Update(msg)
		if cmd != nil {
			t.Fatalf("Update(%v) returned a command", msg)
		}
	}
	return m, act
}

func newTest(current string) Model {
	m := New([]string{"gpt-4", "gpt-3.5-turbo", "llama3"}, current, DefaultStyles(true))
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
	if _, act := send(t, m, enter); act != (Action{Kind: ActionChoose, Model: "gpt-3.5-turbo"}) {
		t.Errorf("enter = %+v, want the current model", act)
	}
}

func TestCurrentNotListedIsAdded(t *testing.T) {
	m := newTest("my-custom")
	if _, act := send(t, m, enter); act.Model != "my-custom" {
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

func TestArrowsMove(t *testing.T) {
	m := newTest("gpt-4")
	tests := []struct {
		name string
		keys []tea.Msg
		want string
	}{
		{"down", []tea.Msg{down}, "gpt-3.5-turbo"},
		{"down down", []tea.Msg{down, down}, "llama3"},
		{"stops at the end", []tea.Msg{down, down, down, down}, "llama3"},
		{"ctrl+n ctrl+n ctrl+p", []tea.Msg{ctrlN, ctrlN, ctrlP}, "gpt-3.5-turbo"},
		{"up at the top", []tea.Msg{up}, "gpt-4"},
		{"pgdown", []tea.Msg{tea.KeyPressMsg{Code: tea.KeyPgDown}}, "llama3"},
		{"end home", []tea.Msg{tea.KeyPressMsg{Code: tea.KeyEnd}, tea.KeyPressMsg{Code: tea.KeyHome}}, "gpt-4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, act := send(t, m, append(tt.keys, enter)...)
			if act != (Action{Kind: ActionChoose, Model: tt.want}) {
				t.Errorf("got %+v, want %s", act, tt.want)
			}
		})
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
	if _, act := send(t, m, enter); act != (Action{Kind: ActionChoose, Model: "gpt-3.5-turbo"}) {
		t.Errorf("enter after filter = %+v", act)
	}
}

func TestFilterWordsAndCase(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, typed("TURBO")...)
	m, _ = send(t, m, space)
	m, act := send(t, m, append(typed("3.5"), enter)...)
	if act.Model != "gpt-3.5-turbo" {
		t.Errorf("filter %q chose %+v", m.filter, act)
	}
}

func TestFilterThenMove(t *testing.T) {
	m := newTest("llama3")
	_, act := send(t, m, append(typed("gpt"), down, enter)...)
	if act.Model != "gpt-3.5-turbo" {
		t.Errorf("got %+v, want the second match", act)
	}
}

func TestSlashIsText(t *testing.T) {
	m := New([]string{"a/b", "c"}, "c", DefaultStyles(false))
	_, act := send(t, m, append(typed("/"), enter)...)
	if act.Model != "a/b" {
		t.Errorf("got %+v, want a/b", act)
	}
}

func TestBackspace(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, typed("llx")...)
	if !strings.Contains(view(m), "No models match") {
		t.Errorf("want a no-match line:\n%s", view(m))
	}
	if _, act := send(t, m, enter); act.Kind != ActionNone {
		t.Errorf("enter with no match = %+v, want none", act)
	}
	m, _ = send(t, m, bs)
	if _, act := send(t, m, enter); act.Model != "llama3" {
		t.Errorf("after backspace got %+v", act)
	}
	m, _ = send(t, m, bs, bs, bs, bs) // one more than typed: harmless
	if m.filter != "" {
		t.Errorf("filter = %q", m.filter)
	}
}

func TestEsc(t *testing.T) {
	m := newTest("gpt-4")
	if _, act := send(t, m, esc); act.Kind != ActionClose {
		t.Errorf("esc with empty filter = %+v, want close", act)
	}
	m, _ = send(t, m, typed("lla")...)
	m, act := send(t, m, esc)
	if act.Kind != ActionNone || m.filter != "" {
		t.Errorf("first esc: action %+v filter %q, want filter cleared", act, m.filter)
	}
	if r := rowOf(t, m, "gpt-4"); !strings.Contains(r, "›") {
		t.Errorf("after clearing, current model not highlighted: %q", r)
	}
	if _, act := send(t, m, esc); act.Kind != ActionClose {
		t.Errorf("second esc = %+v, want close", act)
	}
}

func TestPaste(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, tea.PasteMsg{Content: "lla\x1b[2J\nma"})
	if strings.Contains(m.View(), "\x1b[2J") {
		t.Error("pasted escape sequence reached the view")
	}
	m, _ = send(t, m, tea.PasteMsg{Content: strings.Repeat("x", 10000)})
	if n := len([]rune(m.filter)); n > maxFilterRunes {
		t.Errorf("filter grew to %d runes", n)
	}
}

func TestCtrlKeysDoNotType(t *testing.T) {
	m := newTest("gpt-4")
	m, _ = send(t, m, tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}, tea.KeyPressMsg{Code: 'x', Text: "x", Mod: tea.ModAlt})
	if m.filter != "" {
		t.Errorf("filter = %q, want empty", m.filter)
	}
}

func TestServerModelsMerged(t *testing.T) {
	m := newTest("gpt-3.5-turbo")
	m, _ = send(t, m, down) // highlight llama3
	m.SetServerModels([]string{"gpt-4", "mistral", "llama3", "mistral", "", "qwen"})
	if got, want := ids(m), "gpt-4 gpt-3.5-turbo llama3 mistral qwen"; got != want {
		t.Errorf("items = %q, want %q", got, want)
	}
	if _, act := send(t, m, enter); act.Model != "llama3" {
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
	if _, act := send(t, m, enter); act.Model != "mistral" {
		t.Errorf("got %+v, want mistral", act)
	}
}

func ids(m Model) string {
	var s []string
	for _, it := range m.all {
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
	if act.Model != osc {
		t.Errorf("choice = %q, want the original id", act.Model)
	}
	_, act = send(t, m, append(typed("abc"), enter)...)
	if act.Model != bidi {
		t.Errorf("choice = %q, want the original id", act.Model)
	}
}

func TestNote(t *testing.T) {
	m := newTest("gpt-4")
	h := len(strings.Split(m.View(), "\n"))
	m.SetNote("could not fetch models: 502 \x1b[31mBad Gateway")
	v := view(m)
	if !strings.Contains(v, "could not fetch models: 502 ␛[31mBad Gateway") {
		t.Errorf("note missing or unsanitised:\n%s", v)
	}
	if got := len(strings.Split(m.View(), "\n")); got != h {
		t.Errorf("note changed the dialog height from %d to %d", h, got)
	}
	m.SetNote("")
	if strings.Contains(view(m), "could not fetch") {
		t.Error("note not cleared")
	}
}

func TestSizes(t *testing.T) {
	for _, sz := range [][2]int{{200, 60}, {80, 24}, {30, 10}, {10, 4}} {
		m := newTest("gpt-4")
		m.SetSize(sz[0], sz[1])
		lines := strings.Split(view(m), "\n")
		if len(lines) > max(sz[1], minHeight) {
			t.Errorf("%v: %d lines", sz, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > max(sz[0], minWidth) || w > maxWidth {
				t.Errorf("%v: line %q is %d wide", sz, l, w)
			}
		}
	}
}

func TestLongFilterShowsItsEnd(t *testing.T) {
	m := newTest("gpt-4")
	m.SetSize(30, 20)
	m, _ = send(t, m, tea.PasteMsg{Content: strings.Repeat("a", 60) + "END"})
	if v := view(m); !strings.Contains(v, "END▏") {
		t.Errorf("filter end not visible:\n%s", v)
	}
}

func TestPagingManyModels(t *testing.T) {
	var models []string
	for i := range 50 {
		models = append(models, fmt.Sprintf("model-%02d", i))
	}
	m := New(models, "model-00", DefaultStyles(true))
	m.SetSize(80, 12) // 10 rows: frame 2, fixed rows 3, so 5 models a page
	pgdn := tea.KeyPressMsg{Code: tea.KeyPgDown}
	pgup := tea.KeyPressMsg{Code: tea.KeyPgUp}
	m, _ = send(t, m, pgdn, pgdn, pgup, down)
	if r := rowOf(t, m, "model-06"); !strings.Contains(r, "›") {
		t.Errorf("model-06 not highlighted: %q\n%s", r, view(m))
	}
	if strings.Contains(view(m), "model-00") {
		t.Errorf("first page still shown:\n%s", view(m))
	}
	_, act := send(t, m, tea.KeyPressMsg{Code: tea.KeyEnd}, enter)
	if act.Model != "model-49" {
		t.Errorf("end = %+v", act)
	}
	m = New(models, "model-42", DefaultStyles(true))
	m.SetSize(80, 12)
	if r := rowOf(t, m, "model-42"); !strings.Contains(r, "› ● model-42") {
		t.Errorf("current model on a later page not shown highlighted: %q", r)
	}
}
