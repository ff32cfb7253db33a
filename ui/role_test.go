package ui

import (
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

var testPrompts = map[string]string{
	"reviewer": "You are a strict code reviewer.\nName bugs first, style last.",
	"pirate":   "Talk like a pirate.",
}

// tempStore opens a store of its own for a test, with a journal writing to it.
func tempStore(t *testing.T) (*session.Store, *session.Journal) {
	t.Helper()
	store, _, err := session.Open(filepath.Join(t.TempDir(), "lockchat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store, session.NewJournal(store)
}

// runNamed runs the commands inside cmd (batches opened) whose function
// name contains name and returns their messages; no other command runs,
// so no timer is waited for.
func runNamed(cmd tea.Cmd, name string) []tea.Msg {
	if cmd == nil {
		return nil
	}
	fn := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
	if strings.Contains(fn, ".compactCmds[") {
		var out []tea.Msg
		if batch, ok := cmd().(tea.BatchMsg); ok {
			for _, c := range batch {
				out = append(out, runNamed(c, name)...)
			}
		}
		return out
	}
	if strings.Contains(fn, name) {
		return []tea.Msg{cmd()}
	}
	return nil
}

// chooseRoleInMenu opens the roles menu, filters it and presses Enter.
func chooseRoleInMenu(t *testing.T, m *Model, filter string) (*Model, tea.Cmd) {
	t.Helper()
	m, _ = press(m, 'r', tea.ModCtrl)
	if _, ok := m.dialog.(*roleMenu); !ok {
		t.Fatalf("ctrl+r opened %T, want the roles menu", m.dialog)
	}
	m = typeText(m, filter)
	m, cmd := press(m, tea.KeyEnter, 0)
	if m.dialog != nil {
		t.Fatalf("the roles menu is still open after Enter")
	}
	return m, cmd
}

// headerLine is the screen's first row, as plain text.
func headerLine(m *Model) string { return strings.SplitN(screen(m), "\n", 2)[0] }

// TestRolesMenu: ctrl+r lists "No system prompt" and the roles with the
// start of each prompt; the one chosen is sent as the system prompt from
// the next message on, named in the header and shown once, dimmed, atop
// the transcript.
func TestRolesMenu(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Prompts = testPrompts
	m := newSized(t, opts, 80, 24)
	m, _ = press(m, 'r', tea.ModCtrl)
	menu := screen(m)
	for _, want := range []string{"Roles", "● No system prompt", "pirate  Talk like a pirate.", "reviewer  You are a strict code reviewer."} {
		if !strings.Contains(menu, want) {
			t.Errorf("the roles menu lacks %q:\n%s", want, menu)
		}
	}
	m, _ = press(m, tea.KeyEscape, 0)

	m, _ = chooseRoleInMenu(t, m, "pira")
	if m.conv.SystemPrompt != testPrompts["pirate"] || !strings.Contains(headerLine(m), "gpt-4 · pirate") {
		t.Fatalf("after choosing pirate: system %q, header %q", m.conv.SystemPrompt, headerLine(m))
	}
	if got := statusLine(m); !strings.Contains(got, "Role: pirate (from the next message on).") {
		t.Errorf("status row %q", got)
	}
	m, _ = sendPrompt(t, m, "hello")
	sent := m.history(m.stream.entry)
	want := []client.Message{{Role: client.RoleSystem, Content: testPrompts["pirate"]}, {Role: client.RoleUser, Content: "hello"}}
	if !reflect.DeepEqual(sent, want) {
		t.Errorf("sent %+v, want %+v", sent, want)
	}
	m = deliver(m, "Arr.")
	m, _ = step(m, chunkMsg{id: m.stream.id, ended: true})

	s := screen(m)
	if strings.Count(s, "System prompt · pirate") != 1 || strings.Count(s, "Talk like a pirate.") != 1 {
		t.Errorf("the system prompt is not shown once:\n%s", s)
	}
	if top := strings.Index(s, "Talk like a pirate."); top > strings.Index(s, "▍You") {
		t.Errorf("the system prompt is not atop the transcript:\n%s", s)
	}
	sys := m.tr.entries[0]
	if sys.role != roleSystem || sys.lines[1] != m.styles.System.Render("  Talk like a pirate.") {
		t.Errorf("the system prompt is not drawn dimmed: %q", sys.lines)
	}
	if user := m.tr.entries[1]; user.parent != "" {
		t.Errorf("the first prompt's parent is %q, want none: the system prompt is no message", user.parent)
	}
	for _, sm := range m.snapshot() {
		if sm.Role == session.RoleSystem || sm.ID == "" {
			t.Errorf("the export holds the system prompt as a message: %+v", sm)
		}
	}
}

// TestNoSystemPrompt: "No system prompt" takes it away, from the header,
// the transcript and the next request.
func TestNoSystemPrompt(t *testing.T) {
	opts := testOptions(newTestClock())
	opts.Prompts, opts.System = testPrompts, "Be terse."
	m := newSized(t, opts, 80, 24)
	if h := headerLine(m); !strings.Contains(h, "gpt-4 · system prompt") {
		t.Errorf("an unnamed system prompt: header %q", h)
	}
	if !strings.Contains(screen(m), "Be terse.") {
		t.Errorf("the system prompt is not shown:\n%s", screen(m))
	}
	m, _ = chooseRoleInMenu(t, m, "no system")
	if m.conv.SystemPrompt != "" || strings.Contains(headerLine(m), "system prompt") || strings.Contains(screen(m), "Be terse.") {
		t.Errorf("the system prompt stayed: %q\n%s", m.conv.SystemPrompt, screen(m))
	}
	m, _ = sendPrompt(t, m, "hi")
	if sent := m.history(m.stream.entry); len(sent) != 1 || sent[0].Role != client.RoleUser {
		t.Errorf("sent %+v, want the prompt alone", sent)
	}
}

// TestRoleIsSavedWithTheConversation: a role chosen in a saved
// conversation is stored (UpdateConversation), so reopening it brings the
// prompt back, named; Ctrl+N starts the next conversation with it too.
func TestRoleIsSavedWithTheConversation(t *testing.T) {
	store, journal := tempStore(t)
	opts := testOptions(newTestClock())
	opts.Prompts, opts.Journal, opts.Reader = testPrompts, journal, store
	m := newSized(t, opts, 80, 24)
	m, sent := sendPrompt(t, m, "first")
	m, _ = settle(t, m, sent)
	var cmd tea.Cmd
	m, cmd = chooseRoleInMenu(t, m, "review")
	m, _ = settleStore(t, m, cmd)
	saved, err := store.Conversation(m.conv.ID)
	if err != nil || saved.SystemPrompt != testPrompts["reviewer"] {
		t.Fatalf("stored system prompt %q (%v), want the reviewer's", saved.SystemPrompt, err)
	}

	m, _ = press(m, 'n', tea.ModCtrl)
	if m.conv.SystemPrompt != testPrompts["reviewer"] || !strings.Contains(headerLine(m), "reviewer") {
		t.Errorf("ctrl+n: system %q, header %q; want the role chosen last", m.conv.SystemPrompt, headerLine(m))
	}

	other := newSized(t, testOptions(newTestClock()), 80, 24)
	other.opts.Prompts = testPrompts
	other, _ = step(other, loadConversation(store, saved.ID, false)())
	if other.conv.SystemPrompt != testPrompts["reviewer"] || !strings.Contains(headerLine(other), "reviewer") ||
		!strings.Contains(screen(other), "Name bugs first, style last.") {
		t.Errorf("reopened: system %q, header %q\n%s", other.conv.SystemPrompt, headerLine(other), screen(other))
	}
}

// TestRoleOnTheCommandLineAppliesToAResumedConversation: with --role (or
// --system) and -c, the reopened conversation takes the command line's
// prompt from the next request on, and keeps it in the store.
func TestRoleOnTheCommandLineAppliesToAResumedConversation(t *testing.T) {
	store, journal := tempStore(t)
	conv := session.Conversation{ID: session.NewID(), Title: "old", SystemPrompt: "Old prompt."}
	if err := store.CreateConversation(conv); err != nil {
		t.Fatal(err)
	}
	opts := testOptions(newTestClock())
	opts.Prompts, opts.Journal, opts.Reader = testPrompts, journal, store
	opts.System, opts.Role, opts.SystemChosen, opts.Continue = testPrompts["pirate"], "pirate", true, true
	m := newSized(t, opts, 80, 24)
	m, cmd := step(m, loadConversation(store, "", true)())
	m, _ = settleStore(t, m, cmd)
	if m.conv.ID != conv.ID || m.conv.SystemPrompt != testPrompts["pirate"] || !strings.Contains(headerLine(m), "pirate") {
		t.Fatalf("resumed %s: system %q, header %q", m.conv.ID, m.conv.SystemPrompt, headerLine(m))
	}
	if saved, _ := store.Conversation(conv.ID); saved.SystemPrompt != testPrompts["pirate"] {
		t.Errorf("stored system prompt %q, want the pirate's", saved.SystemPrompt)
	}
}
