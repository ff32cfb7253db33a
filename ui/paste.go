package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/lockchat/lockchat/session"
)

// A paste longer than this goes into the input as a one-line placeholder,
// such as "[pasted text #1: 2,001 lines]", and is put back in its place
// when the prompt is sent. The textarea redraws all of its text on every
// key, so a pasted log of 100 KB made each key take 70 ms.
const (
	pasteMaxLines = 100
	pasteMaxBytes = 8 << 10
)

// pastes holds the long pastes of the prompt being written; the nth is
// numbered n.
type pastes struct {
	text map[string]string // placeholder → pasted text
	// extra is what each paste adds to the footer's token count over its
	// placeholder, counted once as it is pasted, not on every key.
	extra map[string]int
}

// insertLong puts a placeholder for text at the cursor if text is long,
// and reports whether it did.
// Terminals send a paste's line ends as CR, so the lines are counted in
// the cleaned text.
func (m *Model) insertLong(text string) bool {
	if len(text) <= pasteMaxBytes && strings.Count(text, "\n")+strings.Count(text, "\r") < pasteMaxLines {
		return false // short whatever the line ends: the textarea takes it as it is
	}
	text = cleanPaste(text)
	if len(text) <= pasteMaxBytes && strings.Count(text, "\n") < pasteMaxLines {
		m.insertInput(text)
		return true
	}
	if m.pastes.text == nil {
		m.pastes.text, m.pastes.extra = map[string]string{}, map[string]int{}
	}
	placeholder := fmt.Sprintf("[pasted text #%d: %s]", len(m.pastes.text)+1, plural(strings.Count(strings.TrimSuffix(text, "\n"), "\n")+1, "line"))
	m.pastes.text[placeholder] = text
	m.pastes.extra[placeholder] = countTokens(text) - countTokens(placeholder)
	m.insertInput(placeholder)
	return true
}

// expandPastes replaces the placeholders left in s by their text, in one
// pass, so a pasted text that happens to hold a placeholder stays as it is.
// A placeholder the user has edited is no longer one: it stays as typed.
func (m *Model) expandPastes(s string) string {
	if len(m.pastes.text) == 0 {
		return s
	}
	pairs := make([]string, 0, 2*len(m.pastes.text))
	for placeholder, text := range m.pastes.text {
		pairs = append(pairs, placeholder, text)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// inputTokens is what the input costs as it will be sent: its long
// pastes in full, not their placeholders.
func (m *Model) inputTokens() int {
	typed := m.input.Value()
	n := countTokens(typed)
	for placeholder, extra := range m.pastes.extra {
		if strings.Contains(typed, placeholder) {
			n += extra
		}
	}
	return n
}

// titleOf titles a conversation by the prompt as typed: by its own words,
// not by the long pastes it holds (a pasted log's first line is no
// title). A prompt that is only pastes is titled by its placeholder.
func (m *Model) titleOf(typed string) string {
	words := typed
	for placeholder := range m.pastes.text {
		words = strings.ReplaceAll(words, placeholder, "")
	}
	if t := session.Title(words); t != "" {
		return t
	}
	return session.Title(typed)
}

// cleanPaste normalises line endings and drops what a terminal put around
// the text: colour codes from a copied log and other control characters.
// Tabs stay, unlike in the textarea, since code may need them.
func cleanPaste(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(ansi.Strip(s), "\r", "\n")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}
