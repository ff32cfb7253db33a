package ui

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// editorReadyMsg says the input is in a private temporary file and cmd
// will open it in the user's editor; done reads it back afterwards.
type editorReadyMsg struct {
	cmd  *exec.Cmd
	done tea.ExecCallback
	err  error
}

// editorDoneMsg carries what the editor saved, or why there is nothing.
type editorDoneMsg struct {
	text string
	err  error
}

// errNoEditor is the notice for an environment that names no editor.
var errNoEditor = errors.New("set $VISUAL or $EDITOR to edit the prompt in your editor")

// openEditor writes the input (long pastes in full) to a temporary file in
// a command, then hands the terminal to $VISUAL, else $EDITOR, on it; what
// the editor saves becomes the input.
func (m *Model) openEditor() tea.Cmd {
	return prepareEditor(m.expandPastes(m.input.Value()), os.Getenv)
}

// prepareEditor returns the command that writes text to a file only the
// user can read (os.CreateTemp makes it 0600) and builds the editor's
// command line. The editor variable is run by the shell, as git and
// crontab run it, so "code --wait" and quoted paths work.
func prepareEditor(text string, getenv func(string) string) tea.Cmd {
	return func() tea.Msg {
		editor := strings.TrimSpace(cmp.Or(getenv("VISUAL"), getenv("EDITOR")))
		if editor == "" {
			return editorReadyMsg{err: errNoEditor}
		}
		f, err := os.CreateTemp("", "lockchat-prompt-*.md")
		if err != nil {
			return editorReadyMsg{err: fmt.Errorf("could not write the prompt for the editor: %v", err)}
		}
		path := f.Name()
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return editorReadyMsg{err: fmt.Errorf("could not write the prompt for the editor: %v", err)}
		}
		cmd := exec.Command("sh", "-c", editor+` "$1"`, "sh", path)
		if runtime.GOOS == "windows" {
			args := strings.Fields(editor)
			cmd = exec.Command(args[0], append(args[1:], path)...)
		}
		return editorReadyMsg{cmd: cmd, done: readEditor(editor, path)}
	}
}

// readEditor is what runs when the editor exits: it reads the file back,
// without the line end editors add, and removes it.
func readEditor(editor, path string) tea.ExecCallback {
	return func(err error) tea.Msg {
		defer os.Remove(path)
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit) && exit.ExitCode() == 127:
			return editorDoneMsg{err: fmt.Errorf("the editor %q was not found", editor)}
		case err != nil:
			return editorDoneMsg{err: fmt.Errorf("the editor failed (%v)", err)}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return editorDoneMsg{err: fmt.Errorf("could not read what the editor saved: %v", err)}
		}
		return editorDoneMsg{text: strings.TrimRight(string(data), "\r\n")}
	}
}

// handleEditorReady runs the editor, which has the terminal until it exits.
func (m *Model) handleEditorReady(msg editorReadyMsg) tea.Cmd {
	if msg.err != nil {
		m.footer.push(capitalise(msg.err.Error())+".", true)
		return nil
	}
	return tea.Exec(editorCommand{msg.cmd}, msg.done)
}

// editorCommand runs the editor for tea.Exec once Bubble Tea's renderer
// has really stopped. Bubble Tea (v2.1.1) stops it by handing its
// goroutine a signal, and that goroutine stops the frame ticker only when
// it next runs; an editor that exits at once (a script, or one that is not
// found) let Bubble Tea restart the ticker first, and the late stop then
// left the chat without frames, on a blank screen, for good. On one thread
// (see tuneRuntime in main) the stopping goroutine is next in line: yielding
// before the editor starts lets it finish.
type editorCommand struct{ *exec.Cmd }

// Run implements tea.ExecCommand.
func (c editorCommand) Run() error {
	runtime.Gosched()
	return c.Cmd.Run()
}

// SetStdin implements tea.ExecCommand.
func (c editorCommand) SetStdin(r io.Reader) { c.Stdin = r }

// SetStdout implements tea.ExecCommand.
func (c editorCommand) SetStdout(w io.Writer) { c.Stdout = w }

// SetStderr implements tea.ExecCommand.
func (c editorCommand) SetStderr(w io.Writer) { c.Stderr = w }

// handleEditorDone makes what the editor saved the input; after a failure
// the input stays as it was.
//
// Either way the screen is cleared and drawn whole: the editor drew on the
// terminal, and the renderer's idea of what is on it is stale (a loaded
// machine showed a blank screen until something else changed).
func (m *Model) handleEditorDone(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.footer.push(capitalise(msg.err.Error())+"; the input is unchanged.", true)
		return tea.ClearScreen
	}
	m.input.Reset()
	m.pastes, m.recall = pastes{}, recall{id: m.recall.id}
	if !m.insertLong(msg.text) {
		m.setInput(msg.text)
	}
	m.layout()
	return tea.ClearScreen
}

// capitalise starts a sentence with a capital letter.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
