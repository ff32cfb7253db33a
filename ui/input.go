package ui

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
