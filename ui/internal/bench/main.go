// Command bench is a bare Bubble Tea v2 program: the alternate screen, a
// focused textarea and nothing else. It is the baseline that lockchat's
// CPU use at rest and its time to the first screen are measured against,
// the same way, in the same terminal; README.md has the commands.
//
// By default the textarea uses the terminal's cursor, as lockchat's input
// does, so that the only periodic work is Bubble Tea's own renderer tick;
// -blink gives it the textarea's default blinking virtual cursor instead,
// and -fps sets the renderer's rate (tea.WithFPS; 0 keeps Bubble Tea's 60).
package main

import (
	"flag"
	"fmt"
	"os"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

// placeholder is what the first screen shows; it starts the same way as
// lockchat's, so one pattern finds the first screen of both.
const placeholder = "Ask anything (a bare Bubble Tea program)"

type model struct {
	input textarea.Model
}

func newModel(blink bool) model {
	ta := textarea.New()
	ta.Placeholder = placeholder
	ta.ShowLineNumbers = false
	ta.SetVirtualCursor(blink)
	ta.Focus()
	return model{input: ta}
}

// Init starts the cursor's blinking when the cursor is a virtual one.
func (m model) Init() tea.Cmd {
	if m.input.VirtualCursor() {
		return textarea.Blink
	}
	return nil
}

// Update sizes the textarea, quits on ctrl+c and esc, and passes the rest
// to the textarea.
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.input.SetWidth(msg.Width)
	case tea.KeyPressMsg:
		if s := msg.String(); s == "ctrl+c" || s == "esc" {
			return m, tea.Quit
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// View shows the textarea on the alternate screen.
func (m model) View() tea.View {
	v := tea.NewView(m.input.View())
	v.AltScreen = true
	v.Cursor = m.input.Cursor()
	return v
}

func main() {
	blink := flag.Bool("blink", false, "give the textarea its default blinking virtual cursor")
	fps := flag.Int("fps", 0, "renderer frames per second, 1 to 120 (0: Bubble Tea's default)")
	flag.Parse()
	if _, err := tea.NewProgram(newModel(*blink), tea.WithFPS(*fps)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
