package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
)

// inputMaxLines is how tall the input grows, terminal permitting.
const inputMaxLines = 8

// newInput builds the textarea: it grows from one line to eight, and
// Enter is ours (send), so its own newline binding is replaced. Its
// styles come with the chat's (applyStyles).
func newInput(keys KeyMap) textarea.Model {
	ta := textarea.New()
	ta.Placeholder = placeholder(keys)
	ta.ShowLineNumbers = false
	// The mark starts the prompt; its other lines are indented to match.
	ta.SetPromptFunc(2, func(l textarea.PromptInfo) string {
		if l.LineNumber == 0 {
			return "› "
		}
		return "  "
	})
	ta.DynamicHeight = true
	ta.MinHeight = 1
	ta.MaxHeight = inputMaxLines
	ta.CharLimit = 0
	ta.KeyMap.InsertNewline.SetEnabled(false)
	// The search key (ctrl+f) is the textarea's cursor-forward too; the
	// search has it, and right arrow still moves. The reasoning toggle
	// (ctrl+t) is its transpose key: the toggle has it.
	giveUp(&ta.KeyMap.CharacterForward, keys.Search)
	giveUp(&ta.KeyMap.TransposeCharacterBackward, keys.ToggleReasoning)
	// The terminal's own cursor: it blinks by itself, so the screen is not
	// redrawn twice a second for a blinking virtual one.
	ta.SetVirtualCursor(false)
	ta.Focus()
	return ta
}

// giveUp takes the keys of the chat's binding ours from the textarea's
// binding b; a binding left with no key is turned off.
func giveUp(b *key.Binding, ours key.Binding) {
	if !ours.Enabled() {
		return
	}
	left := slices.DeleteFunc(slices.Clone(b.Keys()), func(k string) bool { return slices.Contains(ours.Keys(), k) })
	if len(left) == 0 {
		b.SetEnabled(false)
		return
	}
	b.SetKeys(left...)
}

// placeholder invites a first prompt and names the keys that send and
// add a line, as they are bound.
func placeholder(k KeyMap) string {
	var how []string
	if k.Send.Enabled() {
		how = append(how, k.Send.Help().Key+" sends")
	}
	if k.Newline.Enabled() {
		how = append(how, k.Newline.Help().Key+" adds a line")
	}
	if len(how) == 0 {
		return "Ask anything…"
	}
	return "Ask anything…  (" + strings.Join(how, ", ") + ")"
}

// The chat changes the input's text directly in a few places: a newline,
// a paste, a recalled prompt. The textarea scrolls to its cursor against
// the text its last View drew, so when such a change makes the text
// taller than the input, the cursor would sit below the input until the
// next key. These helpers change the text and then let the textarea catch
// up: an Update with no message redraws the text and scrolls again.

// insertInput inserts s at the cursor.
func (m *Model) insertInput(s string) {
	m.input.InsertString(s)
	m.syncInput()
}

// setInput replaces the text with s, cursor at its end.
func (m *Model) setInput(s string) {
	m.input.SetValue(s)
	m.syncInput()
}

func (m *Model) syncInput() {
	m.input, _ = m.input.Update(nil)
}
