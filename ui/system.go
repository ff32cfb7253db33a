package ui

import (
	"strings"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// roleSystem marks the transcript's entry that shows the system prompt.
const roleSystem = client.RoleSystem

// systemPrompt is a system prompt with the name it has in the config's
// [prompts] table ("" when it has none).
type systemPrompt struct {
	text, role string
}

// setSystem makes text the conversation's system prompt from the next
// request on, names it role in the header and shows it atop the
// transcript. A saved conversation keeps it in the store; a new one gets it
// when it is saved. It returns the sentence that says so.
func (m *Model) setSystem(text, role string) string {
	m.conv.SystemPrompt, m.role = text, role
	if m.convSaved {
		id, system := m.conv.ID, text
		m.queue(func(j Journal) session.Notice {
			return j.UpdateConversation(id, session.ConversationUpdate{SystemPrompt: &system})
		})
	}
	m.syncSystemEntry()
	switch {
	case text == "":
		return "No system prompt from the next message on."
	case role == "":
		return "A system prompt applies from the next message on."
	}
	return "Role: " + sanitizeLine(role) + " (from the next message on)."
}

// roleOf names a conversation's system prompt: the role of the command
// line if it has that text, else the first role by name that does; ""
// when none does.
func (m *Model) roleOf(text string) string {
	if text == "" {
		return ""
	}
	if m.opts.Role != "" && m.opts.Prompts[m.opts.Role] == text {
		return m.opts.Role
	}
	best := ""
	for name, t := range m.opts.Prompts {
		if t == text && (best == "" || name < best) {
			best = name
		}
	}
	return best
}

// systemLabel is what the header says of the system prompt in force: the
// role's name, "system prompt" when it has none, "" without one.
func (m *Model) systemLabel() string {
	switch {
	case m.conv.SystemPrompt == "":
		return ""
	case m.role != "":
		return sanitizeLine(m.role)
	}
	return "system prompt"
}

// syncSystemEntry keeps the transcript's first entry in step with the
// conversation's system prompt: an entry showing it, dimmed, while there
// is one, none otherwise. The entry is no message: it has no ID, so the
// next prompt's parent is still the last message, and it is never saved,
// sent or exported as one.
func (m *Model) syncSystemEntry() {
	t := &m.tr
	has := len(t.entries) > 0 && t.entries[0].role == roleSystem
	text := m.conv.SystemPrompt
	switch {
	case text == "" && !has:
		return
	case text == "":
		t.dropFirst()
	case has:
		t.replaceFirst(m.systemEntry(text))
	default:
		t.prepend(m.systemEntry(text))
	}
}

// systemEntry is the transcript entry that shows a system prompt; its
// model field holds the role's name.
func (m *Model) systemEntry(text string) *entry {
	e := &entry{role: roleSystem, model: m.role, status: session.StatusComplete}
	e.appendText(text)
	if m.renderer != nil {
		e.render(m.renderCtx())
	}
	return e
}

// renderSystem lays the system prompt entry out: a label naming the role
// and the prompt, both dimmed, then a blank line.
func (e *entry) renderSystem(rc renderCtx) {
	label := "▍System prompt"
	if e.model != "" {
		label += " · " + sanitizeLine(e.model)
	}
	lines := []string{rc.styles.SystemLabel.Render(label)}
	lines = append(lines, wrapStyled(rc.styles.System.Render, strings.TrimRight(e.shown(), "\n"), rc.wrapWidth())...)
	e.lines = append(lines, "")
	e.bodyStart, e.bodyEnd = 1, len(e.lines)-1
	e.head, e.stableSeen, e.dirty = 1, 0, false
}

// useSavedSystem shows a conversation just opened with its system prompt,
// or with the command line's when the user named one (SystemChosen),
// which is then saved and applies from the next request on.
func (m *Model) useSavedSystem() {
	m.role = m.roleOf(m.conv.SystemPrompt)
	if m.opts.SystemChosen && m.conv.SystemPrompt != m.opts.System {
		m.setSystem(m.opts.System, m.roleOf(m.opts.System))
		return
	}
	m.syncSystemEntry()
}
