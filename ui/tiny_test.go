package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// TestTinyAndOddSizes: a terminal squeezed to nothing, or a size that
// arrives mid-stream, never panics and keeps the text.
func TestTinyAndOddSizes(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = sendPrompt(t, m, "hello")
	m = deliver(m, "Some **markdown** text\n\n```go\nfunc f() {}\n```\n")
	for _, size := range [][2]int{{1, 1}, {0, 0}, {3, 2}, {10, 3}, {500, 2}, {40, 200}, {80, 24}} {
		m, _ = step(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		_ = m.View()
		m = deliver(m, " more")
		_ = m.View()
	}
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
	if got := m.tr.last().text.String(); got != "Some **markdown** text\n\n```go\nfunc f() {}\n```\n more more more more more more more" {
		t.Errorf("text after resizes: %q", got)
	}
	if !strings.Contains(screen(m), "more more") {
		t.Errorf("the reply is not on screen after the resizes:\n%s", screen(m))
	}
}

// TestCtrlCInADialog: ctrl+c keeps its meaning with a dialog open: it
// stops a streaming reply (closing the dialog, the app stays), and with
// nothing streaming it quits.
func TestCtrlCInADialog(t *testing.T) {
	m := newSized(t, testOptions(newTestClock()), 80, 24)
	m, _ = sendPrompt(t, m, "hello")
	m, _ = press(m, 'l', tea.ModCtrl)
	if !menuOpen(m) {
		t.Fatal("ctrl+l did not open the model menu")
	}
	m, cmd := press(m, 'c', tea.ModCtrl)
	if quit := quits(run(cmd)); m.stream.active || m.dialog != nil || quit {
		t.Fatalf("ctrl+c while streaming: active %v, dialog %T, quit %v; want stopped, closed, no quit",
			m.stream.active, m.dialog, quit)
	}
	m, _ = press(m, 'o', tea.ModCtrl) // no store: a notice, no dialog
	m, _ = press(m, 'l', tea.ModCtrl)
	if _, cmd = press(m, 'c', tea.ModCtrl); !quits(run(cmd)) {
		t.Error("ctrl+c in the menu with nothing streaming did not quit")
	}
}

// TestScreenFitsTheTerminal: at every width from 40 to 300 columns, each
// screen (welcome, full help, a reply with code and a table, the model
// menu) has no line wider than the terminal and no more lines than it.
func TestScreenFitsTheTerminal(t *testing.T) {
	reply := "## A heading\n\nA paragraph with `code` and a very long unbreakable word " +
		strings.Repeat("x", 90) + " 日本語のテキスト 🙂 emoji.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nfunc main() { fmt.Println(\"" + strings.Repeat("a long string in code ", 12) + "\") }\n```\n"
	for _, size := range [][2]int{{40, 30}, {41, 30}, {60, 30}, {80, 30}, {120, 30}, {300, 30}, {80, 12}, {40, 10}} {
		w, h := size[0], size[1]
		opts := testOptions(newTestClock())
		opts.Model = "accounts/fireworks/models/llama-v3p1-405b-instruct-with-a-very-long-name"
		opts.Models = []string{opts.Model, "qwen2.5-coder:32b-instruct-q8_0-and-then-some-more-words"}
		opts.Notices = []string{strings.Repeat("A start-up notice about the config file. ", 5)}
		m := newSized(t, opts, w, h)
		check := func(what string) {
			t.Helper()
			v := m.View()
			lines := strings.Split(v.Content, "\n")
			if c := v.Cursor; c != nil && (c.X < 0 || c.X >= w || !cursorOnInput(m, v)) {
				t.Errorf("%d×%d, %s: the cursor at %d,%d is not on the input", w, h, what, c.X, c.Y)
			}
			if len(lines) > h {
				t.Errorf("%d columns, %s: %d lines on a %d-line terminal", w, what, len(lines), h)
			}
			for i, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("%d columns, %s: line %d is %d wide: %q", w, what, i, lw, ansi.Strip(l))
				}
			}
		}
		check("welcome")
		m, _ = press(m, 'g', tea.ModCtrl)
		check("full help")
		m, _ = press(m, 'g', tea.ModCtrl)
		m, _ = sendPrompt(t, m, "日本語で長い質問をします、そしてこのタイトルはとても長いです "+strings.Repeat("y", 80))
		m = deliver(m, reply)
		check("mid-stream")
		m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})
		check("finished reply")
		m, _ = sendPrompt(t, m, "again")
		retry := client.RetryInfo{Attempt: 2, MaxAttempts: 4, Delay: 9 * time.Second,
			Reason: "HTTP 503: the upstream service is overloaded right now, please try again later."}
		m, _ = step(m, chunkMsg{id: m.stream.id, retry: &retry})
		check("retry countdown")
		m, _ = step(m, chunkMsg{id: m.stream.id, text: "partial", ended: true, err: &client.Error{
			Kind: client.KindNetwork, Message: "The connection broke while the reply was streaming (connection reset by peer). The text received so far is kept."}})
		check("inline error")
		m, _ = press(m, 'l', tea.ModCtrl)
		check("model menu")
		m, _ = press(m, tea.KeyEscape, 0)
		m.opts.Reader = listReader{}
		m, cmd := press(m, 'o', tea.ModCtrl)
		m, _ = step(m, cmd())
		if !strings.Contains(screen(m), "Conversation 0 about") {
			t.Errorf("%d columns: the conversation list is not on screen:\n%s", w, screen(m))
		}
		check("conversation list")
		m, _ = press(m, tea.KeyEscape, 0)
		m.footer.push(strings.Repeat("A long notice that goes on. ", 20), true)
		m.cache.screenValid = false
		if !strings.Contains(screen(m), "A long notice") {
			t.Errorf("%d columns: the notice is not on screen", w)
		}
		check("long notice")
		for i := range 12 {
			m = typeText(m, fmt.Sprintf("line %d of a long prompt", i))
			m, _ = press(m, 'j', tea.ModCtrl)
		}
		check("a twelve-line prompt")
		m, _ = press(m, 'g', tea.ModCtrl)
		check("a twelve-line prompt and the full help")
	}
}

// listReader lists conversations with long, wide titles.
type listReader struct{}

func (listReader) List(limit, offset int) ([]session.Conversation, error) {
	var out []session.Conversation
	for i := range 50 {
		out = append(out, session.Conversation{ID: session.NewID(), Created: testEpoch, Updated: testEpoch,
			Title:  fmt.Sprintf("Conversation %d about 日本語 and a very long subject that never seems to end", i),
			Models: []string{"gpt-4"}, MessageCount: i})
	}
	return out, nil
}

func (listReader) Load(string) (session.Conversation, []session.Message, error) {
	return session.Conversation{}, nil, errors.New("not in this test")
}
func (listReader) Last() (session.Conversation, error) {
	return session.Conversation{}, errors.New("not in this test")
}
func (listReader) Resolve(string) (string, error) { return "", errors.New("not in this test") }

func (listReader) Prompts(string, int) ([]string, error) { return nil, errors.New("not in this test") }
