package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/lockchat/lockchat/ui/filterlist"
)

// menuOpen reports whether the model menu is the open dialog.
func menuOpen(m *Model) bool {
	_, ok := m.dialog.(*modelMenu)
	return ok
}

// noteDialog is a dialog that only this test knows: it proves that the
// root needs nothing from a dialog but the interface. Enter asks for a
// notice, Esc closes, and a message of its own changes what it shows.
type noteDialog struct {
	text   string
	width  int
	styled bool
}

type noteTextMsg struct{ text string }

type showNotice struct{ text string }

func (a showNotice) apply(m *Model) tea.Cmd {
	m.dialog = nil
	m.footer.push(a.text, false)
	return nil
}

func (d *noteDialog) Update(msg tea.Msg) (action, tea.Cmd) {
	switch msg := msg.(type) {
	case noteTextMsg:
		d.text = msg.text
	case tea.KeyPressMsg:
		switch msg.Code {
		case tea.KeyEnter:
			return showNotice{text: "noted: " + d.text}, nil
		case tea.KeyEscape:
			return closeDialog{}, nil
		}
	}
	return nil, nil
}

func (d *noteDialog) View() string {
	return lipgloss.NewStyle().Border(lipgloss.NormalBorder()).Render("NOTE " + d.text)
}
func (d *noteDialog) SetSize(w, _ int)              { d.width = w }
func (d *noteDialog) SetStyles(_ filterlist.Styles) { d.styled = true }

// TestDialogContract: the root shows any dialog over the transcript,
// hands it keys and its own messages, resizes and restyles it, and applies
// the action it returns; the input gets the keys back once it closes.
func TestDialogContract(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Theme = "auto"
	m := newSized(t, opts, 80, 24)
	m = typeText(m, "draft")
	d := &noteDialog{text: "first"}
	m.openDialog(d)
	if d.width != 80 {
		t.Errorf("the dialog was not sized on opening: width %d", d.width)
	}
	m, _ = step(m, noteTextMsg{text: "second"})
	m = typeText(m, "xyz") // to the dialog, not the input
	if s := screen(m); !strings.Contains(s, "NOTE second") {
		t.Errorf("the dialog's own message did not reach it:\n%s", s)
	}
	if m.View().Cursor != nil {
		t.Errorf("the input's cursor shows under a dialog")
	}
	m, _ = step(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	m, _ = step(m, tea.BackgroundColorMsg{Color: lipgloss.Color("#ffffff")})
	if d.width != 60 || !d.styled {
		t.Errorf("resize or restyle did not reach the dialog: width %d, styled %v", d.width, d.styled)
	}
	m, _ = press(m, tea.KeyEnter, 0)
	if m.dialog != nil || !strings.Contains(screen(m), "noted: second") {
		t.Errorf("the dialog's action was not applied (dialog %T):\n%s", m.dialog, screen(m))
	}
	if m.input.Value() != "draft" {
		t.Errorf("keys meant for the dialog reached the input: %q", m.input.Value())
	}
	m.openDialog(&noteDialog{})
	m, _ = press(m, tea.KeyEscape, 0)
	m = typeText(m, "!")
	if m.dialog != nil || m.input.Value() != "draft!" {
		t.Errorf("Esc: dialog %T, input %q; want closed and the keys back", m.dialog, m.input.Value())
	}
}

// TestDialogResultsArriveLate: a fetch result that comes after its dialog
// closed, or while another dialog is open, changes nothing.
func TestDialogResultsArriveLate(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = press(m, 'l', tea.ModCtrl)
	m, _ = press(m, tea.KeyEscape, 0)
	m, cmd := step(m, modelsMsg{ids: []string{"late-model"}})
	if m.dialog != nil || cmd != nil || strings.Contains(screen(m), "late-model") {
		t.Errorf("a late model list did something: dialog %T, command %v", m.dialog, cmd != nil)
	}
	m, _ = press(m, 'l', tea.ModCtrl)
	m, _ = step(m, convsMsg{err: errors.New("boom")})
	if !menuOpen(m) || strings.Contains(screen(m), "boom") {
		t.Errorf("the conversation list's result reached the model menu:\n%s", screen(m))
	}
	m, _ = step(m, modelsMsg{err: errors.New("the server said no")})
	if !strings.Contains(screen(m), "The server did not list its models: the server said no") {
		t.Errorf("the menu does not say why it has no server models:\n%s", screen(m))
	}
}

// TestChooseTheSameModel: choosing the model in use closes the menu and
// says nothing.
func TestChooseTheSameModel(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = press(m, 'l', tea.ModCtrl)
	m, _ = press(m, tea.KeyEnter, 0)
	if m.dialog != nil || m.model != "gpt-4" || m.footer.text != "" {
		t.Errorf("dialog %T, model %q, notice %q; want closed, gpt-4, none", m.dialog, m.model, m.footer.text)
	}
}
