package ui

import (
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/ui/filterlist"
)

// roleMenu lists the config's named system prompts ([prompts]), each with
// the start of its text, and "No system prompt", and asks the chat to use
// the one chosen from the next message on.
type roleMenu struct{ filterlist.Model[roleItem] }

// roleItem is one row of the roles menu. Its id is noRoleID or the role's
// name after rolePrefix, so that no name can be taken for "none".
type roleItem struct {
	id      string
	name    string // sanitised, as shown and matched
	preview string // the prompt's first line, sanitised
}

const (
	noRoleID   = "none"
	rolePrefix = "role:"
)

// FilterValue implements filterlist.Item: a role is found by its name or
// by words of its prompt.
func (it roleItem) FilterValue() string { return it.name + " " + it.preview }

// ID implements filterlist.Item.
func (it roleItem) ID() string { return it.id }

// chooseRole gives the conversation the named prompt ("" and none: no
// system prompt) from the next message on.
type chooseRole struct {
	name string
	none bool
}

// openRoleMenu shows the roles menu with the system prompt in force marked.
func (m *Model) openRoleMenu() tea.Cmd {
	current := m.currentRoleID()
	cfg := filterlist.Config[roleItem]{
		Title: "Roles", Empty: roleMenuEmpty, MaxWidth: 76, MaxHeight: 20, RowHeight: 1,
		Render: renderRoleRow(current), Default: current,
		Keys: filterlist.DefaultKeyMap(), Styles: m.styles.Dialog,
	}
	d := &roleMenu{filterlist.New(cfg)}
	d.SetItems(roleItems(m.opts.Prompts))
	if len(m.opts.Prompts) == 0 {
		d.SetNote("Name system prompts in the config file's [prompts] table to list them here.")
	}
	m.openDialog(d)
	return nil
}

// currentRoleID is the menu's ID of the system prompt in force; "" when it
// has no name.
func (m *Model) currentRoleID() string {
	switch {
	case m.conv.SystemPrompt == "":
		return noRoleID
	case m.role != "":
		return rolePrefix + m.role
	}
	return ""
}

// roleItems is "No system prompt", then the roles by name.
func roleItems(prompts map[string]string) []roleItem {
	names := make([]string, 0, len(prompts))
	for n := range prompts {
		names = append(names, n)
	}
	sort.Strings(names)
	items := []roleItem{{id: noRoleID, name: "No system prompt"}}
	for _, n := range names {
		items = append(items, roleItem{id: rolePrefix + n, name: sanitize.Line(n), preview: promptPreview(prompts[n])})
	}
	return items
}

// promptPreview is the first non-blank line of a prompt, made safe.
func promptPreview(text string) string {
	for line := range strings.Lines(text) {
		if l := strings.TrimSpace(line); l != "" {
			return sanitize.Line(l)
		}
	}
	return ""
}

func roleMenuEmpty(filter string, _ int) string {
	if filter != "" {
		return "No roles match the filter."
	}
	return "No roles."
}

// renderRoleRow draws a role's name, marked when it is in force, and as
// much of its prompt as fits, dimmed.
func renderRoleRow(current string) filterlist.RenderFunc[roleItem] {
	return func(it roleItem, width int, selected bool, st filterlist.Styles) string {
		cursor, style := st.Cursor(selected)
		mark := "  "
		if it.id == current {
			mark = "● "
		}
		room := max(1, width-4)
		name := ansi.Truncate(it.name, room, "…")
		row := style.Render(cursor + mark + name)
		if left := room - ansi.StringWidth(name) - 2; it.preview != "" && left > 1 {
			row += st.Dim.Render("  " + ansi.Truncate(it.preview, left, "…"))
		}
		return row
	}
}

// Update passes keys to the list and turns a choice into chooseRole.
func (d *roleMenu) Update(msg tea.Msg) (action, tea.Cmd) {
	act, cmd := d.Model.Update(msg)
	return listAction(act, func(id string) action {
		name, ok := strings.CutPrefix(id, rolePrefix)
		return chooseRole{name: name, none: !ok}
	}), cmd
}

func (c chooseRole) apply(m *Model) tea.Cmd {
	m.dialog = nil
	text, role := "", ""
	if !c.none {
		text, role = m.opts.Prompts[c.name], c.name
	}
	if text == m.conv.SystemPrompt && role == m.role {
		return nil
	}
	m.sys = systemPrompt{text: text, role: role}
	m.footer.push(m.setSystem(text, role), false)
	return m.persist()
}
